/** Domain objects as the API shows them: the stored fields, plus the percent a UI needs. */
import type { QueueStatus } from "../app/sync-service.js";
import type { BatchSummary } from "../domain/batch.js";
import { type Job, jobPercent } from "../domain/job.js";

export function jobView(job: Job) {
  return { ...job, percent: jobPercent(job) };
}

export function batchView(summary: BatchSummary) {
  const percent =
    summary.bytesTotal > 0
      ? Math.min(100, Math.floor((summary.bytesDone / summary.bytesTotal) * 100))
      : summary.status === "completed"
        ? 100
        : 0;
  return { ...summary, percent };
}

export function statusView(status: QueueStatus) {
  return {
    ...status,
    destinations: [...status.destinations],
    workers: [...status.workers],
    active: status.active.map((entry) => ({ job: jobView(entry.job), host: entry.host })),
    config: { fault: status.config.fault, removedDestinations: [...status.config.removedDestinations] },
  };
}
