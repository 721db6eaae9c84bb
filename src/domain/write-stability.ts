/**
 * When is an exported file finished? Exporters write in chunks, sometimes with pauses, and say
 * nothing when they are done. A file counts as stable once neither its size nor its
 * modification time has changed, and no change event arrived, for a whole window. Pure: the
 * watcher feeds it events and stat results with the time, and asks what is due for a check.
 */
export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

interface Tracked {
  size: number;
  mtimeMs: number;
  /** Last time anything changed: an event, or a stat that differed. */
  since: number;
  checkAt: number;
}

export type StabilityVerdict = "stable" | "changing" | "gone";

export class WriteStability {
  readonly windowMs: number;
  readonly #files = new Map<string, Tracked>();

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  get size(): number {
    return this.#files.size;
  }

  /** A watcher event (add or change): whatever the stat says, the writer was just active. */
  touched(path: string, stat: FileStat, now: number): void {
    this.#files.set(path, {
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      since: now,
      checkAt: now + this.windowMs,
    });
  }

  /**
   * A file found by a scan (no event). Unchanged since it was last seen: nothing to do. New to
   * us and last modified longer than a window ago: it is checked once more at the next round
   * rather than a whole window later (a restart finds thousands of long-finished exports).
   */
  seen(path: string, stat: FileStat, now: number): void {
    const tracked = this.#files.get(path);
    if (tracked !== undefined && tracked.size === stat.size && tracked.mtimeMs === stat.mtimeMs) return;
    const since = stat.mtimeMs <= now - this.windowMs ? now - this.windowMs : now;
    this.#files.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, since, checkAt: since + this.windowMs });
  }

  forget(path: string): void {
    this.#files.delete(path);
  }

  /** Paths whose window has passed: stat them and report through `checked`. */
  due(now: number): string[] {
    const due: string[] = [];
    for (const [path, tracked] of this.#files) if (tracked.checkAt <= now) due.push(path);
    return due;
  }

  /** The result of a stat (undefined: the file is gone). A stable file is forgotten. */
  checked(path: string, stat: FileStat | undefined, now: number): StabilityVerdict {
    const tracked = this.#files.get(path);
    if (stat === undefined) {
      this.#files.delete(path);
      return "gone";
    }
    if (tracked === undefined || tracked.size !== stat.size || tracked.mtimeMs !== stat.mtimeMs) {
      this.touched(path, stat, now);
      return "changing";
    }
    if (now - tracked.since >= this.windowMs) {
      this.#files.delete(path);
      return "stable";
    }
    tracked.checkAt = tracked.since + this.windowMs;
    return "changing";
  }
}
