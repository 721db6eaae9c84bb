/**
 * The queue database going away and coming back, each said once: the engine asks the store
 * every poll, and an outage logged at every poll would bury everything else in the log.
 */
import { type SyncError, toSyncError } from "../domain/errors.js";
import type { Logger } from "./events.js";

export class StoreOutage {
  readonly #log: Logger;
  /** Wakes the worker loop: an idle engine must poll again to see the store come back. */
  readonly #wake: () => void;
  /** Whether the store's last answer was a failure. */
  #down = false;

  constructor(logger: Logger, wake: () => void = () => undefined) {
    this.#log = logger;
    this.#wake = wake;
  }

  /** While the store is away, the engine polls instead of sleeping, so its return is seen at once. */
  get down(): boolean {
    return this.#down;
  }

  /** A store error outside a claim: an outage is said once; anything else as it comes. */
  error(error: unknown): void {
    const syncError = toSyncError(error, "STORE_FAILED");
    if (syncError.temporary) this.failed(syncError);
    else
      this.#log.warn({ code: syncError.code, err: syncError.message }, "the queue database refused a read");
  }

  /** The store did not answer (a temporary error). */
  failed(error: SyncError): void {
    if (this.#down) return;
    this.#down = true;
    // A full disk says so in its own words; either way no new work is taken until it answers.
    const said =
      error.code === "DATA_DIR_FULL" ? error.message : "the queue database is not answering; waiting for it";
    this.#log.warn({ code: error.code, err: error.message }, said);
    // A failure seen by a side task (a batch announcement, the schedule gate) while the loop
    // sleeps with nothing queued would otherwise go unanswered until the next wake-up.
    this.#wake();
  }

  /** The store answered. */
  answered(): void {
    if (!this.#down) return;
    this.#down = false;
    this.#log.warn({}, "the queue database answers again; resuming");
  }
}
