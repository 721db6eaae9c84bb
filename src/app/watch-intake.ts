/**
 * Turns stable files of a watched folder into jobs — once. For each destination of the rule it
 * drops files the queue already holds (same path, size and modification time: a restart's
 * rescan), renders the remote path, drops files that destination already received at that path
 * from the same content moved or renamed locally, and enqueues the rest into the folder's open
 * batch, so an export arriving file by file is one batch.
 */
import path from "node:path";
import type { Batch } from "../domain/batch.js";
import type { Destination } from "../domain/destination.js";
import { toSyncError } from "../domain/errors.js";
import { systemTimeZone } from "../domain/local-time.js";
import { renderTemplate } from "../domain/path-template.js";
import { destinationsUseExif, type PlacementInput, placeFile } from "../domain/placement.js";
import type { WatchRule } from "../domain/watch-rule.js";
import type { Logger } from "../engine/events.js";
import type { FileFingerprint, JobStore, NewJob } from "../store/job-store.js";
import { readPhotoFacts } from "./photo-facts.js";
import { deliveryDate } from "./placement.js";

export interface WatchedFile {
  /** Absolute path. */
  readonly path: string;
  readonly sizeBytes: number;
  readonly modTimeMs: number;
}

export interface IntakeResult {
  /** Jobs queued (one per file and destination). */
  readonly queued: number;
  /** Files × destinations already queued or delivered before. */
  readonly known: number;
  /** Files whose remote path could not be rendered (INVALID_PATH), with the reason. */
  readonly rejected: readonly { readonly path: string; readonly code: string; readonly message: string }[];
  readonly batch: Batch | null;
}

export interface WatchIntakeOptions {
  readonly store: JobStore;
  readonly rule: WatchRule;
  readonly destinations: readonly Destination[];
  readonly clock: () => number;
  readonly logger: Logger;
  /** For `{date}`, the delivery date; default: this computer's zone. */
  readonly timeZone?: string;
}

export class WatchIntake {
  readonly rule: WatchRule;
  readonly #options: WatchIntakeOptions;

  constructor(options: WatchIntakeOptions) {
    this.#options = options;
    this.rule = options.rule;
  }

  /** Files of one watched folder join the same open batch, across restarts. */
  get #key(): string {
    return `watch:${this.rule.root}`;
  }

  async take(files: readonly WatchedFile[]): Promise<IntakeResult> {
    const { store, rule, destinations, clock } = this.#options;
    const bySource = files.map((file) => fingerprint(file.path, file));
    const rendered = new Map<string, PlacementInput | Error>();
    const now = clock();
    const jobs: NewJob[] = [];
    const rejected: IntakeResult["rejected"][number][] = [];
    let known = 0;
    const batchName = await this.#batchName(clock());
    for (const destination of destinations) {
      const queued = await store.queuedSources(destination.name, bySource);
      known += queued.size;
      const fresh = files.filter((file) => !queued.has(file.path));
      for (const file of fresh) {
        if (!rendered.has(file.path)) rendered.set(file.path, await this.#ruleValues(file, batchName, now));
      }
      const placed = fresh.flatMap((file) => {
        const values = rendered.get(file.path);
        if (values === undefined || values instanceof Error) return [];
        try {
          const placement = placeFile(destination, values);
          return [{ file, remotePath: placement.remotePath, rendition: placement.rendition }];
        } catch (error: unknown) {
          rendered.set(file.path, error instanceof Error ? error : new Error(String(error)));
          return [];
        }
      });
      const delivered = await store.deliveredRemotePaths(
        destination.name,
        placed.map(({ file, remotePath }) => fingerprint(remotePath, file)),
      );
      for (const { file, remotePath, rendition } of placed) {
        if (delivered.has(remotePath)) {
          known += 1;
          continue;
        }
        jobs.push({
          destination: destination.name,
          sourcePath: file.path,
          remotePath,
          sizeBytes: file.sizeBytes,
          sourceModTimeMs: Math.trunc(file.modTimeMs),
          maxRetries: destination.retries,
          priority: rule.priority,
          rendition,
        });
      }
    }
    for (const [file, result] of rendered) {
      if (result instanceof Error) {
        const error = toSyncError(result);
        rejected.push({ path: file, code: error.code, message: error.message });
        this.#options.logger.warn({ file, code: error.code, err: error.message }, "watched file not queued");
      }
    }
    if (jobs.length === 0) return { queued: 0, known, rejected, batch: null };
    const { batch } = await store.enqueue(
      { batchName, openBatch: { key: this.#key, quietMs: rule.batchQuietMs }, jobs },
      now,
    );
    this.#options.logger.info(
      { batch: batch.id, jobs: jobs.length, folder: rule.root },
      "watched files queued",
    );
    return { queued: jobs.length, known, rejected, batch };
  }

  /**
   * The name of the batch these files will join, which `{batch}` needs before the store sees
   * the jobs: the folder's open batch as the store knows it (also one opened before a restart,
   * or by another worker), or a new one named after the folder and the local time it opens.
   */
  async #batchName(now: number): Promise<string> {
    const open = await this.#options.store.findOpenBatch(this.#key, now);
    if (open?.name != null) return open.name;
    const date = new Date(now);
    const two = (n: number) => String(n).padStart(2, "0");
    const stamp = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}.${two(date.getMinutes())}.${two(date.getSeconds())}`;
    return `${path.basename(this.rule.root)} ${stamp}`;
  }

  /** The rule's part of the file's place: its subpath and name, and the values destination templates use. */
  async #ruleValues(file: WatchedFile, batch: string, now: number): Promise<PlacementInput | Error> {
    const { rule } = this;
    try {
      const parsed = path.parse(file.path);
      const folder = relativePath(rule.root, parsed.dir);
      const facts =
        rule.subpath.usesExif || rule.fileName.usesExif || destinationsUseExif(this.#options.destinations)
          ? await readPhotoFacts(file.path, file.modTimeMs)
          : undefined;
      const values = {
        day: facts?.day ?? { year: 0, month: 0, day: 0 },
        camera: facts?.camera ?? null,
        folder,
        name: parsed.name,
        ext: parsed.ext.replace(/^\./, ""),
        batch,
        date: deliveryDate(now, this.#options.timeZone ?? systemTimeZone()),
      };
      const name = renderTemplate(rule.fileName, values, `${rule.key}.fileName for ${file.path}`);
      const subpath = renderTemplate(rule.subpath, values, `${rule.key}.subpath for ${file.path}`);
      return {
        defaultDir: subpath,
        outerSubpath: subpath,
        fileName: name || parsed.base,
        sourceName: parsed.base,
        values,
        what: file.path,
      };
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

/** `file` below a watched folder's `root`, `/`-separated ("" for the root itself). */
export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

function fingerprint(key: string, file: WatchedFile): FileFingerprint {
  return { path: key, sizeBytes: file.sizeBytes, modTimeMs: Math.trunc(file.modTimeMs) };
}
