/**
 * What `status` shows of the queue: its state now, the last batches, and the jobs that failed or
 * wait for a retry. Read from the queue by whoever asks (the CLI, or a running daemon for it over
 * `GET /api/v1/status/report`), so both ways show the same.
 */
import type { BatchSummary } from "../domain/batch.js";
import type { Job } from "../domain/job.js";
import type { QueueReader } from "./queue-reader.js";
import type { QueueStatus } from "./queue-status.js";

export interface StatusReport {
  readonly status: QueueStatus;
  /** The five newest batches. */
  readonly batches: readonly BatchSummary[];
  /** Up to 20 failed jobs. */
  readonly failed: readonly Job[];
  /** Up to 20 jobs waiting for their next attempt. */
  readonly retrying: readonly Job[];
}

export async function readStatusReport(
  service: Pick<QueueReader, "getQueueStatus" | "listBatches" | "listJobs">,
): Promise<StatusReport> {
  const status = await service.getQueueStatus();
  const batches = await service.listBatches(5);
  const failed = await service.listJobs({ states: ["failed"], limit: 20 });
  const retrying = await service.listJobs({ states: ["retrying"], limit: 20 });
  return { status, batches, failed, retrying };
}
