/**
 * The public operations of junmai-sync — what the CLI, the daemon and any export pipeline
 * call. Names follow the prototype's operations (upload_file → uploadFile, …). This class is
 * the face: each operation's body lives in the file of its purpose — enqueue-upload.ts,
 * queue-reader.ts (the queries, which this class extends), queue-control.ts (retry, cancel,
 * pause, bandwidth), engine-runs.ts (workers), service-config.ts (configure), open-service.ts
 * (what it opens at once) and service-parts.ts (what it is made of: rclone only when bytes must
 * move, so `status`, `retry` and enqueueing work even where rclone is missing).
 */
import type { LoadedConfig } from "../config/load.js";
import type { ResolvedPaths } from "../config/paths.js";
import type { ResolvedConfig } from "../config/resolve.js";
import type { ConfigInput } from "../config/schema.js";
import { SyncError } from "../domain/errors.js";
import type { Job } from "../domain/job.js";
import type { WatchRule } from "../domain/watch-rule.js";
import { type Logger, SILENT_LOGGER } from "../engine/events.js";
import type { DestinationCheck } from "../engine/transport.js";
import type { RunResult } from "../engine/upload-engine.js";
import { say } from "../i18n/message.js";
import { checkRclone, type RcloneInfo } from "../rclone/rclone-binary.js";
import type { JobStore } from "../store/job-store.js";
import { ConfigEditor } from "./config-editor.js";
import type { ConfigFault } from "./config-fault.js";
import type { EngineRuns } from "./engine-runs.js";
import {
  type BatchUpload,
  type EnqueueContext,
  enqueueFile,
  enqueueUpload,
  planUpload,
  type UploadOptions,
} from "./enqueue-upload.js";
import type { ConfigReload, LiveConfig } from "./live-config.js";
import type { MediaCaches } from "./media-caches.js";
import { NotificationLedger } from "./notification-ledger.js";
import { type OpenOptions, openService } from "./open-service.js";
import { pickDestinations } from "./pick-destinations.js";
import type { PlannedUpload } from "./placement.js";
import type { QueueControl } from "./queue-control.js";
import { QueueReader, type ReadSources } from "./queue-reader.js";
import { Remotes } from "./remotes.js";
import { patchConfig } from "./service-config.js";
import { assembleParts } from "./service-parts.js";
import type { ServiceTransports } from "./service-transports.js";
import { SignIns } from "./sign-in.js";
import { WatchIntake } from "./watch-intake.js";

export interface ProcessOptions {
  /** Transfers at once across destinations (each destination's own limit still applies). */
  readonly maxConcurrent?: number;
  /** Only this batch. */
  readonly batchId?: number;
  readonly signal?: AbortSignal;
}

export type { BatchDeliveries } from "./batch-deliveries.js";
export type { BatchUpload, UploadOptions } from "./enqueue-upload.js";
export type { OpenOptions } from "./open-service.js";
export type { PlannedUpload } from "./placement.js";
export type { QueueStatus } from "./queue-status.js";
export type { SyncEvents } from "./service-events.js";

export class SyncService extends QueueReader {
  readonly paths: ResolvedPaths;
  readonly #store: JobStore;
  readonly #log: Logger;
  readonly #clock: () => number;
  readonly #options: OpenOptions;
  #loaded: LoadedConfig;
  readonly #transports: ServiceTransports;
  readonly #engines: EngineRuns;
  readonly #control: QueueControl;
  readonly #live: LiveConfig;
  #signIns: SignIns | undefined;
  readonly #media: MediaCaches;

  private constructor(options: OpenOptions, paths: ResolvedPaths, loaded: LoadedConfig, store: JobStore) {
    super();
    this.#options = options;
    this.paths = paths;
    this.#loaded = loaded;
    this.#store = store;
    this.#log = options.logger ?? SILENT_LOGGER;
    this.#clock = options.clock ?? Date.now;
    const parts = assembleParts({
      options,
      paths,
      store,
      logger: this.#log,
      clock: this.#clock,
      cwd: this.#cwd(),
      loaded: () => this.#loaded,
      keep: (next) => {
        this.#loaded = next;
      },
      events: this,
    });
    this.#transports = parts.transports;
    this.#media = parts.media;
    this.#engines = parts.engines;
    this.#control = parts.control;
    this.#live = parts.live;
  }

