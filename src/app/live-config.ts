/**
 * The running service's config, kept live: the file is read again when it changes (watched by
 * config/config-watcher.ts), on SIGHUP and on `POST /api/v1/config/reload`. A valid file takes
 * over at once (the service hands it to its engines); an invalid one is refused, the running
 * config stays, and the fault — key, line, column and why — is kept for the log, the
 * dashboard, `status` and `doctor`.
 */
import { readFileSync } from "node:fs";
import { ConfigWatcher } from "../config/config-watcher.js";
import type { LoadedConfig } from "../config/load.js";
import type { Logger } from "../engine/events.js";
import { type ConfigFault, faultOf } from "./config-fault.js";
import { forgetConfigState, writeConfigState } from "./config-state-record.js";
import { type ConfigSources, loadServiceConfig } from "./service-config.js";

export type ConfigReload =
  | { readonly ok: true; readonly added: readonly string[]; readonly removed: readonly string[] }
  | { readonly ok: false; readonly fault: ConfigFault };

export interface LiveConfigOptions {
  readonly sources: ConfigSources;
  readonly current: () => LoadedConfig;
  readonly apply: (loaded: LoadedConfig) => void;
  readonly onFault: (fault: ConfigFault) => void;
  readonly clock: () => number;
  readonly logger: Logger;
}

export class LiveConfig {
  readonly #options: LiveConfigOptions;
  #fault: ConfigFault | null = null;
  #watcher: ConfigWatcher | undefined;
  #stateDir: string | undefined;

  constructor(options: LiveConfigOptions) {
    this.#options = options;
  }

  /** Why the file's latest version was refused, while it still is; null when the file is in force. */
  get fault(): ConfigFault | null {
    return this.#fault;
  }

  /** Whether the config comes from a file that can be read again (not from code). */
  get fromFile(): boolean {
    return this.#options.sources.config === undefined;
  }

  reload(): ConfigReload {
    const { sources, current, apply, clock, logger } = this.#options;
    const file = sources.paths.configPath;
    if (!this.fromFile) return { ok: true, added: [], removed: [] };
    let loaded: LoadedConfig;
    try {
      loaded = loadServiceConfig(sources);
    } catch (error: unknown) {
      const fault = faultOf(file, readText(file), error, clock());
      const changed = this.#fault?.message !== fault.message;
      this.#fault = fault;
      if (changed) {
        logger.error(
          { file, key: fault.key, line: fault.line, column: fault.column, err: fault.message },
          "config change refused; the running config stays in force",
        );
        this.#options.onFault(fault);
      }
      this.#publish();
      return { ok: false, fault };
    }
    const before = new Set(current().config.destinations.map((d) => d.name));
    const after = new Set(loaded.config.destinations.map((d) => d.name));
    const added = [...after].filter((name) => !before.has(name));
    const removed = [...before].filter((name) => !after.has(name));
    this.#fault = null;
    apply(loaded);
    logger.info({ file, added, removed }, "config reloaded");
    this.#publish();
    return { ok: true, added, removed };
  }

  /** Follows the file until `close`; `dataDir` receives config-state.json for other commands. */
  watch(dataDir: string): void {
    if (!this.fromFile || this.#watcher !== undefined) return;
    this.#stateDir = dataDir;
    this.#watcher = new ConfigWatcher({
      configPath: this.#options.sources.paths.configPath,
      onChange: () => this.reload(),
    });
    this.#publish();
    // Changed between the service's start and this watch: read it now, not at the next change.
    if (this.#differsFromRunning()) this.reload();
  }

  #differsFromRunning(): boolean {
    const text = readText(this.#options.sources.paths.configPath);
    if (text === undefined) return false;
    try {
      return (
        JSON.stringify(JSON.parse(text.replace(/^\uFEFF/, ""))) !==
        JSON.stringify(this.#options.current().input)
      );
    } catch {
      return true;
    }
  }

  /** Our own write of `text`: already applied, so the watcher need not read it again. */
  acknowledge(text: string): void {
    this.#watcher?.acknowledge(text);
  }

  close(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    if (this.#stateDir !== undefined) forgetConfigState(this.#stateDir);
  }

  #publish(): void {
    if (this.#stateDir === undefined) return;
    writeConfigState(this.#stateDir, {
      pid: process.pid,
      destinations: this.#options.current().config.destinations.map((d) => d.name),
      fault: this.#fault,
    });
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
