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
import { type ActiveJob, ActiveJobs } from "./active-jobs.js";
import { BatchAnnouncer } from "./batch-announcer.js";
import { type EngineEvents, type Logger, SILENT_LOGGER } from "./events.js";
import { HealthBoard } from "./health-board.js";
import { newOwnerId } from "./owner.js";
import { runGroup } from "./run-group.js";
import { type JobContext, runJob } from "./run-job.js";
import { ScheduleGate } from "./schedule-gate.js";
import { ShareLinks } from "./share-links.js";
import { StallWatch } from "./stall-watch.js";
import type { TransferProgress, Transport } from "./transport.js";
import { WorkerPresence } from "./worker-presence.js";

/**
 * Groups of one destination in flight beyond its concurrency (those uploading): the one getting
 * ready for the next free slots, and one checking and moving what it uploaded.
 */
const GROUPS_BEYOND_CONCURRENCY = 2;

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

export class UploadEngine extends EventEmitter<EngineEvents> {
  readonly owner: string;
  readonly #options: EngineOptions;
  readonly #clock: () => number;
  readonly #log: Logger;
  readonly #active = new ActiveJobs();
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
  readonly #presence: WorkerPresence;
  readonly #stalls: StallWatch;

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
      onStatus: (status) => this.emit("destination", status),
      heldCheckMs: options.settings.heldCheckSeconds * 1000,
    });
    this.#batches = new BatchAnnouncer({
      store: options.store,
      clock: this.#clock,
      wanted: () => this.listenerCount("batchCompleted") > 0,
      announce: (summary) => this.emit("batchCompleted", summary),
      onStoreError: (error) => this.#storeError(error),
    });
    this.#links = new ShareLinks(options.store, options.transport, this.#log);
    this.#stalls = new StallWatch(options.settings.stallSeconds * 1000);
    this.#presence = new WorkerPresence({
      store: options.store,
      owner: this.owner,
      kind: options.kind ?? "library",
      clock: this.#clock,
      logger: this.#log,
    });
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

  /** Retry pressed: destinations that need attention, are full or offline try again now. */
  resumeDestinations(name?: string): void {
    this.#health.resume(name);
  }

  /** Works until `signal` aborts (or, with `untilIdle`, until the scope is done). */
  async run(signal: AbortSignal, options: RunOptions = {}): Promise<RunResult> {
    this.#result = { succeeded: 0, failed: 0 };
    const { store, settings } = this.#options;
    const leaseMs = settings.leaseSeconds * 1000;
    await this.#presence.refresh(leaseMs);
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
      await this.#presence.remove();
    }
    return { ...this.#result };
  }

  /** Claims work for every destination with a free slot; returns how many jobs started. */
  async #fill(leaseMs: number): Promise<number> {
    const { store, destinations, batchId, maxConcurrent, settings } = this.#options;
    let started = 0;
    this.#stalls.sweep(this.#active.all(), this.#clock());
    await this.#gate.refresh();
    for (const destination of destinations) {
      const health = this.#health.of(destination);
      const now = this.#clock();
      const hold = await this.#gate.holdOf(destination, this.#active.bytesOf(destination));
      this.#health.noteSpace(destination, hold);
      if (hold !== null) {
        if (hold.reason === "outside-window" && destination.windowEnd === "stop") {
          this.#stopRunning(destination, "the upload window closed");
        }
        continue;
      }
      this.#health.tick(destination, now);
      // A group takes every slot; with other hosts waiting, let one of them have the next.
      const yielding =
        this.#presence.peers > 0 && now - this.#active.lastGroupEnd(destination) < settings.pollIntervalMs;
      if (yielding) continue;
      const groupsHere = this.#active.groupsOf(destination);
      const singlesHere = this.#active.singlesOf(destination);
      const globalFree =
        maxConcurrent === undefined
          ? Number.POSITIVE_INFINITY
          : maxConcurrent - (this.#active.slotsInUse() - this.#active.slotsInUse(destination));
      // The slots this destination may use now.
      const width = Math.min(health.allowance(now), globalFree);
      if (width <= 0) continue;
      const claim = (limit: number, exclusive: boolean) =>
        store.claim(
          {
            owner: this.owner,
            destination: destination.name,
            limit,
            destinationLimit: destination.concurrency,
            exclusive,
            leaseMs,
            batchId,
          },
          this.#clock(),
        );
      try {
        // Claimed together, jobs share the destination's slots through their groups (a lone
        // one is a group of one): none while lone uploads run, and none of those while groups
        // run. Another host busy with the destination: one job at a time, as ever.
        const grouped =
          singlesHere === 0 && this.#groupsFit(destination) ? await claim(settings.groupFiles, true) : [];
        if (grouped.length > 0) this.#startGroup(grouped, destination, width);
        const alone =
          grouped.length === 0 && groupsHere === 0 && width > singlesHere
            ? await claim(width - singlesHere, false)
            : [];
        this.#storeAnswered();
        for (const job of alone) this.#start(job, destination);
        started += grouped.length + alone.length;
      } catch (error) {
        const syncError = toSyncError(error, "STORE_FAILED");
        if (!syncError.temporary) throw syncError;
        this.#storeFailed(syncError);
        return started;
      }
    }
    return started;
  }

  /**
   * Whether the destination's uploads may travel as groups: not while a per-upload bandwidth
   * share or a daily cap must be kept file by file.
   */
  #groupsFit(destination: Destination): boolean {
    // One group at a time gets ready, so the slots never wait for its checks and the queue is
    // not claimed further ahead than that. With other hosts waiting for the destination, one
    // group at a time, whole.
    const running = this.#active.groupsOf(destination);
    const limit = this.#presence.peers > 0 ? 1 : destination.concurrency + GROUPS_BEYOND_CONCURRENCY;
    return (
      running < limit &&
      this.#active.waitingOf(destination) === 0 &&
      this.#options.settings.groupFiles > 1 &&
      this.#options.transport.group !== undefined &&
      destination.dailyCapBytes === null &&
      this.#gate.rateLimitOf(destination) === undefined
    );
  }

  /** Stops the destination's running uploads; their jobs go back to the queue, attempts given back. */
  #stopRunning(destination: Destination, why: string): void {
    for (const active of this.#active.all()) {
      if (active.destination.name !== destination.name || active.controller.signal.aborted) continue;
      this.#log.info({ job: active.job.id, destination: destination.name }, `stopping upload: ${why}`);
      active.controller.abort(new Error(why));
    }
  }

  #start(job: Job, destination: Destination): void {
    const active = this.#track(job, destination, 1, false);
    const done = runJob(this.#contextOf(active), job)
      .catch((error: unknown) => this.#unrecorded(job, error))
      .then(async (last) => {
        this.#active.delete(job.id);
        // A finished upload moves bytes from "running" to "sent": read the count again.
        this.#gate.uploadFinished(destination);
        if (last !== null) void this.#links.make(last, destination);
        if (last !== null && isFinal(last.state)) await this.#batches.jobFinished(last.batchId);
      });
    this.#keep(done);
  }

  /** Runs claimed jobs as groups where they can (run-group.ts), on `transfers` slots. */
  #startGroup(jobs: readonly Job[], destination: Destination, transfers: number): void {
    // The first job carries the group's slots, so the destination counts as fully busy.
    const actives = jobs.map((job) => this.#track(job, destination, 0, true));
    this.#log.debug({ destination: destination.name, jobs: jobs.length, transfers }, "group started");
    const members = actives.map((active) => ({ job: active.job, context: this.#contextOf(active) }));
    const pool = this.#active.groupStarted(destination);
    const carrier = actives[0] as ActiveJob;
    let waiting = true;
    const stopWaiting = () => {
      if (!waiting) return;
      waiting = false;
      this.#active.groupUploading(destination);
      // Slots taken: the next group may get ready.
      this.#poke();
    };
    const uploadTurn = async (files: number) => {
      const wanted = Math.min(files, transfers);
      const giveBack = await pool.take(wanted);
      stopWaiting();
      carrier.slots += wanted;
      return () => {
        carrier.slots -= wanted;
        giveBack();
        this.#poke();
      };
    };
    const done = runGroup(members, transfers, uploadTurn)
      .catch((error: unknown) => {
        this.#unrecorded(jobs[0] as Job, error);
        return new Map<number, Job | null>();
      })
      .then(async (outcomes) => {
        for (const job of jobs) this.#active.delete(job.id);
        stopWaiting();
        this.#active.groupEnded(destination, this.#clock());
        this.#gate.uploadFinished(destination);
        const finishedBatches = new Set<number>();
        for (const job of jobs) {
          const last = outcomes.get(job.id) ?? null;
          if (last !== null) void this.#links.make(last, destination);
          if (last !== null && isFinal(last.state)) finishedBatches.add(last.batchId);
        }
        for (const batchId of finishedBatches) await this.#batches.jobFinished(batchId);
      });
    this.#keep(done);
  }

  #track(job: Job, destination: Destination, slots: number, inGroup: boolean): ActiveJob {
    const active: ActiveJob = {
      job,
      destination,
      controller: new AbortController(),
      lastPersistAt: this.#clock(),
      slots,
      inGroup,
    };
    this.#active.add(active);
    this.emit("started", job);
    this.emit("changed", job);
    this.#log.debug({ job: job.id, source: job.sourcePath, attempt: job.attempts }, "job started");
    return active;
  }

  #contextOf(active: ActiveJob): JobContext {
    const { destination } = active;
    return {
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
    };
  }

  /** The store refused the final write; the lease will expire and another attempt follows. */
  #unrecorded(job: Job, error: unknown): null {
    this.#log.error({ job: job.id, err: toSyncError(error).message }, "job outcome could not be recorded");
    return null;
  }

  #keep(done: Promise<void>): void {
    const tracked = done.finally(() => {
      this.#running.delete(tracked);
      this.#poke();
    });
    this.#running.add(tracked);
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
    this.#stalls.progress(active, progress.bytesDone, now);
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
    // A full disk says so in its own words; either way no new work is taken until it answers.
    const said =
      error.code === "DATA_DIR_FULL" ? error.message : "the queue database is not answering; waiting for it";
    this.#log.warn({ code: error.code, err: error.message }, said);
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
      await this.#presence.refresh(leaseMs);
      // Only jobs running before the renewal can be judged by it; a job claimed meanwhile is ours.
      const before = this.#active.all().map((active) => [active.job.id, active] as const);
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
    const recovered = await this.#presence.recoverLeases();
    if (recovered.length > 0) this.#poke();
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
      for (const active of this.#active.all()) active.controller.abort(new Error("shutdown"));
      await Promise.allSettled([...this.#running]);
    }
  }
}
