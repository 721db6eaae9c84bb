/**
 * Turns a validated config into the frozen, resolved form the rest of the program uses:
 * legacy keys mapped, local folders made absolute, names checked for uniqueness.
 */
import path from "node:path";
import {
  DEFAULT_RESUMABLE,
  type Destination,
  destinationRoot,
  isLocalRemote,
} from "../domain/destination.js";
import { SyncError } from "../domain/errors.js";
import { isTimeZone, systemTimeZone } from "../domain/local-time.js";
import { parseTemplate, TEMPLATE_FIELDS } from "../domain/path-template.js";
import { parsePriority } from "../domain/priority.js";
import { normalizeBasePath } from "../domain/remote-path.js";
import { MIN_PART_SIZE } from "../domain/resume.js";
import { parseSize, parseTimetable, parseWindow, type Timetable } from "../domain/schedule.js";
import { createWatchFilter } from "../domain/watch-filter.js";
import type { WatchRule } from "../domain/watch-rule.js";
import { configError } from "./config-error.js";
import { resolveConfigPath } from "./config-path.js";
import type { NotifyChannelSettings } from "./notify-schema.js";
import { resolveRendition } from "./resolve-rendition.js";
import { type ResolvedServer, resolveServer } from "./resolve-server.js";

export type NamedNotifyChannel = NotifyChannelSettings & { readonly name: string };

import type {
  ConfigInput,
  EngineSettings,
  ParsedConfig,
  RcloneSettings,
  StoreSettings,
  WatchRuleSettings,
} from "./schema.js";

export interface ResolvedConfig {
  readonly destinations: readonly Destination[];
  readonly defaultDestination: string;
  readonly engine: EngineSettings;
  readonly rclone: RcloneSettings;
  readonly store: StoreSettings;
  readonly watch: readonly WatchRule[];
  /** IANA zone for windows, timetables and cap resets. */
  readonly timeZone: string;
  /** The global upload limit over the week; null: none. */
  readonly bandwidth: Timetable | null;
  /** The daemon's dashboard and API. */
  readonly server: ResolvedServer;
  /** Batch notification channels, each with a name. */
  readonly notify: readonly NamedNotifyChannel[];
  /** Where it came from: a file path, or "embedded" for the built-in default. */
  readonly source: string;
}

/** With no config file at all: one local destination, `./var/cloud`. */
export const EMBEDDED_CONFIG: ConfigInput = Object.freeze({
  destinations: [{ name: "local", remote: "./var/cloud" }],
  watch: [{ path: "./var/export", to: ["local"] }],
});

