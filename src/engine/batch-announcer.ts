/**
 * Announces a batch once no job of it can move and no more files may join it. Each batch is
 * announced exactly once over every worker sharing the queue (the store arbitrates), so a
 * notification is never sent twice nor lost to a worker that stopped.
 */
import type { BatchSummary } from "../domain/batch.js";
import { toSyncError } from "../domain/errors.js";
import type { JobStore } from "../store/job-store.js";
import type { Logger } from "./events.js";

export interface BatchAnnouncerOptions {
  readonly store: JobStore;
  readonly clock: () => number;
  readonly logger: Logger;
  /** Whether anyone listens; without listeners nothing is claimed, so a listening worker can. */
  readonly wanted: () => boolean;
  readonly announce: (summary: BatchSummary) => void;
}

export class BatchAnnouncer {
  readonly #options: BatchAnnouncerOptions;

  constructor(options: BatchAnnouncerOptions) {
    this.#options = options;
  }

  /** After a job of `batchId` reached a final state. */
  async jobFinished(batchId: number): Promise<void> {
    const { store, clock, logger, wanted, announce } = this.#options;
    if (!wanted()) return;
    try {
      if (!(await store.isBatchFinished(batchId))) return;
      const summary = await store.getBatch(batchId);
      if (summary === undefined) return;
      const { openUntil } = summary.batch;
      // Still open for late files of the same export: the sweep announces it once it closes.
      if (openUntil !== null && openUntil > clock()) return;
      if (await store.announceBatch(batchId, clock())) announce(summary);
    } catch (error) {
      logger.warn({ batch: batchId, err: toSyncError(error).message }, "batch status could not be read");
    }
  }

  /** Once per poll: batches that finished while still open and have closed since. */
  async sweep(): Promise<void> {
    const { store, clock, logger, wanted } = this.#options;
    if (!wanted()) return;
    try {
      const due = await store.batchesDueForAnnouncement(clock(), 20);
      for (const batchId of due) await this.jobFinished(batchId);
    } catch (error) {
      logger.warn({ err: toSyncError(error).message }, "closed batches could not be read");
    }
  }
}
