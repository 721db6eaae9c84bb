/**
 * Watches one folder of a watch rule and hands each file to the intake once it has stopped
 * changing. chokidar reports the events; the write-stability check decides when a file is
 * finished; the intake (app/) decides whether it is new. A start — and every recovery — scans
 * the folder, so files that arrived while nobody watched are caught up (the intake drops the
 * ones already queued). A folder that disappears (an unplugged drive, a deleted export folder)
 * is reported once and watched again as soon as it is back.
 */
import { mkdirSync, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { type FSWatcher, watch } from "chokidar";
import type { IntakeResult, WatchedFile } from "../app/watch-intake.js";
import { toSyncError } from "../domain/errors.js";
import type { WatchRule } from "../domain/watch-rule.js";
import { type FileStat, WriteStability } from "../domain/write-stability.js";

/** How often the folder itself is checked for having disappeared or come back. */
const ROOT_CHECK_MS = 2_000;
/** Files handed to the intake per call: one transaction, one batch join. */
const INTAKE_CHUNK = 1_000;
/** Stats at once while checking files for stability. */
const STAT_PARALLEL = 64;

/** What a watcher has to say, for the daemon's output and logs. */
export type WatchNotice =
  /** A scan is done (at start, or when the folder came back); `files` were found in it. */
  | { readonly type: "ready"; readonly rule: WatchRule; readonly files: number }
  | { readonly type: "queued"; readonly rule: WatchRule; readonly result: IntakeResult }
  /** The folder is not there (never was, or disappeared); watching resumes when it is back. */
  | { readonly type: "missing"; readonly rule: WatchRule }
  | { readonly type: "back"; readonly rule: WatchRule }
  | { readonly type: "problem"; readonly rule: WatchRule; readonly message: string };

export interface FolderWatcherOptions {
  readonly rule: WatchRule;
  readonly intake: (files: readonly WatchedFile[]) => Promise<IntakeResult>;
  readonly onNotice?: (notice: WatchNotice) => void;
  readonly clock?: () => number;
  /** Poll instead of native events (network shares where events do not arrive). */
  readonly usePolling?: boolean;
}

type Phase = "stopped" | "scanning" | "watching" | "missing";

export class FolderWatcher {
  readonly rule: WatchRule;
  readonly #options: FolderWatcherOptions;
  readonly #clock: () => number;
  readonly #stability: WriteStability;
  #phase: Phase = "stopped";
  #watcher: FSWatcher | undefined;
  #timers: NodeJS.Timeout[] = [];
  #ticking = false;
  #usePolling: boolean;
  /** Stable files the intake could not take yet (the queue was unreachable); tried again. */
  #backlog: WatchedFile[] = [];
  #backlogAfter = 0;

  constructor(options: FolderWatcherOptions) {
    this.#options = options;
    this.rule = options.rule;
    this.#clock = options.clock ?? Date.now;
    this.#stability = new WriteStability(options.rule.stabilityMs);
    this.#usePolling = options.usePolling ?? false;
  }

  /** Files seen but not yet stable. */
  get settling(): number {
    return this.#stability.size;
  }

  /** Starts watching; resolves once the first scan is done (or the folder was found missing). */
  async start(): Promise<void> {
    if (this.#phase !== "stopped") return;
    const tickMs = Math.max(50, Math.min(250, Math.floor(this.rule.stabilityMs / 4)));
    this.#timers.push(setInterval(() => void this.#tick(), tickMs));
    this.#timers.push(setInterval(() => void this.#checkRoot(), ROOT_CHECK_MS));
    if (this.rule.createIfMissing) mkdirSync(this.rule.root, { recursive: true });
    if (await isFolder(this.rule.root)) await this.#watch();
    else this.#goMissing();
  }

  async close(): Promise<void> {
    this.#phase = "stopped";
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.#closeWatcher();
  }

  async #watch(): Promise<void> {
    this.#phase = "scanning";
    const { rule } = this;
    const watcher = watch(rule.root, {
      persistent: true,
      ignoreInitial: false,
      alwaysStat: true,
      followSymlinks: true,
      usePolling: this.#usePolling,
      interval: 1_000,
      binaryInterval: 1_000,
      ...(rule.recursive ? {} : { depth: 0 }),
      ignored: (file: string, stats?: Stats) => {
        const relative = this.#relative(file);
        if (relative === "") return false;
        return stats?.isDirectory() === true ? rule.filter.skipsFolder(relative) : false;
      },
    });
    this.#watcher = watcher;
    let found = 0;
    const seen = (file: string, stats?: Stats) => {
      if (!rule.filter.accepts(this.#relative(file))) return;
      if (this.#phase === "scanning") found += 1;
      this.#stability.touched(file, statOf(stats), this.#clock());
    };
    watcher.on("add", seen);
    watcher.on("change", seen);
    watcher.on("unlink", (file) => this.#stability.forget(file));
    watcher.on("error", (error) => void this.#recover(error));
    await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
    if (this.#watcher !== watcher) return;
    this.#phase = "watching";
    this.#notice({ type: "ready", rule, files: found });
  }

  /** A watcher error (say, out of inotify watches): report it and watch again, polling if need be. */
  async #recover(error: unknown): Promise<void> {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const exhausted = code === "ENOSPC" || code === "EMFILE";
    this.#notice({
      type: "problem",
      rule: this.rule,
      message:
        exhausted && !this.#usePolling
          ? `The system ran out of file watches (${code}); watching ${this.rule.root} by polling instead. Raise fs.inotify.max_user_watches to watch natively.`
          : `Watching ${this.rule.root} failed: ${toSyncError(error).message}; starting again.`,
    });
    if (exhausted) this.#usePolling = true;
    await this.#closeWatcher();
    if (this.#phase === "stopped") return;
    if (await isFolder(this.rule.root)) await this.#watch();
    else this.#goMissing();
  }

  async #checkRoot(): Promise<void> {
    if (this.#phase === "stopped" || this.#phase === "scanning") return;
    const present = await isFolder(this.rule.root);
    if (this.#phase === "watching" && !present) {
      await this.#closeWatcher();
      this.#goMissing();
    } else if (this.#phase === "missing" && present) {
      this.#notice({ type: "back", rule: this.rule });
      await this.#watch();
    }
  }

  #goMissing(): void {
    if (this.#phase === "stopped") return;
    this.#phase = "missing";
    this.#notice({ type: "missing", rule: this.rule });
  }

  async #closeWatcher(): Promise<void> {
    const watcher = this.#watcher;
    this.#watcher = undefined;
    await watcher?.close().catch(() => undefined);
  }

  /** Checks the files whose window has passed and hands the stable ones to the intake. */
  async #tick(): Promise<void> {
    if (this.#ticking || this.#phase === "stopped") return;
    this.#ticking = true;
    try {
      const stable: WatchedFile[] = [];
      const due = this.#stability.due(this.#clock());
      for (let start = 0; start < due.length; start += STAT_PARALLEL) {
        const group = due.slice(start, start + STAT_PARALLEL);
        const stats = await Promise.all(group.map((file) => stat(file).catch(() => undefined)));
        group.forEach((file, index) => {
          const info = stats[index];
          const current = info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
          if (this.#stability.checked(file, current, this.#clock()) === "stable" && current !== undefined) {
            stable.push({ path: file, sizeBytes: current.size, modTimeMs: current.mtimeMs });
          }
        });
      }
      await this.#handOver(stable);
    } finally {
      this.#ticking = false;
    }
  }

  async #handOver(stable: readonly WatchedFile[]): Promise<void> {
    const files = [...this.#backlog, ...stable];
    if (files.length === 0) return;
    if (this.#backlog.length > 0 && this.#clock() < this.#backlogAfter) {
      this.#backlog = files;
      return;
    }
    this.#backlog = [];
    for (let start = 0; start < files.length; start += INTAKE_CHUNK) {
      const chunk = files.slice(start, start + INTAKE_CHUNK);
      try {
        const result = await this.#options.intake(chunk);
        this.#notice({ type: "queued", rule: this.rule, result });
      } catch (error) {
        // Nothing is lost: the files wait here, and a restart's scan would find them anyway.
        this.#backlog = files.slice(start);
        this.#backlogAfter = this.#clock() + 2_000;
        this.#notice({
          type: "problem",
          rule: this.rule,
          message: `Could not queue files from ${this.rule.root}: ${toSyncError(error).message}; trying again.`,
        });
        return;
      }
    }
  }

  #notice(notice: WatchNotice): void {
    this.#options.onNotice?.(notice);
  }

  #relative(file: string): string {
    return path.relative(this.rule.root, file).split(path.sep).join("/");
  }
}

/** A file whose stat is unknown never looks stable at its first check. */
function statOf(stats: Stats | undefined): FileStat {
  return stats === undefined ? { size: -1, mtimeMs: -1 } : { size: stats.size, mtimeMs: stats.mtimeMs };
}

async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}