export interface ResolveOptions {
  /** Relative local folders are resolved against this (the config file's folder, or the cwd). */
  readonly baseDir: string;
  readonly source: string;
  /** For `JUNMAI_SYNC_PG_URL` / `JUNMAI_SYNC_PG_SCHEMA` when the config names no store. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The seed's provider names, mapped to the rclone remote names people give them. */
const LEGACY_PROVIDER_REMOTES: Readonly<Record<string, string>> = Object.freeze({
  dropbox: "dropbox:",
  google_drive: "gdrive:",
  gdrive: "gdrive:",
  drive: "gdrive:",
  onedrive: "onedrive:",
});

export function resolveConfig(config: ParsedConfig, options: ResolveOptions): ResolvedConfig {
  const entries = [...config.destinations];
  const legacy = config.cloud_sync;
  if (legacy?.enabled) {
    const remote = legacy.remote_name ?? LEGACY_PROVIDER_REMOTES[legacy.provider] ?? `${legacy.provider}:`;
    entries.push({
      name: legacy.provider.replace(/[^A-Za-z0-9_.-]/g, "_"),
      remote: remote.endsWith(":") || !isLocalRemote(remote) ? remote : `${remote}:`,
      path: legacy.remote_path,
      concurrency: legacy.max_concurrent,
      retries: legacy.max_retries,
      onConflict: "auto",
      tempNames: "auto",
      quotaPauseMinutes: 60,
      windowEnd: "finish",
      dailyCapReset: "00:00",
      encrypt: false,
      link: false,
      resumable: "auto",
      resumableAbove: "64M",
      partSize: "16M",
      onUnsupported: "skip",
    });
  }

  const seen = new Set<string>();
  const destinations = entries.map((entry, index): Destination => {
    if (seen.has(entry.name)) {
      throw configError(`destinations[${index}].name`, `is a duplicate: "${entry.name}" is already used`);
    }
    seen.add(entry.name);
    const local = isLocalRemote(entry.remote);
    let basePath: string;
    try {
      basePath = normalizeBasePath(entry.path, `destinations[${index}].path`);
    } catch (error) {
      throw configError(
        `destinations[${index}].path`,
        error instanceof Error ? error.message : String(error),
      );
    }
    const plainFs = local
      ? resolveConfigPath(entry.remote, `destinations[${index}].remote`, pathContext(options))
      : entry.remote;
    const plainKind = local ? "local" : "rclone";
    const plainRoot = destinationRoot(plainFs, plainKind, basePath, path.join);
    // Encrypted: every call goes through the crypt remote, which wraps the configured place.
    const encryption = entry.encrypt ? { remote: `junmai-crypt-${entry.name}`, wraps: plainRoot } : null;
    const fs = encryption === null ? plainFs : `${encryption.remote}:`;
    return Object.freeze({
      name: entry.name,
      fs,
      kind: encryption === null ? plainKind : "rclone",
      basePath: encryption === null ? basePath : "",
      root: encryption === null ? plainRoot : fs,
      encryption,
      link: entry.link,
      resumable: {
        mode: entry.resumable,
        aboveBytes: parseSize(entry.resumableAbove, "b") ?? DEFAULT_RESUMABLE.aboveBytes,
        partSizeBytes: Math.max(
          MIN_PART_SIZE,
          parseSize(entry.partSize, "b") ?? DEFAULT_RESUMABLE.partSizeBytes,
        ),
      },
      concurrency: entry.concurrency,
      retries: entry.retries,
      onConflict: entry.onConflict,
      tempNames: entry.tempNames,
      quotaPauseMs: entry.quotaPauseMinutes * 60_000,
      window: entry.window === undefined ? null : parseWindow(entry.window, `destinations[${index}].window`),
      windowEnd: entry.windowEnd,
      dailyCapBytes: entry.dailyCap === undefined ? null : (parseSize(entry.dailyCap, "b") ?? null),
      dailyCapResetMinutes: minutesOf(entry.dailyCapReset),
      bandwidth:
        entry.bandwidth === undefined
          ? null
          : parseTimetable(entry.bandwidth, `destinations[${index}].bandwidth`),
      subpath:
        entry.subpath === undefined
          ? null
          : parseTemplate(entry.subpath, `destinations[${index}].subpath`, TEMPLATE_FIELDS),
      rendition:
        entry.rendition === undefined
          ? null
          : resolveRendition(entry.rendition, `destinations[${index}].rendition`, pathContext(options)),
      onUnsupported: entry.onUnsupported,
    });
  });

  const defaultDestination = config.defaultDestination ?? destinations[0]?.name;
  if (config.defaultDestination !== undefined && !seen.has(config.defaultDestination)) {
    throw configError(
      "defaultDestination",
      `names "${config.defaultDestination}", which is not a destination (known: ${[...seen].join(", ") || "none"})`,
    );
  }
  if (defaultDestination === undefined) {
    throw configError("destinations", "is empty: add at least one destination (or a `cloud_sync` section)");
  }

  const resolved: ResolvedConfig = {
    destinations: Object.freeze(destinations),
    defaultDestination,
    engine: Object.freeze({ ...config.engine }),
    rclone: Object.freeze({
      ...config.rclone,
      ...(config.rclone.configPath === undefined
        ? {}
        : {
            configPath: resolveConfigPath(
              config.rclone.configPath,
              "rclone.configPath",
              pathContext(options),
            ),
          }),
    }),
    store: Object.freeze(resolveStore(config.store, options.env ?? process.env)),
    watch: Object.freeze(resolveWatchRules(config.watch, destinations, defaultDestination, options)),
    timeZone: config.timeZone === undefined ? "" : resolveTimeZone(config.timeZone),
    bandwidth: config.bandwidth === undefined ? null : parseTimetable(config.bandwidth, "bandwidth"),
    server: resolveServer(config.server, options.env ?? process.env),
    notify: Object.freeze(
      config.notify.map((channel, index) =>
        Object.freeze({ ...channel, name: channel.name ?? `${channel.type}#${index + 1}` }),
      ),
    ),
    source: options.source,
  };
  if (config.timeZone === undefined) {
    // The system's zone is asked for on first use: that loads the time zone data, a tenth of
    // `upload`'s start, and queueing a file needs no time of day.
    let systemZone: string | undefined;
    Object.defineProperty(resolved, "timeZone", {
      enumerable: true,
      get: () => {
        systemZone ??= systemTimeZone();
        return systemZone;
      },
    });
  }
  return Object.freeze(resolved);
}

/**
 * The time zone for schedules, or "UTC" when nothing is scheduled by local time (no window,
 * daily cap or bandwidth timetable): then no time of day is ever computed, and asking the
 * system for its zone would load the time zone data (12 ms and 6 MB) for nothing.
 */
export function scheduleTimeZone(config: ResolvedConfig): string {
  const local =
    config.bandwidth !== null ||
    config.destinations.some(
      (destination) =>
        destination.window !== null || destination.dailyCapBytes !== null || destination.bandwidth !== null,
    );
  return local ? config.timeZone : "UTC";
}

function resolveWatchRules(
  rules: readonly WatchRuleSettings[],
  destinations: readonly Destination[],
  defaultDestination: string,
  options: ResolveOptions,
): WatchRule[] {
  const names = new Set(destinations.map((destination) => destination.name));
  const roots = new Map<string, string>();
  return rules.map((rule, index): WatchRule => {
    const key = `watch[${index}]`;
    const root = resolveConfigPath(rule.path, `${key}.path`, pathContext(options));
    const other = roots.get(root);
    if (other !== undefined) throw configError(`${key}.path`, `watches the same folder as ${other}`);
    roots.set(root, key);
    const to = rule.to ?? [defaultDestination];
    to.forEach((name, position) => {
      if (!names.has(name)) {
        throw configError(
          `${key}.to[${position}]`,
          `names "${name}", which is not a destination (known: ${[...names].join(", ")})`,
        );
      }
    });
    // A destination inside the watched folder would see every delivery come back as a new export.
    for (const destination of destinations) {
      const wraps = destination.encryption?.wraps;
      const folder =
        wraps !== undefined && isLocalRemote(wraps)
          ? wraps
          : destination.kind === "local"
            ? destination.fs
            : null;
      if (folder === null) continue;
      const below = path.relative(root, folder);
      const inside = below === "" || (!below.startsWith("..") && !path.isAbsolute(below));
      if (inside && (rule.recursive || below === "")) {
        throw configError(
          `${key}.path`,
          `contains the folder of destination "${destination.name}" (${folder}); every delivered file would be delivered again. Watch a folder beside it instead`,
        );
      }
    }
    return Object.freeze({
      key,
      root,
      recursive: rule.recursive,
      include: Object.freeze([...rule.include]),
      exclude: Object.freeze([...rule.exclude]),
      filter: createWatchFilter(rule),
      destinations: Object.freeze([...new Set(to)]),
      subpath: parseTemplate(rule.subpath, `${key}.subpath`),
      fileName: parseTemplate(rule.fileName, `${key}.fileName`),
      priority: parsePriority(rule.priority, `${key}.priority`),
      stabilityMs: rule.stabilityMs,
      batchQuietMs: rule.batchQuietSeconds * 1000,
      createIfMissing: options.source === "embedded",
    });
  });
}

function resolveTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone)) {
    throw configError(
      "timeZone",
      `names "${timeZone}", which is not a time zone this system knows (like "Europe/Berlin" or "Asia/Tokyo")`,
    );
  }
  return timeZone;
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(":").map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** The config's store, else PostgreSQL when JUNMAI_SYNC_PG_URL is set, else SQLite. */
function resolveStore(store: StoreSettings | undefined, env: NodeJS.ProcessEnv): StoreSettings {
  if (store !== undefined) return store;
  const url = env.JUNMAI_SYNC_PG_URL?.trim();
  if (url === undefined || url === "") return { type: "sqlite" };
  const schema = env.JUNMAI_SYNC_PG_SCHEMA?.trim() || "junmai_sync";
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new SyncError(
      "CONFIG_INVALID",
      `JUNMAI_SYNC_PG_SCHEMA "${schema}" must be a lower-case SQL identifier.`,
    );
  }
  return { type: "postgres", url, schema };
}

function pathContext(options: ResolveOptions): { baseDir: string; env?: NodeJS.ProcessEnv } {
  return { baseDir: options.baseDir, ...(options.env === undefined ? {} : { env: options.env }) };
}

export { configError };
