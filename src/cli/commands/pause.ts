/** `junmai-sync pause [DEST]` and `junmai-sync resume [DEST]`: hold uploads, persisted in the queue. */
import type { Command } from "commander";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

export function registerPause(program: Command, run: Run, tr: Translator): void {
  for (const paused of [true, false]) {
    program
      .command(paused ? "pause" : "resume")
      .description(paused ? tr.t("queue.pause.description") : tr.t("queue.resume.description"))
      .argument("[destination]", tr.t("queue.pause.arg.destination"))
      .option("--json", tr.t("cli.option.json"))
      .action((destination: string | undefined, flags: { json?: boolean }) =>
        run((context) =>
          withService(context, async (service) => {
            if (paused) await service.pause(destination);
            else await service.resume(destination);
            const { tr } = context;
            const said =
              destination === undefined
                ? tr.t(paused ? "queue.pause.doneAll" : "queue.resume.doneAll")
                : tr.t(paused ? "queue.pause.done" : "queue.resume.done", { name: destination });
            if (flags.json) printJson(context, { destination: destination ?? null, paused });
            else context.out.write(`${said}\n`);
            return EXIT.OK;
          }),
        ),
      );
  }
}
