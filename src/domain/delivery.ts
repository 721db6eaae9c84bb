/**
 * The delivery ledger: what we put at each remote path, from which source. A job that ends
 * `completed` or `skipped` (identical) writes its row in the same transaction, so the ledger
 * never misses a delivery the queue shows. It decides the default conflict policy: a remote
 * file is ours to replace only if the ledger says we wrote it, from the same source, and it is
 * still what we wrote.
 */
import type { Job, JobEvent } from "./job.js";

export interface Delivery {
  readonly destination: string;
  readonly remotePath: string;
  readonly sourcePath: string;
  readonly sizeBytes: number;
  readonly hashType: string | null;
  readonly hash: string | null;
  /** The destination's modification time right after delivery (identity where there is no hash). */
  readonly remoteModTime: string | null;
  readonly jobId: number;
  readonly deliveredAt: number;
}

/** The ledger row an applied event produces, or null when it delivered nothing. */
export function deliveryOf(next: Job, event: JobEvent): Delivery | null {
  if (event.type !== "verified" && event.type !== "skippedIdentical") return null;
  return {
    destination: next.destination,
    remotePath: next.remotePath,
    sourcePath: next.sourcePath,
    sizeBytes: event.sizeBytes,
    hashType: event.hashType,
    hash: event.hash,
    remoteModTime: event.remoteModTime ?? null,
    jobId: next.id,
    deliveredAt: next.finishedAt ?? next.updatedAt,
  };
}
