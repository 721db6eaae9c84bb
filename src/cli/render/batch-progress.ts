/**
 * What `upload --wait` knows about its batch, from whichever feed it has: engine events (the
 * work runs in this process), the daemon's event stream, or the queue polled when the daemon's
 * server does not answer. Bytes, not files, measure the batch; the speed is smoothed here from
 * the batch's own byte count, so it is there in every mode.
 */
import type { BatchSummary } from "../../domain/batch.js";
import type { JobState } from "../../domain/job.js";
import { RateMeter } from "../../domain/rate-meter.js";
import type { BatchSnapshot, TransferLine } from "./batch-frame.js";

/** A file's bytes so far, as an event or the queue reports them. */
export interface TransferUpdate {
  readonly id: number;
  readonly remotePath: string;
  readonly bytesDone: number;
  readonly sizeBytes: number | null;
  /** rclone's speed for this file, when the feed has it. */
  readonly speed?: number | null;
}

export interface OutcomeUpdate {
  readonly id: number;
  readonly state: JobState;
  readonly sizeBytes: number | null;
}

/** A transfer not heard of for this long is no longer shown as moving (the feed lost it). */
const STALE_MS = 5_000;

export class BatchProgress {
  readonly #totalFiles: number;
  #totalBytes: number;
  readonly #meter = new RateMeter();
  readonly #inFlight = new Map<number, TransferLine & { readonly at: number }>();
  /** Files sent in full whose outcome is not known yet: id → bytes. */
  readonly #sent = new Map<number, number>();
  #sentBytes = 0;
  /** Jobs whose outcome is known, counted once each. */
  readonly #outcomes = new Set<number>();
  readonly #counted = { delivered: 0, failed: 0, cancelled: 0 };
  #deliveredBytes = 0;
  #summary: BatchSummary | undefined;

  constructor(totalFiles: number, totalBytes: number) {
    this.#totalFiles = totalFiles;
    this.#totalBytes = totalBytes;
  }

  transfer(update: TransferUpdate, at: number): void {
    if (this.#outcomes.has(update.id)) return;
    if (update.sizeBytes !== null && update.bytesDone >= update.sizeBytes && update.bytesDone > 0) {
      // All sent: it is being verified or moved into place, no longer a transfer; its bytes
      // still count until its outcome says whether they arrived.
      this.#inFlight.delete(update.id);
      this.#setSent(update.id, update.bytesDone);
    } else {
      this.#inFlight.set(update.id, {
        id: update.id,
        name: update.remotePath.split("/").pop() ?? update.remotePath,
        bytesDone: update.bytesDone,
        sizeBytes: update.sizeBytes,
        speed: update.speed ?? null,
        at,
      });
    }
    this.#meter.sample(this.bytesDone, at);
  }

  outcome(update: OutcomeUpdate, at: number): void {
    if (update.state === "retrying" || update.state === "pending") {
      // Going round again: its bytes start over.
      this.#inFlight.delete(update.id);
      this.#setSent(update.id, undefined);
      return;
    }
    if (update.state === "uploading" || update.state === "verifying") return;
    this.#inFlight.delete(update.id);
    this.#setSent(update.id, undefined);
    if (this.#outcomes.has(update.id)) return;
    this.#outcomes.add(update.id);
    if (update.state === "completed" || update.state === "skipped") {
      this.#counted.delivered += 1;
      this.#deliveredBytes += update.sizeBytes ?? 0;
    } else if (update.state === "failed") this.#counted.failed += 1;
    else if (update.state === "cancelled") this.#counted.cancelled += 1;
    this.#meter.sample(this.bytesDone, at);
  }

  /** Kept as a running sum: a batch of 10 000 files must not add them all up per event. */
  #setSent(id: number, bytes: number | undefined): void {
    this.#sentBytes -= this.#sent.get(id) ?? 0;
    if (bytes === undefined) this.#sent.delete(id);
    else {
      this.#sent.set(id, bytes);
      this.#sentBytes += bytes;
    }
  }

  /** The queue's view of the batch: its counts are the truth when the events missed some. */
  summary(summary: BatchSummary, at: number): void {
    this.#summary = summary;
    this.#totalBytes = Math.max(this.#totalBytes, summary.bytesTotal);
    this.#meter.sample(this.bytesDone, at);
  }

  get bytesDone(): number {
    let bytes = this.#deliveredBytes + this.#sentBytes;
    for (const transfer of this.#inFlight.values()) bytes += transfer.bytesDone;
    // The queue's sum also holds bytes of files that failed after sending: a floor only
    // while nothing failed.
    const stored = this.#summary;
    const floor =
      stored !== undefined && stored.counts.failed + stored.counts.cancelled === 0 ? stored.bytesDone : 0;
    return Math.min(Math.max(bytes, floor), Math.max(this.#totalBytes, bytes));
  }

  snapshot(now: number, finished = false): BatchSnapshot {
    for (const [id, transfer] of this.#inFlight) if (now - transfer.at > STALE_MS) this.#inFlight.delete(id);
    const counted = this.#counted;
    const stored = this.#summary?.counts;
    const bytesDone = this.bytesDone;
    // Read at every frame too, so a transfer that stalls shows its speed falling.
    if (!finished) this.#meter.sample(bytesDone, now);
    const remaining = Math.max(0, this.#totalBytes - bytesDone);
    return {
      totalFiles: this.#totalFiles,
      totalBytes: this.#totalBytes,
      delivered: Math.max(counted.delivered, stored === undefined ? 0 : stored.completed + stored.skipped),
      failed: Math.max(counted.failed, stored?.failed ?? 0),
      cancelled: Math.max(counted.cancelled, stored?.cancelled ?? 0),
      bytesDone,
      speed: this.#meter.speed,
      etaSeconds: finished ? null : this.#meter.etaSeconds(remaining),
      active: [...this.#inFlight.values()]
        .filter((transfer) => transfer.bytesDone > 0)
        .sort((a, b) => a.id - b.id),
      finished,
    };
  }
}
