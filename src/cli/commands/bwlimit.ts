/** `junmai-sync bwlimit [RATE] [--to DEST]`: show or change a bandwidth limit live. */
import type { Command } from "commander";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { bandwidthLine } from "../render/hold.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

interface BwlimitFlags {
  readonly to?: string;
  readonly json?: boolean;
}

export function registerBwlimit(program: Command, run: Run, tr: Translator): void {
  program
    .command("bwlimit")
    .description(tr.t("queue.bwlimit.description"))
    .argument("[rate]", tr.t("queue.bwlimit.arg.rate"))
    .option("--to <destination>", tr.t("queue.bwlimit.option.to"))
    .option("--json", tr.t("cli.option.json"))
    .action((rate: string | undefined, flags: BwlimitFlags) =>
      run((context) =>
        withService(context, async (service) => {
          if (rate !== undefined) await service.setBandwidth(rate, flags.to);
          const status = await service.getQueueStatus();
          const limits = [
            { destination: null, bandwidth: status.bandwidth },
            ...status.destinations.map((d) => ({ destination: d.name, bandwidth: d.bandwidth })),
          ].filter((limit) => flags.to === undefined || limit.destination === flags.to);
          if (flags.json) {
            printJson(context, flags.to === undefined ? limits : limits[0]);
            return EXIT.OK;
          }
          for (const { destination, bandwidth } of limits) {
            if (destination !== null && bandwidth === null && flags.to === undefined) continue;
            const { tr } = context;
            const what = destination === null ? tr.t("queue.bwlimit.all") : destination;
            const limit = bandwidth === null ? tr.t("hold.noLimit") : bandwidthLine(tr, bandwidth);
            context.out.write(`${tr.t("queue.bwlimit.line", { what, limit })}\n`);
          }
          return EXIT.OK;
        }),
      ),
    );
}
