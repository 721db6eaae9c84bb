/**
 * The worker pool. It claims runnable jobs per destination up to that destination's
 * concurrency, runs each (run-job.ts), keeps its leases alive, lets go of jobs cancelled
 * elsewhere, recovers jobs of dead workers, and on shutdown lets running transfers finish for
 * a grace period before stopping them and giving their jobs back.
 */
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { EngineSettings } from "../config/schema.js";
import { type BackoffPolicy, DEFAULT_BACKOFF } from "../domain/backoff.js";
import type { Destination } from "../domain/destination.js";
import { type SyncError, toSyncError } from "../domain/errors.js";
import { isFinal, type Job } from "../domain/job.js";
import { systemTimeZone } from "../domain/local-time.js";
import type { Timetable } from "../domain/schedule.js";
import type { JobStore, WorkerKind } from "../store/job-store.js";
import { BatchAnnouncer } from "./batch-announcer.js";
import { type EngineEvents, type Logger, SILENT_LOGGER } from "./events.js";
import { HealthBoard } from "./health-board.js";
import { deadLocalOwners, newOwnerId, parseOwnerId } from "./owner.js";
import { runJob } from "./run-job.js";
import { ScheduleGate } from "./schedule-gate.js";
import { ShareLinks } from "./share-links.js";
import type { TransferProgress, Transport } from "./transport.js";

/** Progress is held in memory and written to the store at most this often per job. */
const PROGRESS_PERSIST_MS = 2_000;

export interface EngineOptions {
  readonly store: JobStore;
  readonly transport: Transport;
  readonly destinations: readonly Destination[];
  readonly settings: EngineSettings;
  readonly owner?: string;
  readonly kind?: WorkerKind;
  readonly clock?: () => number;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  readonly logger?: Logger;
  /** Work on this batch only. */
  readonly batchId?: number | undefined;
  /** Cap on transfers at once across all destinations (each destination keeps its own cap too). */
  readonly maxConcurrent?: number | undefined;
  /** Zone of windows, timetables and cap resets; default: this computer's. */
  readonly timeZone?: string;
  /** The limit on all transfers together over the week; null or absent: none. */
  readonly bandwidth?: Timetable | null;
}

export interface RunOptions {
  /** Return once the scope (all jobs, or the batch) has nothing left to do. */
  readonly untilIdle?: boolean;
}

export interface RunResult {
  /** Jobs this engine finished as completed or skipped. */
  readonly succeeded: number;
  readonly failed: number;
}

interface ActiveJob {
  job: Job;
  readonly destination: Destination;
  readonly controller: AbortController;
  lastPersistAt: number;
}

export class UploadEngine extends EventEmitter<EngineEvents> {
  readonly owner: string;
  readonly #options: EngineOptions;
  readonly #clock: () => number;
  readonly #log: Logger;
  readonly #active = new Map<number, ActiveJob>();
  readonly #running = new Set<Promise<void>>();
  readonly #health: HealthBoard;
  readonly #batches: BatchAnnouncer;
  readonly #links: ShareLinks;
  #wake: (() => void) | undefined;
  /** Set when there may be new work while the loop was busy: the next pause returns at once. */
  #poked = false;
  /** Whether the store's last answer was a failure (so an outage is logged once, not every poll). */
  #storeDown = false;
  #result = { succeeded: 0, failed: 0 };
  readonly #gate: ScheduleGate;