  static async open(options: OpenOptions = {}): Promise<SyncService> {
    const { paths, loaded, store } = await openService(options);
    return new SyncService(options, paths, loaded, store);
  }

  get config(): ResolvedConfig {
    return this.#loaded.config;
  }

  // Enqueue

  /** Queues one file; returns its job (for the first destination when several are given). */
  uploadFile(file: string, options: UploadOptions = {}): Promise<Job> {
    return enqueueFile(this.#enqueueContext(), file, options);
  }

  /** Queues files and folders as one batch: one job per file and destination (enqueue-upload.ts). */
  uploadBatch(paths: readonly string[], options: UploadOptions = {}): Promise<BatchUpload> {
    return enqueueUpload(this.#enqueueContext(), paths, options);
  }

  /**
   * Where each file of an `upload` would go at each destination, and as what — the original or
   * which rendition (`upload --dry-run`); nothing is queued (enqueue-upload.ts).
   */
  planUpload(paths: readonly string[], options: UploadOptions = {}): Promise<PlannedUpload[]> {
    return planUpload(this.#enqueueContext(), paths, options);
  }

  /**
   * The intake of one watched folder (see `config.watch`): the watcher hands it files that have
   * stopped changing, and it queues each once per destination.
   */
  watchIntake(rule: WatchRule): WatchIntake {
    return new WatchIntake({
      store: this.#store,
      rule,
      destinations: pickDestinations(this.config, rule.destinations),
      clock: this.#clock,
      logger: this.#log,
      timeZone: this.config.timeZone,
    });
  }

  // Workers

  /** Runs workers in this process until the queue (or one batch) has nothing left to do. */
  processQueue(options: ProcessOptions = {}): Promise<RunResult> {
    return this.#engines.run(options.signal ?? new AbortController().signal, {
      untilIdle: true,
      batchId: options.batchId,
      maxConcurrent: options.maxConcurrent,
      kind: this.#options.workerKind ?? "library",
    });
  }

  /** Runs workers until `signal` aborts: the daemon's main loop. */
  runWorkers(signal: AbortSignal): Promise<RunResult> {
    return this.#engines.run(signal, { untilIdle: false, kind: this.#options.workerKind ?? "daemon" });
  }

  // The queries are QueueReader's (queue-reader.ts). The daemon's own:

  /** Finished batches whose notification is still owed (see notify/notifier.ts). */
  notificationLedger(): NotificationLedger {
    return new NotificationLedger(this.#store, this.#clock);
  }

  /**
   * At daemon start: jobs held by a destination that needed attention or was full try again at
   * once (the config may have been fixed meanwhile); their attempts were never spent.
   */
  retryHeld(): Promise<number> {
    return this.#control.retryHeld();
  }

  // Control (queue-control.ts)

  /** Puts a failed (or cancelled, or waiting) job back in the queue with a fresh retry budget. */
  retryFailed(id: number): Promise<Job> {
    return this.#control.retry(id);
  }

  /** Puts every failed job back in the queue; returns how many. */
  retryAllFailed(): Promise<number> {
    return this.#control.retryAllFailed();
  }

  /**
   * Pauses one destination, or every one (`destination` undefined). Running uploads finish; no
   * new one starts until `resume`. Stored in the queue, so it holds across restarts and for
   * every worker sharing the queue; jobs can still be queued meanwhile.
   */
  pause(destination?: string): Promise<void> {
    return this.#control.setPaused(destination, true);
  }

  resume(destination?: string): Promise<void> {
    return this.#control.setPaused(destination, false);
  }

  /**
   * Changes a bandwidth limit live, for every worker sharing the queue, until changed again:
   * `rate` like "2M" (rclone's units), "off" (no limit), or "auto" (back to the config's
   * `bandwidth`). For all uploads together, or one destination's.
   */
  setBandwidth(rate: string, destination?: string): Promise<void> {
    return this.#control.setBandwidth(rate, destination);
  }

  /** Cancels a job that has not finished; a transfer running in this process stops at once, elsewhere within a heartbeat. */
  cancel(id: number): Promise<Job> {
    return this.#control.cancel(id);
  }

  // Configuration and destinations

  /**
   * Changes the configuration (the prototype's `configure`): `patch` is merged into the
   * current config's top-level keys and validated. With `persist`, the config file is
   * rewritten (mode 0600). Running workers keep the destinations they started with.
   */
  async configure(
    patch: Partial<ConfigInput>,
    options: { readonly persist?: boolean } = {},
  ): Promise<ResolvedConfig> {
    this.#loaded = await patchConfig(this.#loaded, patch, {
      persist: options.persist ?? false,
      configPath: this.paths.configPath,
      cwd: this.#cwd(),
      env: this.#options.env,
    });
    return this.config;
  }

