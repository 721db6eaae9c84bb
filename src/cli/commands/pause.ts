/** `junmai-sync pause [DEST]` and `junmai-sync resume [DEST]`: hold uploads, persisted in the queue. */
import type { Command } from "commander";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

export function registerPause(program: Command, run: Run): void {
  for (const paused of [true, false]) {
    program
      .command(paused ? "pause" : "resume")
      .description(
        paused
          ? "Pause uploads to one destination, or to all: running uploads finish, queued jobs wait (and new ones can still be queued). Holds across restarts."
          : "Resume uploads to one destination, or to all.",
      )
      .argument("[destination]", "a destination name; default: all destinations")
      .option("--json", "print as JSON")
      .action((destination: string | undefined, flags: { json?: boolean }) =>
        run((context) =>
          withService(context, async (service) => {
            if (paused) await service.pause(destination);
            else await service.resume(destination);
            const what = destination === undefined ? "all uploads" : `uploads to ${destination}`;
            if (flags.json) printJson(context, { destination: destination ?? null, paused });
            else if (paused)
              context.out.write(
                `Paused ${what}; running uploads finish. Resume with \`junmai-sync resume${destination === undefined ? "" : ` ${destination}`}\`.\n`,
              );
            else context.out.write(`Resumed ${what}.\n`);
            return EXIT.OK;
          }),
        ),
      );
  }
}
