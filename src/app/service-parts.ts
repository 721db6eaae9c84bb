/**
 * What a SyncService is made of, wired once when it opens: rclone's side (started only when
 * bytes must move), the media caches, the engines this process runs, queue control, and the
 * live config — and how a config that takes over reaches them. The service is their face.
 */
import type { EventEmitter } from "node:events";
import type { LoadedConfig } from "../config/load.js";
import type { ResolvedPaths } from "../config/paths.js";
import type { Logger } from "../engine/events.js";
import { checkRcdVersion, checkRclone } from "../rclone/rclone-binary.js";
import type { JobStore } from "../store/job-store.js";
import { EngineRuns } from "./engine-runs.js";
import { LiveConfig } from "./live-config.js";
import { MediaCaches } from "./media-caches.js";
import type { OpenOptions } from "./open-service.js";
import { QueueControl } from "./queue-control.js";
import { ServiceTransports } from "./service-transports.js";

export interface ServiceParts {
  readonly transports: ServiceTransports;
  readonly media: MediaCaches;
  readonly engines: EngineRuns;
  readonly control: QueueControl;
  readonly live: LiveConfig;
}

export interface PartsWiring {
  readonly options: OpenOptions;
  readonly paths: ResolvedPaths;
  readonly store: JobStore;
  readonly logger: Logger;
  readonly clock: () => number;
  readonly cwd: string;
  /** The config in force now. */
  readonly loaded: () => LoadedConfig;
  /** Keeps a config that took over (live reload), before the engines and listeners hear of it. */
  readonly keep: (next: LoadedConfig) => void;
  /** Where the engines' events and the config's changes and refusals are emitted: the service. */
  readonly events: Pick<EventEmitter, "emit">;
}

export function assembleParts(wiring: PartsWiring): ServiceParts {
  const { options, paths, store, logger, clock, events } = wiring;
  const config = () => wiring.loaded().config;
  const transports = new ServiceTransports({
    config,
    dataDir: paths.dataDir,
    logger,
    transport: options.transport,
  });
  const media = new MediaCaches(paths.dataDir, config);
  const engines = new EngineRuns({
    store,
    transports,
    config,
    checkRclone: async (starting) =>
      starting
        ? checkRcdVersion(await transports.rcd().client(), config().rclone.binary)
        : checkRclone(config().rclone.binary),
    events,
    clock,
    logger,
    renditions: () => media.renditions(),
  });
  const control = new QueueControl({ store, config, engines, clock });
  const live = new LiveConfig({
    sources: {
      paths,
      cwd: wiring.cwd,
      env: options.env,
      config: options.config,
      rcloneConfigPath: options.rcloneConfigPath,
    },
    current: wiring.loaded,
    apply: (next) => {
      wiring.keep(next);
      engines.reconfigure(next.config);
      events.emit("configChanged", next.config);
    },
    onFault: (fault) => events.emit("configFault", fault),
    clock,
    logger,
  });
  return { transports, media, engines, control, live };
}
