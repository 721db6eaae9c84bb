/** Builds the report a notification sends for a finished batch, reading only what it shows. */

import type { BatchSummary } from "../domain/batch.js";
import { type BatchReport, REPORT_LIST_LIMIT } from "../domain/batch-report.js";
import { sentencesOf } from "../domain/errors.js";
import { hostId } from "../platform/host.js";
import type { SyncService } from "./sync-service.js";

/** Jobs read to find the destinations and share links; a batch's jobs rarely differ in those. */
const SAMPLE_JOBS = 500;

export async function buildBatchReport(
  service: SyncService,
  summary: BatchSummary,
  now: number = Date.now(),
): Promise<BatchReport> {
  const { batch, counts } = summary;
  const [failed, sample] = await Promise.all([
    counts.failed > 0
      ? service.listJobs({ batchId: batch.id, states: ["failed"], limit: REPORT_LIST_LIMIT })
      : Promise.resolve([]),
    service.listJobs({ batchId: batch.id, limit: SAMPLE_JOBS }),
  ]);
  const finishedAt = Math.max(batch.createdAt, ...sample.map((job) => job.finishedAt ?? 0));
  return {
    version: 1,
    event: summary.status === "failed" ? "batch.failed" : "batch.completed",
    batch: { id: batch.id, name: batch.name },
    files: {
      total: batch.jobCount,
      delivered: counts.completed + counts.skipped,
      failed: counts.failed,
      cancelled: counts.cancelled,
    },
    bytes: summary.bytesDone,
    bytesSaved: await bytesSaved(service, batch.id),
    durationMs: Math.max(0, (finishedAt > batch.createdAt ? finishedAt : now) - batch.createdAt),
    destinations: [...new Set(sample.map((job) => job.destination))],
    shareLinks: sample
      .flatMap((job) => (job.shareLink === null ? [] : [{ remotePath: job.remotePath, url: job.shareLink }]))
      .slice(0, REPORT_LIST_LIMIT),
    failures: failed.map((job) => ({
      sourcePath: job.sourcePath,
      remotePath: job.remotePath,
      destination: job.destination,
      code: job.lastError?.code ?? "TRANSFER_FAILED",
      message: job.lastError?.message ?? "The upload failed.",
      hint: job.lastError?.hint ?? "",
      ...(job.lastError?.detail === undefined ? {} : { detail: job.lastError.detail }),
      ...sentencesOf(job.lastError),
    })),
    moreFailures: Math.max(0, counts.failed - failed.length),
    unsupported: sample
      .flatMap((job) =>
        job.rendition?.kind === "skip" || job.rendition?.kind === "original"
          ? [
              {
                sourcePath: job.sourcePath,
                destination: job.destination,
                action: job.rendition.kind === "skip" ? ("skipped" as const) : ("original" as const),
              },
            ]
          : [],
      )
      .slice(0, REPORT_LIST_LIMIT),
    host: hostId(),
    at: now,
    test: false,
  };
}

/** Pages of a batch's jobs read for the bytes resumed uploads saved (10 000 jobs at most). */
const SAVED_PAGES = 20;

async function bytesSaved(service: SyncService, batchId: number): Promise<number> {
  let saved = 0;
  let afterId: number | undefined;
  for (let page = 0; page < SAVED_PAGES; page += 1) {
    const jobs = await service.listJobs({ batchId, limit: SAMPLE_JOBS, afterId });
    for (const job of jobs) saved += job.resumedFrom ?? 0;
    if (jobs.length < SAMPLE_JOBS) break;
    afterId = jobs.at(-1)?.id;
  }
  return saved;
}

/** A made-up report for `junmai-sync notify test`, so every channel shows what real ones look like. */
export function sampleReport(now: number = Date.now()): BatchReport {
  return {
    version: 1,
    event: "batch.completed",
    batch: { id: 0, name: "桜の結婚式 (test)" },
    files: { total: 3, delivered: 3, failed: 0, cancelled: 0 },
    bytes: 72_400_000,
    durationMs: 83_000,
    destinations: ["test"],
    shareLinks: [],
    failures: [],
    moreFailures: 0,
    host: hostId(),
    at: now,
    test: true,
  };
}
