/**
 * What a SyncService opens with: its folders (config, data), its config, and its queue store —
 * opened at once; rclone waits until something needs to move bytes (service-transports.ts).
 */
import type { LoadedConfig } from "../config/load.js";
import { type ResolvedPaths, resolvePaths } from "../config/paths.js";
import type { ConfigInput } from "../config/schema.js";
import type { Logger } from "../engine/events.js";
import type { Transport } from "../engine/transport.js";
import type { JobStore, WorkerKind } from "../store/job-store.js";
import { openStore } from "./open-store.js";
import { loadServiceConfig } from "./service-config.js";

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

export interface OpenedParts {
  readonly paths: ResolvedPaths;
  readonly loaded: LoadedConfig;
  readonly store: JobStore;
}

export async function openService(options: OpenOptions): Promise<OpenedParts> {
  const cwd = options.cwd ?? process.cwd();
  const paths = resolvePaths({
    configFlag: options.configPath,
    dataDirFlag: options.dataDir,
    cwd,
    // A config given in code is never the embedded default: its data dir stays the OS folder.
    configInCode: options.config !== undefined,
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const loaded = loadServiceConfig({
    paths,
    cwd,
    env: options.env,
    config: options.config,
    rcloneConfigPath: options.rcloneConfigPath,
  });
  const store = options.store ?? (await openStore(loaded.config.store, paths.dataDir));
  return { paths, loaded, store };
}
