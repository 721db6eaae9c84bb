/**
 * The worker pool. Each poll it claims runnable jobs per destination up to that destination's
 * concurrency (claim-work.ts) and starts them, alone or as groups (start-jobs.ts); a heartbeat
 * keeps their leases alive, lets go of jobs cancelled elsewhere and recovers jobs of dead
 * workers (lease-keeper.ts); on shutdown running transfers may finish for a grace period before
 * they are stopped and their jobs given back (in-flight.ts). This file wires those parts and
 * runs the loop.
 */
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { EngineSettings } from "../config/schema.js";
import type { BackoffPolicy } from "../domain/backoff.js";
import type { Destination } from "../domain/destination.js";
import { toSyncError } from "../domain/errors.js";
import { systemTimeZone } from "../domain/local-time.js";
import type { Timetable } from "../domain/schedule.js";
import type { JobStore, WorkerKind } from "../store/job-store.js";
import { ActiveJobs } from "./active-jobs.js";
import type { BandwidthBudget } from "./bandwidth-budget.js";
import { BatchAnnouncer } from "./batch-announcer.js";
import { budgeted } from "./budgeted-transport.js";
import { TransportChooser } from "./choose-transport.js";
import { WorkClaimer } from "./claim-work.js";
import { type EngineEvents, type Logger, SILENT_LOGGER } from "./events.js";
import { HealthBoard } from "./health-board.js";
import { onlyHeldWorkLeft } from "./held-scope.js";
import { idlePauseMs } from "./idle-pause.js";
import { InFlight } from "./in-flight.js";
import { JobReporter } from "./job-reporter.js";
import { LeaseKeeper } from "./lease-keeper.js";
import { newOwnerId } from "./owner.js";
import type { RenditionMaker } from "./prepare-bytes.js";
import { RateReporter } from "./rate-reporter.js";
import { ResumeSweeper } from "./resume-sweep.js";
import { ScheduleGate } from "./schedule-gate.js";
import { ShareLinks } from "./share-links.js";
import { StallWatch } from "./stall-watch.js";
import { JobStarter } from "./start-jobs.js";
import { StoreOutage } from "./store-outage.js";
import type { Transport } from "./transport.js";
import { Wake } from "./wake.js";
import { WorkerPresence } from "./worker-presence.js";

export interface EngineOptions {
  readonly store: JobStore;
  /** What moves the bytes; choose-transport.ts decides per job which transport that is. */
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
  /** Makes the renditions of destinations that have one (media/rendition-cache.ts). */
  readonly renditions?: RenditionMaker | undefined;
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
  readonly #active = new ActiveJobs();
  readonly #wake = new Wake();
  readonly #outage: StoreOutage;
  readonly #inFlight: InFlight;
  readonly #reporter: JobReporter;
  readonly #health: HealthBoard;
  readonly #stalls: StallWatch;
  readonly #batches: BatchAnnouncer;
  readonly #presence: WorkerPresence;
  readonly #leases: LeaseKeeper;
  readonly #claimer: WorkClaimer;
  readonly #gate: ScheduleGate;
  #destinations: readonly Destination[];
  /** What this engine's uploads move now, written for `status` and for other hosts. */
  readonly #rates: RateReporter;

