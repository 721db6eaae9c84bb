/** `junmai-sync bwlimit [RATE] [--to DEST]`: show or change a bandwidth limit live. */
import type { Command } from "commander";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { bandwidthLine } from "../render/hold.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

interface BwlimitFlags {
  readonly to?: string;
  readonly json?: boolean;
}

export function registerBwlimit(program: Command, run: Run): void {
  program
    .command("bwlimit")
    .description(
      "Show the bandwidth limits in force, or change one live for every running worker: a rate (512K, 2M), off, or auto (back to the config).",
    )
    .argument("[rate]", "512K, 2M, 1.5G (per second, rclone's units), off, or auto")
    .option("--to <destination>", "one destination's own limit instead of all uploads together")
    .option("--json", "print as JSON")
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
            const what = destination === null ? "all uploads" : destination;
            context.out.write(`${what}: ${bandwidth === null ? "no limit" : bandwidthLine(bandwidth)}\n`);
          }
          return EXIT.OK;
        }),
      ),
    );
}
