/** `junmai-sync retry <JOB_ID | --all>` and `junmai-sync cancel <JOB_ID>`. */
import type { Command } from "commander";
import { SyncError } from "../../domain/errors.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { parseJobId } from "./status.js";

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

export function registerRetry(program: Command, run: Run): void {
  program
    .command("retry")
    .description(
      "Put a failed (or cancelled) job back in the queue with a fresh retry budget; --all for every failed job.",
    )
    .argument("[job]", "a job id")
    .option("--all", "every failed job")
    .option("--json", "print as JSON")
    .action((job: string | undefined, flags: { all?: boolean; json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          if (flags.all === true && job !== undefined) {
            throw new SyncError("USAGE", "Give either a job id or --all, not both.");
          }
          if (flags.all === true) {
            const count = await service.retryAllFailed();
            if (flags.json) printJson(context, { requeued: count });
            else context.out.write(`Queued ${count} failed job(s) again.\n`);
            return EXIT.OK;
          }
          if (job === undefined)
            throw new SyncError("USAGE", "Give a job id, or --all for every failed job.");
          const retried = await service.retryFailed(parseJobId(job));
          if (flags.json) printJson(context, retried);
          else context.out.write(`Job ${retried.id} is queued again.\n`);
          return EXIT.OK;
        }),
      ),
    );
}

export function registerCancel(program: Command, run: Run): void {
  program
    .command("cancel")
    .description("Cancel a job that has not finished (a running transfer is stopped).")
    .argument("<job>", "a job id")
    .option("--json", "print as JSON")
    .action((job: string, flags: { json?: boolean }) =>
      run((context) =>
        withService(context, async (service) => {
          const cancelled = await service.cancel(parseJobId(job));
          if (flags.json) printJson(context, cancelled);
          else context.out.write(`Job ${cancelled.id} is cancelled.\n`);
          return EXIT.OK;
        }),
      ),
    );
}
