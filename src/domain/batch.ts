/** A batch: the jobs of one export or one `upload` call, with an aggregate status. */
import { emptyCounts, type JobState, type StateCounts } from "./job.js";

export interface Batch {
  readonly id: number;
  readonly name: string | null;
  readonly createdAt: number;
  readonly jobCount: number;
  /**
   * Until when more files may still join it (a watched folder's export in progress, or repeated
   * `upload --batch NAME` calls); null once closed. A batch is announced only after it closes.
   */
  readonly openUntil: number | null;
}

export type BatchStatus = "queued" | "running" | "completed" | "failed" | "cancelled";

export interface BatchSummary {
  readonly batch: Batch;
  readonly counts: StateCounts;
  readonly status: BatchStatus;
  readonly bytesTotal: number;
  readonly bytesDone: number;
}

/**
 * A batch is finished when no job can move any more; it failed if any job failed, and is
 * completed when every job was delivered (completed or skipped).
 */
export function batchStatus(counts: StateCounts): BatchStatus {
  const unfinished = counts.pending + counts.retrying + counts.uploading + counts.verifying;
  if (unfinished > 0) {
    return counts.uploading + counts.verifying + delivered(counts) + counts.failed > 0 || counts.retrying > 0
      ? "running"
      : "queued";
  }
  if (counts.failed > 0) return "failed";
  if (delivered(counts) === 0 && counts.cancelled > 0) return "cancelled";
  return "completed";
}

function delivered(counts: StateCounts): number {
  return counts.completed + counts.skipped;
}

export function countsFrom(rows: Iterable<{ state: JobState; n: number }>): StateCounts {
  const counts = emptyCounts();
  for (const row of rows) counts[row.state] += row.n;
  return counts;
}
