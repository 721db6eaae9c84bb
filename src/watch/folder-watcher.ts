/**
 * Watches one folder of a watch rule and hands each file to the intake once it has stopped
 * changing. The operating system reports changes (@parcel/watcher: inotify, FSEvents,
 * ReadDirectoryChangesW — one watch per folder tree, not per file); the write-stability check
 * decides when a file is finished; the intake (app/) decides whether it is new.
 *
 * A start — and every recovery — scans the folder, so files that arrived while nobody watched
 * are caught up (the intake drops those already queued). A folder that disappears (an
 * unplugged drive, a deleted export folder) is reported once and watched again as soon as it
 * is back. Polling (`--poll`, for network shares that send no events) is a scan every few
 * seconds.
 */

import { mkdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import type { AsyncSubscription, Event as WatchEvent } from "@parcel/watcher";
import { type IntakeResult, relativePath, type WatchedFile } from "../app/watch-intake.js";
import { toSyncError } from "../domain/errors.js";
import type { WatchRule } from "../domain/watch-rule.js";
import { WriteStability } from "../domain/write-stability.js";
import { scanFolder } from "./scan-folder.js";

/** How often the folder itself is checked for having disappeared or come back. */
const ROOT_CHECK_MS = 2_000;
/** While native events watch the folder, its own removal is rare: looked for less often. */
const ROOT_CHECK_WATCHING_MS = 10_000;
/** How often a polled folder is scanned. */
export const POLL_MS = 5_000;
/** Files handed to the intake per call: one transaction, one batch join. */
const INTAKE_CHUNK = 1_000;
/** Stats at once while checking files for stability. */
const STAT_PARALLEL = 64;

/** What a watcher has to say, for the daemon's output and logs. */
export type WatchNotice =
  /** A scan is done (at start, or when the folder came back); `files` were found in it. */
  | { readonly type: "ready"; readonly rule: WatchRule; readonly files: number }
  | { readonly type: "queued"; readonly rule: WatchRule; readonly result: IntakeResult }
  /** Every file found by the scan has settled and been through the intake. */
  | { readonly type: "caughtUp"; readonly rule: WatchRule; readonly queued: number; readonly known: number }
  /** The folder is not there (never was, or disappeared); watching resumes when it is back. */
  | { readonly type: "missing"; readonly rule: WatchRule }
  | { readonly type: "back"; readonly rule: WatchRule }
  | { readonly type: "problem"; readonly rule: WatchRule; readonly message: string };

export interface FolderWatcherOptions {
  readonly rule: WatchRule;
  readonly intake: (files: readonly WatchedFile[]) => Promise<IntakeResult>;
  readonly onNotice?: (notice: WatchNotice) => void;
  readonly clock?: () => number;
  /** Scan every few seconds instead of listening for events (network shares). */
  readonly usePolling?: boolean;
}

type Phase = "stopped" | "scanning" | "watching" | "missing";

export class FolderWatcher {
  readonly rule: WatchRule;
  readonly #options: FolderWatcherOptions;
  readonly #clock: () => number;
  readonly #stability: WriteStability;
  readonly #polling: boolean;
  #phase: Phase = "stopped";
  #subscription: AsyncSubscription | undefined;
  #timers: NodeJS.Timeout[] = [];
  /** The next look at settling files; set only while there is something to look at. */
  #tickTimer: NodeJS.Timeout | undefined;
  #tickMs = 250;
  #rootCheckedAt = Number.NEGATIVE_INFINITY;
  #ticking = false;
  #polled = 0;
  /** Polling only: what each file looked like when handed over, so a rescan skips it. */
  readonly #handed = new Map<string, string>();
  /** Stable files the intake could not take yet (the queue was unreachable); tried again. */
  #backlog: WatchedFile[] = [];
  #backlogAfter = 0;
  /** Totals since the last scan began, until it has caught up. */
  #scan: { queued: number; known: number } | undefined;

  constructor(options: FolderWatcherOptions) {
    this.#options = options;
    this.rule = options.rule;
    this.#clock = options.clock ?? Date.now;
    this.#stability = new WriteStability(options.rule.stabilityMs);
    this.#polling = options.usePolling ?? false;
  }

  /** Files seen but not yet stable. */
  get settling(): number {
    return this.#stability.size;
  }

  /** Starts watching; resolves once the first scan is done (or the folder was found missing). */
  async start(): Promise<void> {
    if (this.#phase !== "stopped") return;
    this.#tickMs = Math.max(50, Math.min(250, Math.floor(this.rule.stabilityMs / 4)));
    this.#timers.push(setInterval(() => void this.#checkRoot(), ROOT_CHECK_MS));
    if (this.rule.createIfMissing) mkdirSync(this.rule.root, { recursive: true });
    if (await isFolder(this.rule.root)) await this.#watch();
    else this.#goMissing();
  }

  async close(): Promise<void> {
    this.#phase = "stopped";
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    clearTimeout(this.#tickTimer);
    this.#tickTimer = undefined;
    await this.#unsubscribe();
  }

  /** Listens for changes, then scans: a file written during the scan is caught either way. */
  async #watch(): Promise<void> {
    this.#phase = "scanning";
    this.#scan = { queued: 0, known: 0 };
    if (!this.#polling) {
      try {
        const { subscribe } = await loadWatcher();
        this.#subscription = await subscribe(this.rule.root, (error, events) => {
          if (error !== null) void this.#recover(error);
          else void this.#changed(events);
        });
      } catch (error) {
        this.#problem(
          `Cannot watch ${this.rule.root} for changes (${toSyncError(error).message}); scanning it every ${POLL_MS / 1000} s instead.`,
        );
      }
    }
    const found = await this.#scanAll();
    if (this.#phase !== "scanning") return;
    this.#phase = "watching";
    this.#polled = this.#clock();
    this.#notice({ type: "ready", rule: this.rule, files: found });
    this.#wake();
  }

  /**
   * Schedules the next look at settling files. An idle folder has no timer ticking: a change
   * event (or the scan) wakes it, and it sleeps again once nothing settles or waits.
   */
  #wake(): void {
    if (this.#tickTimer !== undefined || this.#phase === "stopped") return;
    this.#tickTimer = setTimeout(() => {
      this.#tickTimer = undefined;
      void this.#tick().finally(() => {
        if (this.#hasWork()) this.#wake();
      });
    }, this.#tickMs);
  }

  #hasWork(): boolean {
    return (
      this.#stability.size > 0 ||
      this.#backlog.length > 0 ||
      this.#scan !== undefined ||
      // Scanning by polling (no change events) is work of its own.
      (this.#phase === "watching" && this.#subscription === undefined)
    );
  }

  async #scanAll(folder = this.rule.root): Promise<number> {
    const { rule } = this;
    let found = 0;
    for await (const file of scanFolder(rule.root, folder, { recursive: rule.recursive, ...rule.filter })) {
      if (this.#phase === "stopped") break;
      const key = `${file.stat.size}:${file.stat.mtimeMs}`;
      if (this.#handed.get(file.path) === key) continue;
      found += 1;
      this.#stability.seen(file.path, file.stat, this.#clock());
    }
    return found;
  }

  async #changed(events: readonly WatchEvent[]): Promise<void> {
    const { rule } = this;
    for (const event of events) {
      const relative = relativePath(rule.root, event.path);
      if (relative === "" || relative.startsWith("..")) continue;
      if (!rule.recursive && relative.includes("/")) continue;
      if (event.type === "delete") {
        this.#stability.forget(event.path);
        continue;
      }
      const info = await stat(event.path).catch(() => undefined);
      if (info === undefined) continue;
      if (info.isDirectory()) {
        // A folder moved or copied in: its files send no events of their own.
        if (rule.recursive && !rule.filter.skipsFolder(relative)) await this.#scanAll(event.path);
      } else if (info.isFile() && rule.filter.accepts(relative)) {
        this.#stability.touched(event.path, { size: info.size, mtimeMs: info.mtimeMs }, this.#clock());
      }
    }
    this.#wake();
  }

  /** The watch failed (say, the system ran out of watches): say so, then watch and scan again. */
  async #recover(error: unknown): Promise<void> {
    this.#problem(`Watching ${this.rule.root} failed (${toSyncError(error).message}); starting again.`);
    await this.#unsubscribe();
    if (this.#phase === "stopped" || this.#phase === "scanning") return;
    if (await isFolder(this.rule.root)) await this.#watch();
    else this.#goMissing();
  }

  async #checkRoot(): Promise<void> {
    if (this.#phase === "stopped" || this.#phase === "scanning") return;
    const every = this.#subscription === undefined ? ROOT_CHECK_MS : ROOT_CHECK_WATCHING_MS;
    // Real time, not the injected clock: this paces a timer.
    if (performance.now() - this.#rootCheckedAt < every) return;
    this.#rootCheckedAt = performance.now();
    const present = await isFolder(this.rule.root);
    if (this.#phase === "watching" && !present) {
      await this.#unsubscribe();
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

  async #unsubscribe(): Promise<void> {
    const subscription = this.#subscription;
    this.#subscription = undefined;
    await subscription?.unsubscribe().catch(() => undefined);
  }

  /** Checks the files whose window has passed and hands the stable ones to the intake. */
  async #tick(): Promise<void> {
    if (this.#ticking || this.#phase === "stopped") return;
    this.#ticking = true;
    try {
      if (
        this.#phase === "watching" &&
        this.#subscription === undefined &&
        this.#clock() - this.#polled >= POLL_MS
      ) {
        await this.#scanAll();
        this.#polled = this.#clock();
      }
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
      const scan = this.#scan;
      if (
        scan !== undefined &&
        this.#phase === "watching" &&
        this.#stability.size === 0 &&
        this.#backlog.length === 0
      ) {
        this.#scan = undefined;
        this.#notice({ type: "caughtUp", rule: this.rule, ...scan });
      }
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
        if (this.#polling || this.#subscription === undefined) {
          for (const file of chunk) this.#handed.set(file.path, `${file.sizeBytes}:${file.modTimeMs}`);
        }
        if (this.#scan !== undefined) {
          this.#scan.queued += result.queued;
          this.#scan.known += result.known;
        }
        this.#notice({ type: "queued", rule: this.rule, result });
      } catch (error) {
        // Nothing is lost: the files wait here, and a restart's scan would find them anyway.
        this.#backlog = files.slice(start);
        this.#backlogAfter = this.#clock() + 2_000;
        this.#problem(
          `Could not queue files from ${this.rule.root}: ${toSyncError(error).message}; trying again.`,
        );
        return;
      }
    }
  }

  #problem(message: string): void {
    this.#notice({ type: "problem", rule: this.rule, message });
  }

  #notice(notice: WatchNotice): void {
    this.#options.onNotice?.(notice);
  }
}

/** The native watcher, loaded when a folder is first watched (not by every command). */
async function loadWatcher(): Promise<typeof import("@parcel/watcher")> {
  const loaded = await import("@parcel/watcher");
  return (loaded as { default?: typeof import("@parcel/watcher") }).default ?? loaded;
}

async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}
