/** `junmai-sync notify test`: sends a sample batch message to every channel (or one) and says how each went. */
import type { Command } from "commander";
import { SyncError } from "../../domain/errors.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { errorLines } from "../render/format.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

export function registerNotify(program: Command, run: Run): void {
  const notify = program
    .command("notify")
    .description("Batch notifications (webhook, Slack, Discord, ntfy, email).");
  notify
    .command("test")
    .description("Send a sample batch message to every configured channel, or to one, and report each.")
    .option("--channel <name>", "only this channel (its `name`, or type#position like slack#1)")
    .option("--json", "print as JSON")
    .action((flags: { channel?: string; json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          const channels = service.config.notify;
          const known = channels.map((channel) => channel.name);
          if (channels.length === 0 || (flags.channel !== undefined && !known.includes(flags.channel))) {
            throw new SyncError(
              "USAGE",
              channels.length === 0
                ? "No notification channels are configured."
                : `There is no channel named "${flags.channel}" (known: ${known.join(", ")}).`,
              {
                hint: "Add channels under `notify` in the config file; docs/notifications.md shows each kind.",
              },
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
              if (outcome.ok) context.out.write(`${context.colors.green("✓")} ${outcome.channel}: sent\n`);
              else {
                context.out.write(`${context.colors.red("✗")} ${outcome.channel}\n`);
                if (outcome.error !== undefined)
                  context.out.write(`${errorLines(outcome.error.toInfo()).join("\n")}\n`);
              }
            }
          }
          return outcomes.every((outcome) => outcome.ok) ? EXIT.OK : EXIT.FAILED;
        }),
      ),
    );
}
