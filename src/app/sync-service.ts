/**
 * The public operations of junmai-sync — what the CLI, the daemon and any export pipeline
 * call. Names follow the prototype's operations (upload_file → uploadFile, …).
 *
 * The store is opened at once; rclone only when something needs to move bytes, so `status`,
 * `retry` and enqueueing work even where rclone is missing.
 */
import { EventEmitter } from "node:events";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type LoadedConfig, loadConfig, parseConfig, writeConfigFile } from "../config/load.js";
import { type ResolvedPaths, resolvePaths } from "../config/paths.js";
import type { ResolvedConfig } from "../config/resolve.js";
import type { ConfigInput } from "../config/schema.js";
import type { BatchSummary } from "../domain/batch.js";
import type { Destination } from "../domain/destination.js";
import { SyncError } from "../domain/errors.js";
import type { Job, StateCounts } from "../domain/job.js";
import { parsePriority } from "../domain/priority.js";
import { joinRemotePath, normalizeRelativePath } from "../domain/remote-path.js";
import type { WatchRule } from "../domain/watch-rule.js";
import { type EngineEvents, type Logger, SILENT_LOGGER } from "../engine/events.js";
import type { DestinationCheck, Transport } from "../engine/transport.js";
import { type RunResult, UploadEngine } from "../engine/upload-engine.js";
import { RcdSupervisor } from "../rclone/rcd-supervisor.js";
import { checkRclone, type RcloneInfo } from "../rclone/rclone-binary.js";
import { RcloneTransport } from "../rclone/rclone-transport.js";
import {
  ALL_DESTINATIONS,
  type JobQuery,
  type JobStore,
  type NewJob,
  type WorkerKind,
  type WorkerRecord,
} from "../store/job-store.js";
import { expandSourcesReporting, type SkippedSource } from "./expand-sources.js";
import { batchHeldBy, type HeldBy } from "./held-batch.js";
import { NotificationLedger } from "./notification-ledger.js";
import { openStore } from "./open-store.js";
import { liveWorkers, type QueueStatus, readQueueStatus, type StatusSources } from "./queue-status.js";
import { rcdHealthOptions } from "./rcd-health.js";
import { Remotes } from "./remotes.js";
import { retryHeldJobs } from "./retry-held.js";
import { parseLiveRate } from "./schedule-status.js";
import { WatchIntake } from "./watch-intake.js";

export interface OpenOptions {
  /** Config file; default: JUNMAI_SYNC_CONFIG, then the OS config folder, then the embedded default. */
  readonly configPath?: string;
  /** Data directory (queue database); default: JUNMAI_SYNC_DATA_DIR, then the OS data folder. */
  readonly dataDir?: string;
  /** The rclone.conf to use instead of the config's `rclone.configPath` (and RCLONE_CONFIG). */
  readonly rcloneConfigPath?: string;
  /** A config given in code instead of a file. */
  readonly config?: ConfigInput;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: Logger;
  /** Inject a store or transport (tests, embedding); default: SQLite in the data dir, rclone. */
  readonly store?: JobStore;
  readonly transport?: Transport;
  readonly clock?: () => number;
  /** What kind of worker this process registers as when it runs jobs. */
  readonly workerKind?: WorkerKind;
}

export interface UploadOptions {
  /** Destination name(s); default: the config's default destination. */
  readonly to?: string | readonly string[] | undefined;
  /** Folder below the destination's base path, e.g. `2024/wedding`. */
  readonly subpath?: string | undefined;
  /** A name for the batch (shown in status and notifications). */
  readonly batchName?: string | undefined;
  /** high, normal (default), low, or -100…100: higher goes first, without stopping running uploads. */
  readonly priority?: string | number | undefined;
}

export interface BatchUpload {
  readonly batch: BatchSummary["batch"];
  readonly jobIds: readonly number[];
  /** Paths that did not exist when queued; their jobs fail with SOURCE_MISSING unless they appear. */
  readonly missing: readonly string[];
  /** What was not queued, with why (pipes, sockets, devices, link loops …): never in silence. */
  readonly skipped: readonly SkippedSource[];
  readonly destinations: readonly string[];
}

