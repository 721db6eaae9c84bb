/**
 * What the engine tells about the jobs it runs: each state it writes as events (counted for the
 * run's result, logged), and progress — emitted as it comes, written to the store at most every
 * couple of seconds so a status read elsewhere sees it move.
 */
import type { EventEmitter } from "node:events";
import type { Job } from "../domain/job.js";
import type { JobStore } from "../store/job-store.js";
import type { ActiveJob } from "./active-jobs.js";
import type { EngineEvents, Logger } from "./events.js";
import type { TransferProgress } from "./transport.js";

/** Progress is held in memory and written to the store at most this often per job. */
const PROGRESS_PERSIST_MS = 2_000;

export interface JobReporterOptions {
  readonly events: EventEmitter<EngineEvents>;
  readonly store: JobStore;
  readonly owner: string;
  readonly clock: () => number;
  readonly logger: Logger;
}

export class JobReporter {
  readonly #options: JobReporterOptions;
  #result = { succeeded: 0, failed: 0 };

  constructor(options: JobReporterOptions) {
    this.#options = options;
  }

  /** Counts afresh: a new run of the engine. */
  reset(): void {
    this.#result = { succeeded: 0, failed: 0 };
  }

  /** Jobs finished as completed or skipped, and as failed, since the last reset. */
  get result(): { readonly succeeded: number; readonly failed: number } {
    return { ...this.#result };
  }

  /** A worker took the job. */
  started(job: Job): void {
    const { events, logger } = this.#options;
    events.emit("started", job);
    events.emit("changed", job);
    logger.debug({ job: job.id, source: job.sourcePath, attempt: job.attempts }, "job started");
  }

  /** A state the engine wrote. */
  changed(job: Job): void {
    const { events, logger } = this.#options;
    events.emit("changed", job);
    switch (job.state) {
      case "completed":
        this.#result.succeeded += 1;
        logger.info({ job: job.id, remote: `${job.destination}:${job.remotePath}` }, "job completed");
        events.emit("completed", job);
        break;
      case "skipped":
        this.#result.succeeded += 1;
        events.emit("skipped", job);
        break;
      case "retrying":
        // Per-job outcomes are shown to the user by the edges; logs keep warn for operational trouble.
        logger.info(
          { job: job.id, code: job.lastError?.code, retryAt: job.nextAttemptAt },
          "job will be retried",
        );
        events.emit("retrying", job);
        break;
      case "failed":
        this.#result.failed += 1;
        logger.info({ job: job.id, code: job.lastError?.code, err: job.lastError?.message }, "job failed");
        events.emit("failed", job);
        break;
      default:
        break;
    }
  }

  progress(active: ActiveJob, progress: TransferProgress): void {
    const { events, store, owner, clock } = this.#options;
    const now = clock();
    events.emit("progress", { job: active.job, ...progress });
    if (now - active.lastPersistAt < PROGRESS_PERSIST_MS) return;
    active.lastPersistAt = now;
    const event = {
      type: "progress" as const,
      bytesDone: progress.bytesDone,
      ...(progress.sizeBytes === null ? {} : { sizeBytes: progress.sizeBytes }),
    };
    store
      .apply(active.job.id, event, now, { owner })
      .then((job) => {
        if (active.job.state === job.state) active.job = job;
      })
      .catch(() => undefined);
  }
}
