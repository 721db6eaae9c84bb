/** `junmai-sync doctor`: is everything in place to upload? One line per check. */
import type { Command } from "commander";
import { t } from "../../i18n/message.js";
import type { CommandContext } from "../context.js";
import { EXIT, exitCodeFor } from "../exit-codes.js";

export function registerDoctor(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
): void {
  program
    .command("doctor")
    .description("Check rclone, the config, the data directory, the queue database and every destination.")
    .option("--json", "print as JSON")
    .action((flags: { json?: boolean }) =>
      run(async (context) => {
        // Loaded on use: every command pays at start-up for what main.ts imports.
        const { runDoctorReport } = await import("../../app/doctor.js");
        const report = await runDoctorReport({
          configPath: context.globals.config,
          dataDir: context.globals.dataDir,
          rcloneConfigPath: context.globals.rcloneConfig,
        });
        const { checks } = report;
        const failures = checks.filter((check) => !check.ok);
        if (flags.json) {
          context.out.write(
            `${JSON.stringify({ ok: failures.length === 0, checks, paths: report.paths, notices: report.notices }, null, 2)}\n`,
          );
        } else {
          const { colors, out } = context;
          for (const check of checks) {
            const mark = check.ok ? colors.green("✓") : colors.red("✗");
            out.write(`${mark} ${check.name.padEnd(20)} ${check.detail}\n`);
            if (check.error !== undefined) {
              if (check.error.message !== check.detail)
                out.write(`    ${check.error.code}: ${check.error.message}\n`);
              else out.write(`    ${check.error.code}\n`);
              for (const line of check.error.hint.split("\n")) out.write(`    hint: ${line}\n`);
            }
          }
          out.write(`\n${t("doctor.pathsHeader")}\n`);
          const width = Math.max(...report.paths.map((line) => line.name.length));
          for (const line of report.paths)
            out.write(`  ${line.name.padEnd(width)}  ${line.path}  (${line.from})\n`);
          for (const notice of report.notices) out.write(`${colors.yellow("notice")} ${notice}\n`);
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
