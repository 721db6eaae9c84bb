/**
 * Changing the queue while it runs: retry failed jobs, cancel one, pause and resume
 * destinations, set a bandwidth limit live. Pauses and limits are stored in the queue, so they
 * hold across restarts and for every worker sharing it.
 */
import type { ResolvedConfig } from "../config/resolve.js";
import type { Job } from "../domain/job.js";
import type { JobStore } from "../store/job-store.js";
import type { EngineRuns } from "./engine-runs.js";
import { scopeOf } from "./pick-destinations.js";
import { retryHeldJobs } from "./retry-held.js";
import { parseLiveRate } from "./schedule-status.js";

export interface QueueControlOptions {
  readonly store: JobStore;
  readonly config: () => ResolvedConfig;
  readonly engines: EngineRuns;
  readonly clock: () => number;
}

export class QueueControl {
  readonly #options: QueueControlOptions;

  constructor(options: QueueControlOptions) {
    this.#options = options;
  }

  async retry(id: number): Promise<Job> {
    const { store, clock, engines } = this.#options;
    const job = await store.apply(id, { type: "retryNow" }, clock());
    engines.resumeDestinations(job.destination);
    return job;
  }

  /** Failed jobs, and those waiting on a destination a person had to fix (retry-held.ts). */
  async retryAllFailed(): Promise<number> {
    const { store, clock, engines } = this.#options;
    engines.resumeDestinations();
    const held = await retryHeldJobs(store, clock());
    return held + (await store.applyToAll({ states: ["failed"] }, { type: "retryNow" }, clock()));
  }

  /** A restart is a fresh look at every destination: jobs held by one go at once (retry-held.ts). */
  retryHeld(): Promise<number> {
    const { store, clock } = this.#options;
    return retryHeldJobs(store, clock());
  }

  async setPaused(destination: string | undefined, paused: boolean): Promise<void> {
    const { store, config, clock } = this.#options;
    await store.setPaused(scopeOf(config(), destination), paused, clock());
  }

  async setBandwidth(rate: string, destination: string | undefined): Promise<void> {
    const { store, config, clock } = this.#options;
    const scope = scopeOf(config(), destination);
    await store.setBandwidthOverride(scope, parseLiveRate(rate), clock());
  }

  /** The store change first; a transfer running in this process then stops at once. */
  async cancel(id: number): Promise<Job> {
    const { store, engines, clock } = this.#options;
    const job = await store.apply(id, { type: "cancel" }, clock());
    engines.abortJob(id);
    return job;
  }
}
