/**
 * Watches the config file for changes. It watches the file's folder, not the file: editors and
 * atomic writes (ours included) replace the file by rename, which ends a watch on the old file.
 * Bursts (an editor's temp file, rename, chmod) settle into one call after a short quiet time,
 * and only when the file's content actually changed. A poll is the safety net for file systems
 * that send no events: it looks at the file's metadata and reads it only when that moved — an
 * idle daemon reading and hashing its config every second was most of what it did.
 */
import { createHash } from "node:crypto";
import { type FSWatcher, readFileSync, statSync, watch } from "node:fs";
import path from "node:path";

export interface ConfigWatcherOptions {
  readonly configPath: string;
  /** Called with the new text once it stopped changing (undefined: the file is gone). */
  readonly onChange: (text: string | undefined) => void;
  /** Quiet time before a change counts; default 250 ms. */
  readonly settleMs?: number;
  /**
   * Polling interval, the safety net for file systems that send no events (a network share may
   * accept a watch and stay silent); default 10 s, or 1 s when the folder cannot be watched.
   */
  readonly pollMs?: number;
}

export class ConfigWatcher {
  readonly #options: ConfigWatcherOptions;
  readonly #watcher: FSWatcher | undefined;
  readonly #poll: NodeJS.Timeout;
  #timer: NodeJS.Timeout | undefined;
  #digest: string | undefined;
  /** The file's metadata when it was last read: unchanged, a poll need not read it. */
  #seen: string | undefined;

  constructor(options: ConfigWatcherOptions) {
    this.#options = options;
    this.#seen = metadataOf(options.configPath);
    this.#digest = digestOf(readText(options.configPath));
    const name = path.basename(options.configPath);
    try {
      this.#watcher = watch(path.dirname(options.configPath), (_event, file) => {
        if (file === null || file === name || file.startsWith(`${name}.`)) this.#soon();
      });
      this.#watcher.on("error", () => undefined);
    } catch {
      // A folder that cannot be watched (gone, a network share): the poll below still works.
      this.#watcher = undefined;
    }
    const pollMs = options.pollMs ?? (this.#watcher === undefined ? 1_000 : 10_000);
    this.#poll = setInterval(() => {
      if (metadataOf(options.configPath) !== this.#seen) this.#check();
    }, pollMs);
    this.#poll.unref();
  }

  /** Remember `text` as current, so our own write does not come back as a change. */
  acknowledge(text: string): void {
    this.#digest = digestOf(text);
  }

  close(): void {
    this.#watcher?.close();
    clearInterval(this.#poll);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  #soon(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#check();
    }, this.#options.settleMs ?? 250);
    this.#timer.unref();
  }

  #check(): void {
    this.#seen = metadataOf(this.#options.configPath);
    const text = readText(this.#options.configPath);
    const digest = digestOf(text);
    if (digest === this.#digest) return;
    this.#digest = digest;
    this.#options.onChange(text);
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Size, times and inode: any write or replacement changes one of them. */
function metadataOf(file: string): string | undefined {
  try {
    const info = statSync(file);
    return `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
  } catch {
    return undefined;
  }
}

function digestOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : createHash("sha256").update(text).digest("hex");
}
