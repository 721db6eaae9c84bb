/**
 * The engine's heartbeat: keeps this worker registered and its jobs' leases alive, stops the
 * transfers of jobs it no longer holds (cancelled elsewhere, or taken over), and takes back the
 * jobs of workers that stopped; now and then it also gives up abandoned resumable uploads.
 */
import { toSyncError } from "../domain/errors.js";
import type { JobStore } from "../store/job-store.js";
import type { ActiveJobs } from "./active-jobs.js";
import type { Logger } from "./events.js";
import type { ResumeSweeper } from "./resume-sweep.js";
import type { StoreOutage } from "./store-outage.js";
import type { WorkerPresence } from "./worker-presence.js";

export interface LeaseKeeperOptions {
  readonly store: JobStore;
  readonly owner: string;
  readonly active: ActiveJobs;
  readonly presence: WorkerPresence;
  readonly outage: StoreOutage;
  readonly clock: () => number;
  readonly logger: Logger;
  /** Told when recovered jobs may be claimed. */
  readonly poke: () => void;
  /** Gives up resumable uploads nobody continues (cancelled, expired); runs beside the beat. */
  readonly resumes?: ResumeSweeper;
}

export class LeaseKeeper {
  readonly #options: LeaseKeeperOptions;

  constructor(options: LeaseKeeperOptions) {
    this.#options = options;
  }

  /** One beat; store failures are reported, never thrown (the next beat tries again). */
  async beat(leaseMs: number): Promise<void> {
    const { store, owner, active, presence, outage, clock, logger } = this.#options;
    const now = clock();
    try {
      await presence.refresh(leaseMs);
      // Only jobs running before the renewal can be judged by it; a job claimed meanwhile is ours.
      const before = active.all().map((running) => [running.job.id, running] as const);
      const held = await store.renewLeases(
        owner,
        before.map(([id]) => id),
        now + leaseMs,
        now,
      );
      for (const [id, running] of before) {
        // A job we run but no longer hold was cancelled (or taken over): stop its transfer.
        if (!held.has(id) && active.get(id) === running) running.controller.abort(new Error("lease lost"));
      }
      await this.recover();
      void this.#options.resumes?.maybeSweep();
      outage.answered();
    } catch (error) {
      const syncError = toSyncError(error, "STORE_FAILED");
      if (syncError.temporary) outage.failed(syncError);
      else logger.warn({ code: syncError.code, err: syncError.message }, "heartbeat failed");
    }
  }

  /** Gives back the jobs of stopped workers and wakes the loop to claim them. */
  async recover(): Promise<void> {
    const recovered = await this.#options.presence.recoverLeases();
    if (recovered.length > 0) this.#options.poke();
  }
}
