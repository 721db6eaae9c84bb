/** `junmai-sync doctor`: is everything in place to upload? One line per check. */
import type { Command } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import type { CommandContext } from "../context.js";
import { EXIT, exitCodeFor } from "../exit-codes.js";
import { padEndColumns } from "../render/format.js";
import { textWidth } from "../render/text-width.js";

export function registerDoctor(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
  tr: Translator,
): void {
  program
    .command("doctor")
    .description(tr.t("doctor.description"))
    .option("--json", tr.t("cli.option.json"))
    .action((flags: { json?: boolean }) =>
      run(async (context) => {
        // Loaded on use: every command pays at start-up for what main.ts imports.
        const { runDoctorReport } = await import("../../app/doctor.js");
        const report = await runDoctorReport({
          configPath: context.globals.config,
          dataDir: context.globals.dataDir,
          rcloneConfigPath: context.globals.rcloneConfig,
          // JSON stays English for scripts; the terminal gets the reader's language.
          tr: flags.json ? createTranslator("en") : context.tr,
        });
        const { checks } = report;
        const failures = checks.filter((check) => !check.ok);
        if (flags.json) {
          context.out.write(
            `${JSON.stringify({ ok: failures.length === 0, checks, paths: report.paths, notices: report.notices }, null, 2)}\n`,
          );
        } else {
          const { colors, out } = context;
          const width = Math.max(20, ...checks.map((check) => textWidth(check.name)));
          for (const check of checks) {
            const mark = check.ok ? colors.green("✓") : colors.red("✗");
            out.write(`${mark} ${padEndColumns(check.name, width)} ${check.detail}\n`);
            if (check.error !== undefined) {
              if (check.error.message !== check.detail)
                out.write(`    ${check.error.code}: ${check.error.message}\n`);
              else out.write(`    ${check.error.code}\n`);
              for (const line of check.error.hint.split("\n"))
                out.write(`    ${context.tr.t("cli.hint", { hint: line })}\n`);
            }
          }
          out.write(`\n${context.tr.t("doctor.pathsHeader")}\n`);
          const nameWidth = Math.max(...report.paths.map((line) => textWidth(line.name)));
          for (const line of report.paths)
            out.write(`  ${padEndColumns(line.name, nameWidth)}  ${line.path}  (${line.from})\n`);
          for (const notice of report.notices)
            out.write(`${colors.yellow(context.tr.t("cli.noticeLabel"))} ${notice}\n`);
        }
        // The most serious failure decides: environment (3) over config (2) over a destination (1).
        return failures.reduce<number>(
          (worst, check) =>
            Math.max(worst, check.error === undefined ? EXIT.FAILED : exitCodeFor(check.error.code)),
          EXIT.OK,
        );
      }),
    );
}
