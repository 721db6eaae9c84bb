/** `junmai-sync repair`: recovers a damaged queue database (app/repair.ts). */
import type { Command } from "commander";
import { repairQueue } from "../../app/repair.js";
import { resolvePaths } from "../../config/paths.js";
import { t } from "../../i18n/message.js";
import { type CommandContext, printJson } from "../context.js";
import { EXIT } from "../exit-codes.js";

interface RepairFlags {
  readonly json?: boolean;
}

export function registerRepair(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
): void {
  program
    .command("repair")
    .description(
      "Recover a damaged queue database: keep it aside in the data dir, copy every readable job into a fresh one.",
    )
    .option("--json", "print the result as JSON")
    .action((flags: RepairFlags) =>
      run(async (context) => {
        const { dataDir } = resolvePaths({
          configFlag: context.globals.config,
          dataDirFlag: context.globals.dataDir,
          cwd: process.cwd(),
        });
        const report = await repairQueue(dataDir);
        if (flags.json) printJson(context, report);
        else if (report.aside === null)
          context.out.write(`${t("faults.repairNothing", { file: report.file })}\n`);
        else
          context.out.write(
            `${t("faults.repairDone", {
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