export interface ProcessOptions {
  /** Transfers at once across destinations (each destination's own limit still applies). */
  readonly maxConcurrent?: number;
  /** Only this batch. */
  readonly batchId?: number;
  readonly signal?: AbortSignal;
}

export type { QueueStatus } from "./queue-status.js";

export type SyncEvents = EngineEvents;

export class SyncService extends EventEmitter<SyncEvents> {
  readonly paths: ResolvedPaths;
  readonly #store: JobStore;
  readonly #log: Logger;
  readonly #clock: () => number;
  readonly #options: OpenOptions;
  #loaded: LoadedConfig;
  #transport: Transport | undefined;
  #rcd: RcdSupervisor | undefined;
  readonly #engines = new Map<UploadEngine, { stop: AbortController; running: Promise<RunResult> }>();

  private constructor(options: OpenOptions, paths: ResolvedPaths, loaded: LoadedConfig, store: JobStore) {
    super();
    this.#options = options;
    this.paths = paths;
    this.#loaded = loaded;
    this.#store = store;
    this.#log = options.logger ?? SILENT_LOGGER;
    this.#clock = options.clock ?? Date.now;
    this.#transport = options.transport;
  }

  static async open(options: OpenOptions = {}): Promise<SyncService> {
    const cwd = options.cwd ?? process.cwd();
    const paths = resolvePaths({
      configFlag: options.configPath,
      dataDirFlag: options.dataDir,
      cwd,
      ...(options.env === undefined ? {} : { env: options.env }),
    });
    const loaded: LoadedConfig =
      options.config === undefined
        ? loadConfig({ ...paths, cwd, env: options.env })
        : {
            config: parseConfig(options.config, { baseDir: cwd, source: "code", env: options.env }),
            input: options.config,
          };
    const rcloneConfig = options.rcloneConfigPath;
    const chosen: LoadedConfig =
      rcloneConfig === undefined
        ? loaded
        : {
            ...loaded,
            config: Object.freeze({
              ...loaded.config,
              rclone: Object.freeze({ ...loaded.config.rclone, configPath: path.resolve(cwd, rcloneConfig) }),
            }),
          };
    const store = options.store ?? (await openStore(chosen.config.store, paths.dataDir));
    return new SyncService(options, paths, chosen, store);
  }

  get config(): ResolvedConfig {
    return this.#loaded.config;
  }

  /** Queues one file; returns its job (for the first destination when several are given). */
  async uploadFile(file: string, options: UploadOptions = {}): Promise<Job> {
    const result = await this.uploadBatch([file], options);
    const id = result.jobIds[0];
    if (id === undefined) throw new SyncError("SOURCE_MISSING", `Nothing to upload at ${file}.`);
    return this.getUploadStatus(id);
  }

  /**
   * Queues files and folders as one batch: resolve the destinations → list the files →
   * place each below the destination → enqueue one job per file and destination, durably.
   */
  async uploadBatch(paths: readonly string[], options: UploadOptions = {}): Promise<BatchUpload> {
    const destinations = this.#destinations(options.to);
    const subpath = normalizeRelativePath(options.subpath ?? "", "--subpath");
    const priority = options.priority === undefined ? 0 : parsePriority(options.priority);
    const { files, skipped } = expandSourcesReporting(paths, this.#options.cwd ?? process.cwd());
    for (const odd of skipped) this.#log.warn({ path: odd.path, code: odd.code }, "source skipped");
    const jobs: NewJob[] = [];
    for (const destination of destinations) {
      for (const file of files) {
        jobs.push({
          destination: destination.name,
          sourcePath: file.sourcePath,
          remotePath: joinRemotePath(subpath, normalizeRelativePath(file.relativePath, "File path")),
          sizeBytes: file.sizeBytes,
          sourceModTimeMs: file.modTimeMs,
          maxRetries: destination.retries,
          priority,
        });
      }
    }
    if (jobs.length === 0) {
      const first = skipped[0];
      throw first !== undefined && files.length === 0
        ? new SyncError(first.code, `${first.path}: ${first.message}`)
        : new SyncError("SOURCE_MISSING", "There are no files to upload in the given paths.", {
            hint: "Check the paths; folders are searched recursively.",
          });
    }
    // A named batch stays open a little, so an exporter calling once per file makes one batch.
    const openBatch =
      options.batchName === undefined
        ? undefined
        : { key: `name:${options.batchName}`, quietMs: this.config.engine.batchQuietSeconds * 1000 };
    const { batch, jobIds } = await this.#store.enqueue(
      { batchName: options.batchName ?? null, openBatch, jobs },
      this.#clock(),
    );
    this.#log.info({ batch: batch.id, jobs: jobIds.length }, "batch queued");
    return {
      batch,
      jobIds,
      missing: files.filter((file) => file.missing).map((file) => file.sourcePath),
      skipped,
      destinations: destinations.map((destination) => destination.name),
    };
  }