  /**
   * Reads the config file again (SIGHUP, `POST /api/v1/config/reload`): a valid file takes over
   * at once — running transfers go on, new destinations take jobs, removed ones take no new
   * ones — an invalid one is refused and the running config stays (see `configFault`).
   */
  reloadConfig(): ConfigReload {
    return this.#live.reload();
  }

  /** Follows the config file and reloads it when it changes (the daemon), until `close`. */
  watchConfig(): void {
    this.#live.watch(this.paths.dataDir);
  }

  /** Why the config file's latest version was refused, or null while it is in force. */
  get configFault(): ConfigFault | null {
    return this.#live.fault;
  }

  /** The settings editor: the config as a document, replaced atomically and applied live. */
  configEditor(): ConfigEditor {
    return new ConfigEditor({ configPath: this.paths.configPath, live: this.#live, env: this.#options.env });
  }

  /** The prototype's test connection: can we reach and use this destination? */
  async testConnection(
    destinationName: string,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<DestinationCheck> {
    const [destination] = pickDestinations(this.config, destinationName);
    if (destination === undefined)
      throw new SyncError("UNKNOWN_DESTINATION", say("errors.noDestinationNamed", { name: destinationName }));
    return this.#transports.transport().checkDestination(destination, signal);
  }

  /** rclone's presence and version. */
  checkRclone(): Promise<RcloneInfo> {
    return checkRclone(this.config.rclone.binary);
  }

  /**
   * The user's rclone remotes: list, add, test, encrypt (see app/remotes.ts). Uses rclone's
   * own API on the rclone.conf in use (`rclone.configPath`, RCLONE_CONFIG, or rclone's default).
   */
  remotes(): Remotes {
    return new Remotes({
      config: this.config,
      rcd: () => this.#transports.rcd(),
      transport: () => this.#transports.transport(),
    });
  }

  /** Cloud sign-in through rclone (Dropbox, Google Drive, OneDrive), one at a time (app/sign-in.ts). */
  signIns(): SignIns {
    this.#signIns ??= new SignIns({
      client: () => this.#transports.rcd().client(),
      onRcloneLog: (listener) => this.#transports.onRcloneLog(listener),
      logger: this.#log,
    });
    return this.#signIns;
  }

  // Lifecycle

  async close(): Promise<void> {
    this.#live.close();
    await this.#signIns?.cancel();
    await this.#engines.stopAll();
    await this.#transports.close();
    await this.#store.close();
  }

  #enqueueContext(): EnqueueContext {
    return {
      store: this.#store,
      config: this.config,
      cwd: this.#cwd(),
      clock: this.#clock,
      logger: this.#log,
    };
  }

  protected readSources(): ReadSources {
    return {
      thumbnails: () => this.#media.thumbnails(),
      store: this.#store,
      config: this.config,
      clock: this.#clock,
      configFault: this.#live.fault,
      dataDir: this.paths.dataDir,
    };
  }

  #cwd(): string {
    return this.#options.cwd ?? process.cwd();
  }
}
