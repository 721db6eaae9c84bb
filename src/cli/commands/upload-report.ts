/** What `upload --wait` says at the end: the batch's counts, what each destination got, failures. */
import type { HeldBy } from "../../app/held-batch.js";
import type { SyncService } from "../../app/sync-service.js";
import type { BatchSummary } from "../../domain/batch.js";
import { type CommandContext, printJson } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { errorLines, remoteOf } from "../render/format.js";
import { heldLines } from "../render/held.js";
import { deliveryLines } from "../render/rendition.js";

/** Held by a destination that needs attention: say why, in rclone's words, and fail. */
export function reportHeld(
  context: CommandContext,
  batchId: number,
  held: HeldBy[],
  json: boolean | undefined,
): number {
  if (json) printJson(context, { batch: batchId, status: "held", heldBy: held });
  else context.err.write(`${heldLines(context.tr, batchId, held).join("\n")}\n`);
  return EXIT.FAILED;
}

/** The finished batch; exits non-zero unless every job was delivered. */
export async function reportBatch(
  context: CommandContext,
  service: SyncService,
  summary: BatchSummary,
  json: boolean | undefined,
  elapsedMs: number,
): Promise<number> {
  const failed = await service.listJobs({ batchId: summary.batch.id, states: ["failed"], limit: 1000 });
  const { counts } = summary;
  const delivered = counts.completed + counts.skipped;
  const ok = delivered === summary.batch.jobCount;
  if (json) {
    printJson(context, {
      batch: summary.batch,
      status: summary.status,
      counts,
      bytes: summary.bytesDone,
      elapsedMs,
      failed: failed.map((job) => ({
        id: job.id,
        source: job.sourcePath,
        remote: remoteOf(job),
        error: job.lastError,
      })),
    });
    return ok ? EXIT.OK : EXIT.FAILED;
  }
  const { colors, tr } = context;
  const parts = [
    tr.t("upload.count.completed", { count: counts.completed }),
    tr.t("upload.count.skipped", { count: counts.skipped }),
    tr.t("upload.count.failed", { count: counts.failed }),
  ];
  if (counts.cancelled > 0) parts.push(tr.t("upload.count.cancelled", { count: counts.cancelled }));
  const queued = counts.pending + counts.retrying + counts.uploading + counts.verifying;
  if (queued > 0) parts.push(tr.t("upload.count.queued", { count: queued }));
  const headline = tr.t("upload.headline", {
    batch: summary.batch.id,
    counts: parts.join(tr.t("upload.listSeparator")),
    bytes: tr.bytes(summary.bytesDone),
    elapsed: tr.duration(elapsedMs),
  });
  // Red when nothing arrived, yellow when some did: never the colour of success.
  const paint = ok ? colors.green : delivered > 0 ? colors.yellow : colors.red;
  context.out.write(`${paint(headline)}\n`);
  for (const line of await deliveryLines(service, summary.batch.id, context.tr))
    context.out.write(`  ${line}\n`);
  for (const job of failed) {
    context.out.write(
      `${colors.red("✗")} ${tr.t("upload.failedJob", { id: job.id, source: job.sourcePath })}\n`,
    );
    if (job.lastError !== null)
      context.out.write(`${errorLines(tr, job.lastError, "    ", job.attempts).join("\n")}\n`);
  }
  if (queued > 0) context.out.write(`${tr.t("upload.restQueued")}\n`);
  return ok ? EXIT.OK : EXIT.FAILED;
}
