/**
 * Whether a batch can only wait for a person: every open job of it belongs to a destination
 * that needs attention (credentials, certificate, missing bucket …). `upload --wait` then stops
 * at once and says why, in rclone's words, instead of waiting for ever. A full or offline
 * destination is not such a case: space comes back and networks recover by themselves.
 */
import type { ErrorInfo } from "../domain/errors.js";
import type { JobStore } from "../store/job-store.js";

export interface HeldBy {
  readonly destination: string;
  readonly reason: ErrorInfo;
}

/** The destinations holding the batch, or null while any of its open jobs can still move. */
export async function batchHeldBy(store: JobStore, batchId: number, since: number): Promise<HeldBy[] | null> {
  // Only what a worker wrote since we started waiting: an older word may be a stopped worker's.
  // Read first: nearly always no destination is held, and then the batch's jobs need no reading
  // (`upload --wait` asks after every job of a batch of thousands).
  const held = new Map(
    (await store.listDestinationStatus())
      .filter((status) => status.condition === "needs-attention" && status.updatedAt >= since)
      .map((status) => [status.destination, status.reason] as const),
  );
  if (held.size === 0) return null;
  const open = await store.listJobs({
    batchId,
    states: ["pending", "retrying", "uploading", "verifying"],
    limit: 1000,
  });
  if (open.length === 0) return null;
  const holding = new Map<string, ErrorInfo>();
  for (const job of open) {
    const reason = held.get(job.destination);
    if (reason === undefined || reason === null || job.state === "uploading" || job.state === "verifying") {
      return null;
    }
    holding.set(job.destination, reason);
  }
  return [...holding].map(([destination, reason]) => ({ destination, reason }));
}
