/** `junmai-sync notify test`: sends a sample batch message to every channel (or one) and says how each went. */
import type { Command } from "commander";
import { SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { errorLines } from "../render/format.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

export function registerNotify(program: Command, run: Run, tr: Translator): void {
  const notify = program.command("notify").description(tr.t("notify.description"));
  notify
    .command("test")
    .description(tr.t("notify.test.description"))
    .option("--channel <name>", tr.t("notify.test.option.channel"))
    .option("--json", tr.t("cli.option.json"))
    .action((flags: { channel?: string; json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          const channels = service.config.notify;
          const known = channels.map((channel) => channel.name);
          if (channels.length === 0 || (flags.channel !== undefined && !known.includes(flags.channel))) {
            throw new SyncError(
              "USAGE",
              channels.length === 0
                ? say("notify.error.none")
                : say("notify.error.unknown", { name: flags.channel ?? "", known: known.join(", ") }),
              { hint: say("notify.error.hint") },
            );
          }
          // A quick verdict: one retry a second apart, not the daemon's patient 2/4/8 s.
          const { Notifier } = await import("../../notify/notifier.js");
          const { sampleReport } = await import("../../app/batch-report.js");
          const notifier = new Notifier(service, {
            logger: context.logger,
            delay: () => 1_000,
            follow: false,
          });
          const outcomes = await notifier.sendNow(sampleReport(), flags.channel);
          await notifier.close();
          if (flags.json) {
            printJson(
              context,
              outcomes.map((outcome) => ({
                channel: outcome.channel,
                ok: outcome.ok,
                attempts: outcome.attempts,
                error: outcome.error?.toInfo() ?? null,
              })),
            );
          } else {
            for (const outcome of outcomes) {
              if (outcome.ok)
                context.out.write(
                  `${context.colors.green("✓")} ${context.tr.t("notify.test.sent", { channel: outcome.channel })}\n`,
                );
              else {
                context.out.write(`${context.colors.red("✗")} ${outcome.channel}\n`);
                if (outcome.error !== undefined)
                  context.out.write(`${errorLines(context.tr, outcome.error).join("\n")}\n`);
              }
            }
          }
          return outcomes.every((outcome) => outcome.ok) ? EXIT.OK : EXIT.FAILED;
        }),
      ),
    );
}