  constructor(options: EngineOptions) {
    super();
    this.#options = options;
    this.owner = options.owner ?? newOwnerId();
    this.#clock = options.clock ?? Date.now;
    this.#log = options.logger ?? SILENT_LOGGER;
    this.#gate = new ScheduleGate({
      store: options.store,
      transport: options.transport,
      timeZone: options.timeZone ?? systemTimeZone(),
      bandwidth: options.bandwidth ?? null,
      clock: this.#clock,
      logger: this.#log,
      onStoreError: (error) => this.#storeError(error),
    });
    this.#health = new HealthBoard({
      store: options.store,
      transport: options.transport,
      destinations: options.destinations,
      clock: this.#clock,
      logger: this.#log,
      backoff: options.backoff,
      random: options.random,
      wake: () => this.#poke(),
    });
    this.#batches = new BatchAnnouncer({
      store: options.store,
      clock: this.#clock,
      wanted: () => this.listenerCount("batchCompleted") > 0,
      announce: (summary) => this.emit("batchCompleted", summary),
      onStoreError: (error) => this.#storeError(error),
    });
    this.#links = new ShareLinks(options.store, options.transport, this.#log);
  }

  /** Number of transfers running in this engine now. */
  get activeCount(): number {
    return this.#active.size;
  }

  /** Stops a job this engine is running (the store change is the caller's). */
  abortJob(jobId: number): boolean {
    const active = this.#active.get(jobId);
    active?.controller.abort(new Error("cancelled"));
    return active !== undefined;
  }

  /** Works until `signal` aborts (or, with `untilIdle`, until the scope is done). */
  async run(signal: AbortSignal, options: RunOptions = {}): Promise<RunResult> {
    this.#result = { succeeded: 0, failed: 0 };
    const { store, settings } = this.#options;
    const leaseMs = settings.leaseSeconds * 1000;
    await this.#registerWorker();
    await this.#recoverLeases();
    this.#health.publishAll();
    const heartbeat = setInterval(
      () => void this.#heartbeat(leaseMs),
      Math.max(500, Math.floor(leaseMs / 3)),
    );
    // Stores that can tell us about new work (PostgreSQL NOTIFY) wake us early; polling stays.
    const unsubscribe = await store.subscribe?.(() => this.#poke()).catch(() => undefined);
    try {
      let sweptAt = Number.NEGATIVE_INFINITY;
      while (!signal.aborted) {
        const claimed = await this.#fill(leaseMs);
        // A job's end announces its batch at once; the sweep is for batches that close by time,
        // so once per poll interval is enough, not once per finished job.
        if (this.#clock() - sweptAt >= settings.pollIntervalMs) {
          sweptAt = this.#clock();
          await this.#batches.sweep();
        }
        if (options.untilIdle && this.#active.size === 0 && claimed === 0 && (await this.#scopeDone())) break;
        await this.#pause(settings.pollIntervalMs, signal);
      }
    } finally {
      clearInterval(heartbeat);
      await unsubscribe?.();
      await this.#drain(settings.shutdownGraceSeconds * 1000);
      await store.removeWorker(this.owner).catch(() => undefined);
    }
    return { ...this.#result };
  }

  /** Claims work for every destination with a free slot; returns how many jobs started. */
  async #fill(leaseMs: number): Promise<number> {
    const { store, destinations, batchId, maxConcurrent } = this.#options;
    let started = 0;
    await this.#gate.refresh();
    for (const destination of destinations) {
      const health = this.#health.of(destination);
      const now = this.#clock();
      const hold = await this.#gate.holdOf(destination, this.#runningBytes(destination));
      this.#health.noteSpace(destination, hold);
      if (hold !== null) {
        if (hold.reason === "outside-window" && destination.windowEnd === "stop") {
          this.#stopRunning(destination, "the upload window closed");
        }
        continue;
      }
      this.#health.tick(destination, now);
      const busy = [...this.#active.values()].filter(
        (active) => active.destination.name === destination.name,
      ).length;
      const globalFree =
        maxConcurrent === undefined ? Number.POSITIVE_INFINITY : maxConcurrent - this.#active.size;
      const free = Math.min(health.allowance(now) - busy, globalFree);
      if (free <= 0) continue;
      let jobs: Job[];
      try {
        jobs = await store.claim(
          {
            owner: this.owner,
            destination: destination.name,
            limit: free,
            destinationLimit: destination.concurrency,
            leaseMs,
            batchId,
          },
          this.#clock(),
        );
      } catch (error) {
        const syncError = toSyncError(error, "STORE_FAILED");
        if (!syncError.temporary) throw syncError;
        this.#storeFailed(syncError);
        return started;
      }
      this.#storeAnswered();
      for (const job of jobs) this.#start(job, destination);
      started += jobs.length;
    }
    return started;
  }

  #runningBytes(destination: Destination): number {
    let bytes = 0;
    for (const active of this.#active.values()) {
      if (active.destination.name === destination.name) bytes += active.job.sizeBytes ?? 0;
    }
    return bytes;
  }

  /** Stops the destination's running uploads; their jobs go back to the queue, attempts given back. */
  #stopRunning(destination: Destination, why: string): void {
    for (const active of this.#active.values()) {
      if (active.destination.name !== destination.name || active.controller.signal.aborted) continue;
      this.#log.info({ job: active.job.id, destination: destination.name }, `stopping upload: ${why}`);
      active.controller.abort(new Error(why));
    }
  }

  #start(job: Job, destination: Destination): void {
    const active: ActiveJob = {
      job,
      destination,
      controller: new AbortController(),
      lastPersistAt: this.#clock(),
    };
    this.#active.set(job.id, active);
    this.emit("started", job);
    this.emit("changed", job);
    this.#log.debug({ job: job.id, source: job.sourcePath, attempt: job.attempts }, "job started");
    const done = runJob(
      {
        store: this.#options.store,
        transport: this.#options.transport,
        destination,
        owner: this.owner,
        clock: this.#clock,
        random: this.#options.random ?? Math.random,
        backoff: this.#options.backoff ?? DEFAULT_BACKOFF,
        signal: active.controller.signal,
        onProgress: (progress) => this.#progress(active, progress),
        onChange: (next) => {
          active.job = next;
          this.#changed(next);
        },
        onDestinationFailure: (error) => this.#health.failed(destination, error),
        onDestinationSuccess: () => this.#health.succeeded(destination),
        rateLimit: this.#gate.rateLimitOf(destination),
      },
      job,
    )
      .catch((error: unknown) => {
        // The store refused the final write; the lease will expire and another attempt follows.
        this.#log.error(
          { job: job.id, err: toSyncError(error).message },
          "job outcome could not be recorded",
        );
        return null;
      })
      .then(async (last) => {
        this.#active.delete(job.id);
        // A finished upload moves bytes from "running" to "sent": read the count again.
        this.#gate.uploadFinished(destination);
        if (last !== null) void this.#links.make(last, destination);
        if (last !== null && isFinal(last.state)) await this.#batches.jobFinished(last.batchId);
      })
      .finally(() => {
        this.#running.delete(done);
        this.#poke();
      });
    this.#running.add(done);
  }

  #changed(job: Job): void {
    this.emit("changed", job);
    switch (job.state) {
      case "completed":
        this.#result.succeeded += 1;
        this.#log.info({ job: job.id, remote: `${job.destination}:${job.remotePath}` }, "job completed");
        this.emit("completed", job);
        break;
      case "skipped":
        this.#result.succeeded += 1;
        this.emit("skipped", job);
        break;
      case "retrying":
        // Per-job outcomes are shown to the user by the edges; logs keep warn for operational trouble.
        this.#log.info(
          { job: job.id, code: job.lastError?.code, retryAt: job.nextAttemptAt },
          "job will be retried",
        );
        this.emit("retrying", job);
        break;
      case "failed":
        this.#result.failed += 1;
        this.#log.info({ job: job.id, code: job.lastError?.code, err: job.lastError?.message }, "job failed");
        this.emit("failed", job);
        break;
      default:
        break;
    }
  }

  #progress(active: ActiveJob, progress: TransferProgress): void {
    const now = this.#clock();
    this.emit("progress", { job: active.job, ...progress });
    if (now - active.lastPersistAt < PROGRESS_PERSIST_MS) return;
    active.lastPersistAt = now;
    const event = {
      type: "progress" as const,
      bytesDone: progress.bytesDone,
      ...(progress.sizeBytes === null ? {} : { sizeBytes: progress.sizeBytes }),
    };
    this.#options.store
      .apply(active.job.id, event, now, { owner: this.owner })
      .then((job) => {
        if (active.job.state === job.state) active.job = job;
      })
      .catch(() => undefined);
  }

  async #scopeDone(): Promise<boolean> {
    const { store, batchId } = this.#options;
    try {
      if (batchId !== undefined) return await store.isBatchFinished(batchId);
      const counts = await store.counts();
      return counts.pending + counts.retrying + counts.uploading + counts.verifying === 0;
    } catch (error) {
      // Cannot tell while the store is away: keep waiting for it rather than stopping early.
      this.#storeFailed(toSyncError(error, "STORE_FAILED"));
      return false;
    }
  }

  /** A store error outside a claim: an outage is said once; anything else as it comes. */
  #storeError(error: unknown): void {
    const syncError = toSyncError(error, "STORE_FAILED");
    if (syncError.temporary) this.#storeFailed(syncError);
    else
      this.#log.warn({ code: syncError.code, err: syncError.message }, "the queue database refused a read");
  }

  #storeFailed(error: SyncError): void {
    if (this.#storeDown) return;
    this.#storeDown = true;
    this.#log.warn(
      { code: error.code, err: error.message },
      "the queue database is not answering; waiting for it",
    );
  }

  #storeAnswered(): void {
    if (!this.#storeDown) return;
    this.#storeDown = false;
    this.#log.warn({}, "the queue database answers again; resuming");
  }

  /** There may be new work: wake the loop now, or make its next pause return at once. */
  #poke(): void {
    if (this.#wake !== undefined) this.#wake();
    else this.#poked = true;
  }

  async #heartbeat(leaseMs: number): Promise<void> {
    const { store } = this.#options;
    const now = this.#clock();
    try {
      await this.#registerWorker();
      // Only jobs running before the renewal can be judged by it; a job claimed meanwhile is ours.
      const before = [...this.#active.entries()];
      const held = await store.renewLeases(
        this.owner,
        before.map(([id]) => id),
        now + leaseMs,
        now,
      );
      for (const [id, active] of before) {
        // A job we run but no longer hold was cancelled (or taken over): stop its transfer.
        if (!held.has(id) && this.#active.get(id) === active)
          active.controller.abort(new Error("lease lost"));
      }
      await this.#recoverLeases();
      this.#storeAnswered();
    } catch (error) {
      const syncError = toSyncError(error, "STORE_FAILED");
      if (syncError.temporary) this.#storeFailed(syncError);
      else this.#log.warn({ code: syncError.code, err: syncError.message }, "heartbeat failed");
    }
  }

  async #recoverLeases(): Promise<void> {
    const { store } = this.#options;
    const owners = (await store.leaseOwners()).filter((owner) => owner !== this.owner);
    const recovered = await store.recoverLeases(this.#clock(), deadLocalOwners(owners));
    for (const job of recovered) {
      this.#log.info(
        { job: job.id, owner: parseOwnerId(job.leaseOwner ?? "")?.pid },
        "recovered job of a stopped worker",
      );
    }
    if (recovered.length > 0) this.#poke();
  }

  async #registerWorker(): Promise<void> {
    const parsed = parseOwnerId(this.owner);
    const now = this.#clock();
    await this.#options.store.upsertWorker({
      owner: this.owner,
      host: parsed?.host ?? "",
      pid: parsed?.pid ?? process.pid,
      kind: this.#options.kind ?? "library",
      startedAt: now,
      heartbeatAt: now,
    });
  }

  /** Waits for `ms`, or less if a job finishes or the run is stopped. */
  async #pause(ms: number, signal: AbortSignal): Promise<void> {
    if (this.#poked) {
      this.#poked = false;
      return;
    }
    // One timer and one abort listener per pause, both removed however it ends: with pokes
    // arriving many times a second, a timer left behind per pause would pile up listeners.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
      this.#wake = done;
    });
  }

  /** Lets running jobs finish for `graceMs`, then stops them; their jobs go back to pending. */
  async #drain(graceMs: number): Promise<void> {
    if (this.#running.size === 0) return;
    this.#log.info({ running: this.#running.size, graceMs }, "waiting for running transfers");
    const all = Promise.allSettled([...this.#running]);
    const timer = new AbortController();
    const timedOut = await Promise.race([
      all.then(() => false),
      sleep(graceMs, true, { signal: timer.signal }).catch(() => false),
    ]);
    timer.abort();
    if (timedOut) {
      for (const active of this.#active.values()) active.controller.abort(new Error("shutdown"));
      await Promise.allSettled([...this.#running]);
    }
  }
}
