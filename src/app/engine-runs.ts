/**
 * The engines a service runs (processQueue, runWorkers): each built from the current config,
 * its events re-emitted by the service untouched, stoppable all at once by `close`, and asked
 * to stop a cancelled job's transfer at once.
 */
import type { EventEmitter } from "node:events";
import { type ResolvedConfig, scheduleTimeZone } from "../config/resolve.js";
import type { EngineEvents, Logger } from "../engine/events.js";
import type { RunResult, UploadEngine } from "../engine/upload-engine.js";
import type { RenditionCache } from "../media/rendition-cache.js";
import type { JobStore, WorkerKind } from "../store/job-store.js";
import type { ServiceTransports } from "./service-transports.js";

export interface EngineRunsOptions {
  readonly store: JobStore;
  readonly transports: ServiceTransports;
  readonly config: () => ResolvedConfig;
  /**
   * Checks rclone is usable before an engine starts with it; `starting`: by asking the rcd,
   * started for it (a run that is about to upload), else with a process of its own.
   */
  readonly checkRclone: (starting: boolean) => Promise<unknown>;
  /** Where engine events are re-emitted (the service, whose own events are a superset). */
  readonly events: Pick<EventEmitter, "emit">;
  readonly clock: () => number;
  readonly logger: Logger;
  /** Where the prepare step gets renditions made. */
  readonly renditions: () => RenditionCache;
}

export interface EngineRun {
  readonly untilIdle: boolean;
  readonly batchId?: number | undefined;
  readonly maxConcurrent?: number | undefined;
  readonly kind: WorkerKind;
}

export class EngineRuns {
  readonly #options: EngineRunsOptions;
  readonly #engines = new Map<UploadEngine, { stop: AbortController; running: Promise<RunResult> }>();

  constructor(options: EngineRunsOptions) {
    this.#options = options;
  }

  async run(signal: AbortSignal, run: EngineRun): Promise<RunResult> {
    const { store, transports, events, clock, logger } = this.#options;
    const renditions = this.#options.renditions();
    // These three are independent, and an `upload --wait` waits for all of them before its first
    // byte: rclone's check, a crash's leftovers swept (a dead writer's `.tmp`, renditions nobody
    // came back for), and the engine's code, loaded only when a run starts (commands that only
    // queue or read the queue skip it). A run until idle has just been given work: it checks
    // rclone by starting the rcd its uploads need, one rclone start (~0.15 s) instead of two. A
    // daemon's run checks with `rclone version` and starts the rcd when there is work.
    const checked = transports.usesRclone ? this.#options.checkRclone(run.untilIdle) : Promise.resolve();
    const [{ UploadEngine }] = await Promise.all([
      import("../engine/upload-engine.js"),
      checked,
      renditions.sweep().catch(() => undefined),
    ]);
    // The config is read only now, and the engine is registered before anything else awaits:
    // a reload that came while the engine was starting (the daemon's first seconds) reached
    // only the engines already registered, and this one kept the config it had read — a
    // destination added then never had its jobs claimed.
    const config = this.#options.config();
    const engine = new UploadEngine({
      renditions,
      store,
      transport: transports.transport(),
      destinations: config.destinations,
      settings: config.engine,
      kind: run.kind,
      logger,
      clock,
      batchId: run.batchId,
      maxConcurrent: run.maxConcurrent,
      timeZone: scheduleTimeZone(config),
      bandwidth: config.bandwidth,
    });
    // Re-emit every engine event from the service, untouched.
    for (const name of EVENT_NAMES) engine.on(name, (...args: unknown[]) => events.emit(name, ...args));
    // close() stops this run too, so nothing writes to a store that is closing.
    const stop = new AbortController();
    const stopped = AbortSignal.any([signal, stop.signal]);
    const running = engine.run(stopped, { untilIdle: run.untilIdle });
    this.#engines.set(engine, { stop, running });
    try {
      return await running;
    } finally {
      this.#engines.delete(engine);
      engine.removeAllListeners();
    }
  }

  /** A reloaded config for every running engine: it applies to the jobs they claim from now on. */
  reconfigure(config: ResolvedConfig): void {
    for (const engine of this.#engines.keys()) {
      engine.reconfigure({ destinations: config.destinations, bandwidth: config.bandwidth });
    }
  }

  /** Retry pressed: held, full and offline destinations of this process's engines try again now. */
  resumeDestinations(name?: string): void {
    for (const engine of this.#engines.keys()) engine.resumeDestinations(name);
  }

  /** Stops the job's transfer if an engine of this process runs it. */
  abortJob(id: number): void {
    for (const engine of this.#engines.keys()) engine.abortJob(id);
  }

  /** Stops every run and waits for them to end. */
  async stopAll(): Promise<void> {
    const runs = [...this.#engines.values()];
    for (const run of runs) run.stop.abort();
    await Promise.allSettled(runs.map((run) => run.running));
  }
}

const EVENT_NAMES = [
  "started",
  "progress",
  "changed",
  "completed",
  "skipped",
  "retrying",
  "failed",
  "batchCompleted",
  "destination",
] as const satisfies readonly (keyof EngineEvents)[];
