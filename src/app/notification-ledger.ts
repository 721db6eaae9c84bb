/**
 * Which finished batches still owe their notification, kept in the queue so a message survives
 * a restart and is sent by one daemon at a time: claim it, send it, mark it sent.
 */
import type { JobStore } from "../store/job-store.js";

export class NotificationLedger {
  readonly #store: JobStore;
  readonly #clock: () => number;

  constructor(store: JobStore, clock: () => number) {
    this.#store = store;
    this.#clock = clock;
  }

  /** True when this caller may send the batch's notification for the next `forMs`. */
  claim(batchId: number, forMs: number): Promise<boolean> {
    const now = this.#clock();
    return this.#store.claimNotification(batchId, now, now + forMs);
  }

  /** Sent, or given up: never again. */
  sent(batchId: number): Promise<void> {
    return this.#store.markNotified(batchId, this.#clock());
  }

  /** Batches finished within the last `withinMs` whose notification is owed and unclaimed. */
  owed(withinMs: number, limit: number): Promise<number[]> {
    const now = this.#clock();
    return this.#store.batchesAwaitingNotification(now, now - withinMs, limit);
  }
}
