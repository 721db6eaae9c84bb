/** `junmai-sync repair`: recovers a damaged queue database (app/repair.ts). */
import type { Command } from "commander";
import { resolvePaths } from "../../config/paths.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson } from "../context.js";
import { EXIT } from "../exit-codes.js";

interface RepairFlags {
  readonly json?: boolean;
}

export function registerRepair(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
  tr: Translator,
): void {
  program
    .command("repair")
    .description(tr.t("repair.description"))
    .option("--json", tr.t("cli.option.json"))
    .action((flags: RepairFlags) =>
      run(async (context) => {
        const { dataDir } = resolvePaths({
          configFlag: context.globals.config,
          dataDirFlag: context.globals.dataDir,
          cwd: process.cwd(),
        });
        // Loaded on use: it opens the queue database, and main.ts imports this file for every command.
        const { repairQueue } = await import("../../app/repair.js");
        const report = await repairQueue(dataDir);
        if (flags.json) printJson(context, report);
        else if (report.aside === null)
          context.out.write(`${context.tr.t("faults.repairNothing", { file: report.file })}\n`);
        else
          context.out.write(
            `${context.tr.t("faults.repairDone", {
              jobs: report.perTable.jobs?.recovered ?? 0,
              recovered: report.recovered,
              lost: report.lost,
              aside: report.aside,
            })}\n`,
          );
        return report.lost > 0 ? EXIT.FAILED : EXIT.OK;
      }),
    );
}
