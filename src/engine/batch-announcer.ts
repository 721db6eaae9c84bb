/**
 * Announces a batch once no job of it can move and no more files may join it. Each batch is
 * announced exactly once over every worker sharing the queue (the store arbitrates), so a
 * notification is never sent twice nor lost to a worker that stopped.
 */
import type { BatchSummary } from "../domain/batch.js";
import type { JobStore } from "../store/job-store.js";

export interface BatchAnnouncerOptions {
  readonly store: JobStore;
  readonly clock: () => number;
  /** Whether anyone listens; without listeners nothing is claimed, so a listening worker can. */
  readonly wanted: () => boolean;
  readonly announce: (summary: BatchSummary) => void;
  /** Told when the store does not answer: the engine reports an outage once, not every poll. */
  readonly onStoreError: (error: unknown) => void;
}

export class BatchAnnouncer {
  readonly #options: BatchAnnouncerOptions;
  /** When the earliest batch this worker saw finish while still open closes. */
  #nextDueAt: number | undefined;

  constructor(options: BatchAnnouncerOptions) {
    this.#options = options;
  }

  /** After a job of `batchId` reached a final state. */
  async jobFinished(batchId: number): Promise<void> {
    const { store, clock, wanted, announce, onStoreError } = this.#options;
    if (!wanted()) return;
    try {
      if (!(await store.isBatchFinished(batchId))) return;
      const summary = await store.getBatch(batchId);
      if (summary === undefined) return;
      const { openUntil } = summary.batch;
      // Still open for late files of the same export: the sweep announces it once it closes.
      if (openUntil !== null && openUntil > clock()) {
        this.#nextDueAt = Math.min(this.#nextDueAt ?? openUntil, openUntil);
        return;
      }
      if (await store.announceBatch(batchId, clock())) announce(summary);
    } catch (error) {
      onStoreError(error);
    }
  }

  /**
   * When a sweep is next due for a batch this worker saw finish while open; an idle loop sleeps
   * until then rather than sweeping every poll.
   */
  get nextDueAt(): number | undefined {
    return this.#nextDueAt;
  }

  /** Once per poll: batches that finished while still open and have closed since. */
  async sweep(): Promise<void> {
    const { store, clock, wanted, onStoreError } = this.#options;
    if (!wanted()) return;
    // Those still open are noted again as the sweep meets them.
    if (this.#nextDueAt !== undefined && this.#nextDueAt <= clock()) this.#nextDueAt = undefined;
    try {
      const due = await store.batchesDueForAnnouncement(clock(), 20);
      for (const batchId of due) await this.jobFinished(batchId);
    } catch (error) {
      onStoreError(error);
    }
  }
}