  constructor(options: EngineOptions) {
    super();
    this.#options = options;
    this.#destinations = options.destinations;
    const { store, transport } = options;
    const owner = options.owner ?? newOwnerId();
    const clock = options.clock ?? Date.now;
    const logger = options.logger ?? SILENT_LOGGER;
    const poke = () => this.#wake.poke();
    this.owner = owner;
    this.#clock = clock;
    const outage = new StoreOutage(logger, poke);
    this.#outage = outage;
    this.#inFlight = new InFlight(logger, poke);
    this.#stalls = new StallWatch(options.settings.stallSeconds * 1000);
    this.#reporter = new JobReporter({ events: this, store, owner, clock, logger });
    const gate = new ScheduleGate({
      store,
      transport,
      timeZone: options.timeZone ?? systemTimeZone(),
      bandwidth: options.bandwidth ?? null,
      destinations: options.destinations,
      owner,
      clock,
      logger,
      onStoreError: (error) => outage.error(error),
    });
    this.#gate = gate;
    const rates = new RateReporter({ store, owner, budget: gate.budget, clock, logger });
    this.#rates = rates;
    this.on("progress", (progress) =>
      rates.progress(progress.job.id, progress.job.destination, progress.bytesDone),
    );
    this.on("changed", (job) => {
      if (job.state !== "uploading") rates.ended(job.id);
    });
    const health = new HealthBoard({
      store,
      transport,
      destinations: options.destinations,
      clock,
      logger,
      backoff: options.backoff,
      random: options.random,
      wake: poke,
      onStatus: (status) => this.emit("destination", status),
      heldCheckMs: options.settings.heldCheckSeconds * 1000,
    });
    this.#health = health;
    // Uploads that stop moving are stopped and retried (stall-watch.ts).
    this.on("progress", (progress) => {
      const active = this.#active.get(progress.job.id);
      if (active !== undefined) this.#stalls.progress(active, progress.bytesDone, clock());
    });
    this.#batches = new BatchAnnouncer({
      store,
      clock,
      wanted: () => this.listenerCount("batchCompleted") > 0,
      announce: (summary) => this.emit("batchCompleted", summary),
      onStoreError: (error) => outage.error(error),
    });
    const presence = new WorkerPresence({ store, owner, kind: options.kind ?? "library", clock, logger });
    this.#presence = presence;
    const active = this.#active;
    const resumes = new ResumeSweeper(store, transport, options.destinations, logger, clock);
    this.#leases = new LeaseKeeper({ store, owner, active, presence, outage, clock, logger, poke, resumes });
    // Each transfer, lone or grouped, draws on its destination's bandwidth budget.
    const transports = new TransportChooser(budgeted(transport, gate.budget));
    const starter = new JobStarter({
      store,
      owner,
      transports,
      active,
      inFlight: this.#inFlight,
      reporter: this.#reporter,
      gate,
      health,
      links: new ShareLinks(store, transport, logger),
      batches: this.#batches,
      clock,
      random: options.random ?? Math.random,
      backoff: options.backoff,
      logger,
      poke,
      renditions: options.renditions,
    });
    this.#claimer = new WorkClaimer({
      store,
      owner,
      destinations: () => this.#destinations,
      settings: options.settings,
      batchId: options.batchId,
      maxConcurrent: options.maxConcurrent,
      transports,
      active,
      gate,
      health,
      presence,
      starter,
      outage,
      clock,
      logger,
    });
  }

  /**
   * The bandwidth limits in force, shared among the destinations' uploads: a transport that
   * sends bytes itself draws on it through `TransferRequest.bandwidth` (see transport.ts).
   */
  get bandwidth(): BandwidthBudget {
    return this.#gate.budget;
  }

  /** Number of transfers running in this engine now. */
  get activeCount(): number {
    return this.#active.size;
  }

  /**
   * A reloaded config: new destinations take jobs from the next poll, removed ones take no new
   * ones (their queued jobs wait; running transfers finish), changed settings apply to jobs
   * claimed from now on, and the global bandwidth timetable moves to the new one.
   */
  reconfigure(change: {
    readonly destinations: readonly Destination[];
    readonly bandwidth: Timetable | null;
  }): void {
    const kept = new Set(change.destinations.map((destination) => destination.name));
    this.#destinations = change.destinations;
    this.#gate.reconfigure(change);
    // Claimed ahead for a removed destination but not moving bytes yet (a group waiting for
    // its slots): handed back, so they wait in the queue like its other jobs. Transfers that
    // move bytes finish.
    for (const active of this.#active.all()) {
      if (kept.has(active.destination.name) || !active.waiting || active.controller.signal.aborted) continue;
      (this.#options.logger ?? SILENT_LOGGER).info(
        { job: active.job.id, destination: active.destination.name },
        "handing back a job not started: destination removed from config",
      );
      active.controller.abort(new Error("destination removed from config"));
    }
    this.#wake.poke();
  }

  /** Retry pressed: destinations that need attention, are full or offline try again now. */
  resumeDestinations(name?: string): void {
    this.#health.resume(name);
  }

  /** Stops a job this engine is running (the store change is the caller's). */
  abortJob(jobId: number): boolean {
    const active = this.#active.get(jobId);
    active?.controller.abort(new Error("cancelled"));
    return active !== undefined;
  }

  /** Works until `signal` aborts (or, with `untilIdle`, until the scope is done). */
  async run(signal: AbortSignal, options: RunOptions = {}): Promise<RunResult> {
    this.#reporter.reset();
    const { store, settings } = this.#options;
    const leaseMs = settings.leaseSeconds * 1000;
    await this.#presence.refresh(leaseMs);
    await this.#leases.recover();
    this.#health.publishAll();
    const heartbeat = setInterval(
      () => void this.#leases.beat(leaseMs),
      Math.max(500, Math.floor(leaseMs / 3)),
    );
    // Stores that tell of changes (PostgreSQL NOTIFY, the SQLite file's change events) wake a
    // sleeping loop; a busy loop polls anyway, and would only be woken by its own writes.
    let sleeping = false;
    // A change heard while polling may have come after the poll read the queue: no long sleep
    // then, one more ordinary poll first.
    let changedWhilePolling = false;
    const unsubscribe = await store
      .subscribe?.(() => {
        if (sleeping) this.#wake.poke();
        else changedWhilePolling = true;
      })
      .catch(() => undefined);
    try {
      let sweptAt = Number.NEGATIVE_INFINITY;
      while (!signal.aborted) {
        changedWhilePolling = false;
        this.#stalls.sweep(this.#active.all(), this.#clock());
        const claimed = await this.#claimer.fill(leaseMs);
        await this.#rates.report();
        // A job's end announces its batch at once; the sweep is for batches that close by time,
        // so once per poll interval is enough, not once per finished job.
        if (this.#clock() - sweptAt >= settings.pollIntervalMs) {
          sweptAt = this.#clock();
          await this.#batches.sweep();
        }
        if (options.untilIdle && this.#active.size === 0 && claimed === 0 && (await this.#scopeDone())) break;
        const idleMs =
          options.untilIdle || unsubscribe === undefined ? undefined : await this.#idlePause(claimed);
        if (idleMs === undefined || changedWhilePolling) {
          await this.#wake.pause(settings.pollIntervalMs, signal);
          continue;
        }
        const started = performance.now();
        sleeping = true;
        await this.#wake.pause(idleMs, signal);
        sleeping = false;
        // Woken early (by any write to the queue, our own heartbeat's too): never poll more
        // often than the poll interval.
        const slept = performance.now() - started;
        if (slept < settings.pollIntervalMs && !signal.aborted) {
          await sleep(settings.pollIntervalMs - slept, undefined, { signal }).catch(() => undefined);
        }
      }
    } finally {
      clearInterval(heartbeat);
      await unsubscribe?.();
      await this.#inFlight.drain(settings.shutdownGraceSeconds * 1000, () => {
        for (const active of this.#active.all()) active.controller.abort(new Error("shutdown"));
      });
      await this.#rates.clear();
      await this.#presence.remove();
    }
    return this.#reporter.result;
  }

  /** How long to sleep with nothing to do (idle-pause.ts), or undefined to poll as usual. */
  async #idlePause(claimed: number): Promise<number | undefined> {
    if (claimed > 0 || this.#active.size > 0 || this.#outage.down) return undefined;
    try {
      return idlePauseMs({
        claimed,
        active: this.#active.size,
        counts: await this.#options.store.counts(),
        nextAnnouncementAt: this.#batches.nextDueAt,
        now: this.#clock(),
        pollIntervalMs: this.#options.settings.pollIntervalMs,
      });
    } catch {
      // The store does not answer: keep polling, so the outage is seen and ends promptly.
      return undefined;
    }
  }

  async #scopeDone(): Promise<boolean> {
    const { store, batchId } = this.#options;
    try {
      if (batchId !== undefined && (await store.isBatchFinished(batchId))) return true;
      if (batchId === undefined) {
        const counts = await store.counts();
        if (counts.pending + counts.retrying + counts.uploading + counts.verifying === 0) return true;
      }
      return await onlyHeldWorkLeft(store, this.#health, batchId);
    } catch (error) {
      // Cannot tell while the store is away: keep waiting for it rather than stopping early.
      this.#outage.failed(toSyncError(error, "STORE_FAILED"));
      return false;
    }
  }
}
