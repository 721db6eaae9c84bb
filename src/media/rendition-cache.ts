/**
 * Renditions in the data directory, made once per (source content, settings): the key is the
 * SHA-256 of the source's bytes and the canonical settings, so two destinations (or a retry)
 * asking for the same copy share one file, and a changed source gets a new one. Making is
 * bounded (`concurrency` at once, apart from uploads) and crash-safe (atomic-write.ts).
 *
 * Cleaning: a file goes when the last job that used it has finished for good; on start and
 * every so often, files nobody touched for `maxAgeMs` (a crash's leftovers) and stale `.tmp`
 * files go. An age rule, not "delete everything on start", because a CLI `upload --wait` and
 * the daemon may share the data directory and one must not delete what the other is sending.
 */
import { mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { type RenditionSettings, settingsKey } from "../domain/rendition.js";
import { isProcessAlive } from "../platform/process.js";
import { TEMP_SUFFIX, writeAtomically } from "./atomic-write.js";
import { sha256File, sha256Text } from "./file-hash.js";
import { Limiter } from "./limiter.js";
import { renderImage } from "./render.js";

export interface RenditionCacheOptions {
  readonly dir: string;
  /** Renditions made at once. */
  readonly concurrency: number;
  readonly maxPixels: number;
  /** A file untouched this long is a leftover (default 6 h). */
  readonly maxAgeMs?: number;
  readonly clock?: () => number;
}

export interface CachedRendition {
  readonly path: string;
  readonly key: string;
  readonly sizeBytes: number;
}

const DEFAULT_MAX_AGE_MS = 6 * 3600_000;
/** A `.tmp` file this old belongs to nobody: a live writer finishes within seconds. */
const TEMP_MAX_AGE_MS = 10 * 60_000;
const SWEEP_EVERY_MS = 10 * 60_000;

const EXTENSIONS: Readonly<Record<string, string>> = { jpeg: "jpg", tiff: "tif" };

export class RenditionCache {
  readonly #options: RenditionCacheOptions;
  readonly #limiter: Limiter;
  readonly #making = new Map<string, Promise<CachedRendition>>();
  /** Jobs of this process using each key now. */
  readonly #users = new Map<string, number>();
  #sweptAt = Number.NEGATIVE_INFINITY;

  constructor(options: RenditionCacheOptions) {
    this.#options = options;
    this.#limiter = new Limiter(options.concurrency);
  }

  get dir(): string {
    return this.#options.dir;
  }

  /** The rendition of `source` with `settings`, made now or found made; counts the caller as a user. */
  async make(source: string, settings: RenditionSettings, signal?: AbortSignal): Promise<CachedRendition> {
    await this.#sweepNow();
    const contentHash = await sha256File(source, signal);
    const format = settingsKey(settings, path.basename(source));
    const key = sha256Text(`${format}\n${contentHash}`).slice(0, 40);
    this.#users.set(key, (this.#users.get(key) ?? 0) + 1);
    try {
      let making = this.#making.get(key);
      if (making === undefined) {
        making = this.#makeOnce(key, source, settings).finally(() => this.#making.delete(key));
        this.#making.set(key, making);
      }
      return await making;
    } catch (error: unknown) {
      this.#drop(key);
      throw error;
    }
  }

  /**
   * The caller is done with `key`. When its job has finished for good and no other job here
   * uses it, the file goes; a job that will retry leaves it for its next attempt.
   */
  async finished(key: string, final: boolean): Promise<void> {
    const left = this.#drop(key);
    if (!final || left > 0) return;
    const entries = await readdir(this.#options.dir).catch(() => [] as string[]);
    await Promise.all(
      entries
        .filter((name) => name.startsWith(`${key}.`) && !name.endsWith(TEMP_SUFFIX))
        .map((name) => rm(path.join(this.#options.dir, name), { force: true })),
    );
  }

  /** Removes leftovers: `.tmp` files of dead writers, renditions nobody used for a long time. */
  async sweep(): Promise<number> {
    const now = (this.#options.clock ?? Date.now)();
    this.#sweptAt = now;
    const maxAge = this.#options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    let removed = 0;
    const entries = await readdir(this.#options.dir).catch(() => [] as string[]);
    for (const name of entries) {
      const file = path.join(this.#options.dir, name);
      const key = name.split(".")[0] ?? "";
      if (this.#users.has(key)) continue;
      const info = await stat(file).catch(() => null);
      if (info === null) continue;
      const age = now - info.mtimeMs;
      const temp = name.endsWith(TEMP_SUFFIX);
      // A writer that died (kill -9) never finishes its file: gone at once, not after an hour.
      if ((temp && !writerAlive(name)) || age > (temp ? TEMP_MAX_AGE_MS : maxAge)) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  async #sweepNow(): Promise<void> {
    const now = (this.#options.clock ?? Date.now)();
    if (now - this.#sweptAt >= SWEEP_EVERY_MS) await this.sweep();
  }

  #drop(key: string): number {
    const left = (this.#users.get(key) ?? 1) - 1;
    if (left <= 0) this.#users.delete(key);
    else this.#users.set(key, left);
    return Math.max(0, left);
  }

  async #makeOnce(key: string, source: string, settings: RenditionSettings): Promise<CachedRendition> {
    await mkdir(this.#options.dir, { recursive: true });
    const done = await this.#existing(key);
    if (done !== null) return done;
    return this.#limiter.run(async () => {
      const rendered = await renderImage(source, settings, { maxPixels: this.#options.maxPixels });
      const file = path.join(this.#options.dir, `${key}.${EXTENSIONS[rendered.format] ?? rendered.format}`);
      await writeAtomically(file, rendered.bytes);
      return { path: file, key, sizeBytes: rendered.bytes.length };
    });
  }

  /** A finished file of this key (made earlier, or before a crash): reused, and marked as used now. */
  async #existing(key: string): Promise<CachedRendition | null> {
    const entries = await readdir(this.#options.dir).catch(() => [] as string[]);
    const name = entries.find((entry) => entry.startsWith(`${key}.`) && !entry.endsWith(TEMP_SUFFIX));
    if (name === undefined) return null;
    const file = path.join(this.#options.dir, name);
    const info = await stat(file).catch(() => null);
    if (info === null) return null;
    const now = new Date((this.#options.clock ?? Date.now)());
    await utimes(file, now, now).catch(() => undefined);
    return { path: file, key, sizeBytes: info.size };
  }
}

/** The process named in a temporary file's name (`<key>.<ext>.<pid>-<id>.tmp`) is still running. */
function writerAlive(name: string): boolean {
  const pid = Number(/\.(\d+)-[0-9a-f]+\.tmp$/.exec(name)?.[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? isProcessAlive(pid) : false;
}

/** Renditions at once by default: every CPU but one (for uploads, the dashboard), at least one. */
export function defaultRenditionConcurrency(cpus: number): number {
  return Math.max(1, cpus - 1);
}