  /**
   * The intake of one watched folder (see `config.watch`): the watcher hands it files that have
   * stopped changing, and it queues each once per destination.
   */
  watchIntake(rule: WatchRule): WatchIntake {
    return new WatchIntake({
      store: this.#store,
      rule,
      destinations: this.#destinations(rule.destinations),
      clock: this.#clock,
      logger: this.#log,
    });
  }

  /** Runs workers in this process until the queue (or one batch) has nothing left to do. */
  async processQueue(options: ProcessOptions = {}): Promise<RunResult> {
    return this.#runEngine(options.signal ?? new AbortController().signal, {
      untilIdle: true,
      batchId: options.batchId,
      maxConcurrent: options.maxConcurrent,
      kind: this.#options.workerKind ?? "library",
    });
  }

  /** Runs workers until `signal` aborts: the daemon's main loop. */
  async runWorkers(signal: AbortSignal): Promise<RunResult> {
    return this.#runEngine(signal, { untilIdle: false, kind: this.#options.workerKind ?? "daemon" });
  }

  async getUploadStatus(id: number): Promise<Job> {
    const job = await this.#store.getJob(id);
    if (job === undefined) throw new SyncError("JOB_NOT_FOUND", `There is no job ${id}.`);
    return job;
  }

  async getBatchStatus(id: number): Promise<BatchSummary> {
    const summary = await this.#store.getBatch(id);
    if (summary === undefined) throw new SyncError("BATCH_NOT_FOUND", `There is no batch ${id}.`);
    return summary;
  }

  /** The queue now: counts, destinations (health, hold, bandwidth), workers and what is moving. */
  getQueueStatus(): Promise<QueueStatus> {
    return readQueueStatus(this.#statusSources());
  }

  /** Finished batches whose notification is still owed (see notify/notifier.ts). */
  notificationLedger(): NotificationLedger {
    return new NotificationLedger(this.#store, this.#clock);
  }

  /** Jobs per state over the whole queue (cheap: kept by the store, not counted). */
  getCounts(): Promise<StateCounts> {
    return this.#store.counts();
  }

  listJobs(query: JobQuery): Promise<Job[]> {
    return this.#store.listJobs(query);
  }

  listBatches(limit = 20): Promise<BatchSummary[]> {
    return this.#store.listBatches(limit);
  }

  /** Puts a failed (or cancelled, or waiting) job back in the queue with a fresh retry budget. */
  async retryFailed(id: number): Promise<Job> {
    const job = await this.#store.apply(id, { type: "retryNow" }, this.#clock());
    for (const engine of this.#engines.keys()) engine.resumeDestinations(job.destination);
    return job;
  }

  /** Puts every failed job back in the queue; returns how many. */
  async retryAllFailed(): Promise<number> {
    for (const engine of this.#engines.keys()) engine.resumeDestinations();
    const held = await retryHeldJobs(this.#store, this.#clock());
    return held + (await this.#store.applyToAll({ states: ["failed"] }, { type: "retryNow" }, this.#clock()));
  }

  /**
   * Pauses one destination, or every one (`destination` undefined). Running uploads finish; no
   * new one starts until `resume`. Stored in the queue, so it holds across restarts and for
   * every worker sharing the queue; jobs can still be queued meanwhile.
   */
  async pause(destination?: string): Promise<void> {
    await this.#store.setPaused(this.#scope(destination), true, this.#clock());
  }

  async resume(destination?: string): Promise<void> {
    await this.#store.setPaused(this.#scope(destination), false, this.#clock());
  }

  /**
   * Changes a bandwidth limit live, for every worker sharing the queue, until changed again:
   * `rate` like "2M" (rclone's units), "off" (no limit), or "auto" (back to the config's
   * `bandwidth`). For all uploads together, or one destination's.
   */
  async setBandwidth(rate: string, destination?: string): Promise<void> {
    const scope = this.#scope(destination);
    await this.#store.setBandwidthOverride(scope, parseLiveRate(rate), this.#clock());
  }

  #scope(destination: string | undefined): string {
    if (destination === undefined) return ALL_DESTINATIONS;
    this.#destinations(destination);
    return destination;
  }

  /** Cancels a job that has not finished; a transfer running in this process stops at once, elsewhere within a heartbeat. */
  async cancel(id: number): Promise<Job> {
    const job = await this.#store.apply(id, { type: "cancel" }, this.#clock());
    for (const engine of this.#engines.keys()) engine.abortJob(id);
    return job;
  }

  /**
   * Changes the configuration (the prototype's `configure`): `patch` is merged into the
   * current config's top-level keys and validated. With `persist`, the config file is
   * rewritten (mode 0600). Running workers keep the destinations they started with.
   */
  async configure(
    patch: Partial<ConfigInput>,
    options: { readonly persist?: boolean } = {},
  ): Promise<ResolvedConfig> {
    const input = { ...this.#loaded.input, ...patch } as ConfigInput;
    const source = options.persist ? this.paths.configPath : this.config.source;
    const config = parseConfig(input, {
      baseDir: this.#options.cwd ?? process.cwd(),
      source,
      env: this.#options.env,
    });
    if (options.persist) await writeConfigFile(this.paths.configPath, input);
    this.#loaded = { config, input };
    return config;
  }

  /** The prototype's test connection: can we reach and use this destination? */
  async testConnection(
    destinationName: string,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<DestinationCheck> {
    const [destination] = this.#destinations(destinationName);
    if (destination === undefined)
      throw new SyncError("UNKNOWN_DESTINATION", `Unknown destination ${destinationName}.`);
    return this.#transportOrStart().checkDestination(destination, signal);
  }

  /** rclone's presence and version. */
  checkRclone(): Promise<RcloneInfo> {
    return checkRclone(this.config.rclone.binary);
  }

  /** A daemon working on this queue, if one is alive. */
  async findDaemon(): Promise<WorkerRecord | undefined> {
    return (await this.liveWorkers()).find((worker) => worker.kind === "daemon");
  }

  /** Workers whose heartbeat is fresh (and, on this host, whose process exists). */
  liveWorkers(): Promise<WorkerRecord[]> {
    return liveWorkers(this.#statusSources());
  }

  #statusSources(): StatusSources {
    return { store: this.#store, config: this.config, clock: this.#clock, dataDir: this.paths.dataDir };
  }

  /** The full integrity check of the queue (daemon start, `doctor`); throws STORE_CORRUPT. */
  async checkQueue(): Promise<void> {
    await this.#store.checkIntegrity?.();
  }

  /** Destinations that need attention and hold every open job of the batch, or null (held-batch.ts). */
  batchHeldBy(batchId: number, since: number): Promise<HeldBy[] | null> {
    return batchHeldBy(this.#store, batchId, since);
  }

  /** Polls a batch until it is finished (for waiting on work a daemon does). */
  async waitForBatch(
    batchId: number,
    options: {
      readonly signal?: AbortSignal;
      readonly intervalMs?: number;
      readonly onUpdate?: (summary: BatchSummary, active: readonly Job[]) => void;
    },
  ): Promise<BatchSummary> {
    for (;;) {
      const summary = await this.getBatchStatus(batchId);
      const active = await this.#store.listJobs({ batchId, states: ["uploading", "verifying"], limit: 50 });
      options.onUpdate?.(summary, active);
      if (summary.status === "completed" || summary.status === "failed" || summary.status === "cancelled") {
        return summary;
      }
      await sleep(options.intervalMs ?? 500, undefined, options.signal ? { signal: options.signal } : {});
    }
  }

  async close(): Promise<void> {
    const runs = [...this.#engines.values()];
    for (const run of runs) run.stop.abort();
    await Promise.allSettled(runs.map((run) => run.running));
    await this.#transport?.close();
    // An injected transport leaves our own rcd (remote admin) to close here.
    await this.#rcd?.close();
    await this.#store.close();
  }

  #destinations(to: string | readonly string[] | undefined): Destination[] {
    const names =
      to === undefined ? [this.config.defaultDestination] : typeof to === "string" ? [to] : [...to];
    return names.map((name) => {
      const destination = this.config.destinations.find((candidate) => candidate.name === name);
      if (destination === undefined) {
        const known = this.config.destinations.map((candidate) => candidate.name).join(", ");
        throw new SyncError(
          "UNKNOWN_DESTINATION",
          `There is no destination named "${name}" (known: ${known}).`,
        );
      }
      return destination;
    });
  }

  /**
   * The user's rclone remotes: list, add, test, encrypt (see app/remotes.ts). Uses rclone's
   * own API on the rclone.conf in use (`rclone.configPath`, RCLONE_CONFIG, or rclone's default).
   */
  remotes(): Remotes {
    return new Remotes({
      config: this.config,
      rcd: () => this.#rcdOrStart(),
      transport: () => this.#transportOrStart(),
    });
  }

  #rcdOrStart(): RcdSupervisor {
    this.#rcd ??= new RcdSupervisor({
      binary: this.config.rclone.binary,
      configPath: this.config.rclone.configPath,
      dataDir: this.paths.dataDir,
      onLog: (line) => this.#log.debug({ rclone: line }, "rclone"),
      onRestart: (exit) => this.#log.warn({ ...exit }, "rclone rcd exited; restarting it"),
      ...rcdHealthOptions(this.config.engine, this.#log),
    });
    return this.#rcd;
  }

  #transportOrStart(): Transport {
    this.#transport ??= new RcloneTransport(this.#rcdOrStart(), {
      progressIntervalMs: this.config.engine.progressIntervalMs,
    });
    return this.#transport;
  }

  async #runEngine(
    signal: AbortSignal,
    options: {
      untilIdle: boolean;
      batchId?: number | undefined;
      maxConcurrent?: number | undefined;
      kind: WorkerKind;
    },
  ): Promise<RunResult> {
    if (this.#options.transport === undefined) await this.checkRclone();
    const engine = new UploadEngine({
      store: this.#store,
      transport: this.#transportOrStart(),
      destinations: this.config.destinations,
      settings: this.config.engine,
      kind: options.kind,
      logger: this.#log,
      clock: this.#clock,
      batchId: options.batchId,
      maxConcurrent: options.maxConcurrent,
      timeZone: this.config.timeZone,
      bandwidth: this.config.bandwidth,
    });
    // Re-emit every engine event from the service, untouched.
    const emitter = this as EventEmitter;
    for (const name of EVENT_NAMES) engine.on(name, (...args: unknown[]) => emitter.emit(name, ...args));
    // close() stops this run too, so nothing writes to a store that is closing.
    const stop = new AbortController();
    const stopped = AbortSignal.any([signal, stop.signal]);
    const running = engine.run(stopped, { untilIdle: options.untilIdle });
    this.#engines.set(engine, { stop, running });
    try {
      return await running;
    } finally {
      this.#engines.delete(engine);
      engine.removeAllListeners();
    }
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
] as const satisfies readonly (keyof SyncEvents)[];
