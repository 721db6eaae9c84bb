/** `junmai-sync retry <JOB_ID | --all>` and `junmai-sync cancel <JOB_ID>`. */
import type { Command } from "commander";
import { SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { parseJobId } from "./status.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

export function registerRetry(program: Command, run: Run, tr: Translator): void {
  program
    .command("retry")
    .description(tr.t("queue.retry.description"))
    .argument("[job]", tr.t("status.arg.job"))
    .option("--all", tr.t("queue.retry.option.all"))
    .option("--json", tr.t("cli.option.json"))
    .action((job: string | undefined, flags: { all?: boolean; json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          if (flags.all === true && job !== undefined) {
            throw new SyncError("USAGE", say("queue.retry.error.both"));
          }
          if (flags.all === true) {
            const count = await service.retryAllFailed();
            if (flags.json) printJson(context, { requeued: count });
            else context.out.write(`${context.tr.plural("queue.retry.requeued", count)}\n`);
            return EXIT.OK;
          }
          if (job === undefined) throw new SyncError("USAGE", say("queue.retry.error.none"));
          const retried = await service.retryFailed(parseJobId(job));
          if (flags.json) printJson(context, retried);
          else context.out.write(`${context.tr.t("queue.retry.done", { id: retried.id })}\n`);
          return EXIT.OK;
        }),
      ),
    );
}

export function registerCancel(program: Command, run: Run, tr: Translator): void {
  program
    .command("cancel")
    .description(tr.t("queue.cancel.description"))
    .argument("<job>", tr.t("status.arg.job"))
    .option("--json", tr.t("cli.option.json"))
    .action((job: string, flags: { json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          const cancelled = await service.cancel(parseJobId(job));
          if (flags.json) printJson(context, cancelled);
          else context.out.write(`${context.tr.t("queue.cancel.done", { id: cancelled.id })}\n`);
          return EXIT.OK;
        }),
      ),
    );
}
