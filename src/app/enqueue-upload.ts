/**
 * Queuing files and folders as one batch: resolve the destinations → list the files → place
 * each below the destination → enqueue one job per file and destination, durably.
 */
import type { ResolvedConfig } from "../config/resolve.js";
import type { BatchSummary } from "../domain/batch.js";
import type { Destination } from "../domain/destination.js";
import { SyncError } from "../domain/errors.js";
import type { Job } from "../domain/job.js";
import type { Placement } from "../domain/placement.js";
import { parsePriority } from "../domain/priority.js";
import { normalizeRelativePath } from "../domain/remote-path.js";
import type { Logger } from "../engine/events.js";
import { say } from "../i18n/message.js";
import type { JobStore, NewJob } from "../store/job-store.js";
import {
  type ExpandedSources,
  expandSourcesReporting,
  type SkippedSource,
  type SourceFile,
} from "./expand-sources.js";
import { jobById } from "./job-lookups.js";
import { pickDestinations } from "./pick-destinations.js";
import { deliveryDate, type PlannedUpload, UploadPlacer } from "./placement.js";

export interface UploadOptions {
  /** Destination name(s); default: the config's default destination. */
  readonly to?: string | readonly string[] | undefined;
  /** Folder below the destination's base path, e.g. `2024/wedding`. */
  readonly subpath?: string | undefined;
  /** A name for the batch (shown in status and notifications). */
  readonly batchName?: string | undefined;
  /** high, normal (default), low, or -100…100: higher goes first, without stopping running uploads. */
  readonly priority?: string | number | undefined;
}

export interface BatchUpload {
  readonly batch: BatchSummary["batch"];
  readonly jobIds: readonly number[];
  /** Paths that did not exist when queued; their jobs fail with SOURCE_MISSING unless they appear. */
  readonly missing: readonly string[];
  /** What was not queued, with why (pipes, sockets, devices, link loops …): never in silence. */
  readonly skipped: readonly SkippedSource[];
  readonly destinations: readonly string[];
}

export interface EnqueueContext {
  readonly store: JobStore;
  readonly config: ResolvedConfig;
  readonly cwd: string;
  readonly clock: () => number;
  readonly logger: Logger;
}

/** Queues one file; returns its job (for the first destination when several are given). */
export async function enqueueFile(
  context: EnqueueContext,
  file: string,
  options: UploadOptions,
): Promise<Job> {
  const result = await enqueueUpload(context, [file], options);
  const id = result.jobIds[0];
  if (id === undefined) throw new SyncError("SOURCE_MISSING", say("upload.error.nothingAt", { path: file }));
  return jobById(context.store, id);
}

export async function enqueueUpload(
  context: EnqueueContext,
  paths: readonly string[],
  options: UploadOptions,
): Promise<BatchUpload> {
  const { store, config } = context;
  const targets = resolveTargets(context, options);
  const priority = options.priority === undefined ? 0 : parsePriority(options.priority);
  const { files, skipped, placed } = await placeSources(context, targets, paths, options);
  for (const odd of skipped) context.logger.warn({ path: odd.path, code: odd.code }, "source skipped");
  const jobs: NewJob[] = placed.map(({ file, destination, placement }) => ({
    destination: destination.name,
    sourcePath: file.sourcePath,
    remotePath: placement.remotePath,
    sizeBytes: file.sizeBytes,
    sourceModTimeMs: file.modTimeMs,
    maxRetries: destination.retries,
    priority,
    rendition: placement.rendition,
  }));
  if (jobs.length === 0) {
    const first = skipped[0];
    throw first !== undefined && files.length === 0
      ? new SyncError(first.code, `${first.path}: ${first.message}`)
      : new SyncError("SOURCE_MISSING", say("upload.error.noFiles"), {
          hint: say("upload.error.noFilesHint"),
        });
  }
  // A named batch stays open a little, so an exporter calling once per file makes one batch.
  const openBatch =
    options.batchName === undefined
      ? undefined
      : { key: `name:${options.batchName}`, quietMs: config.engine.batchQuietSeconds * 1000 };
  const { batch, jobIds } = await store.enqueue(
    { batchName: options.batchName ?? null, openBatch, jobs },
    context.clock(),
  );
  context.logger.info({ batch: batch.id, jobs: jobIds.length }, "batch queued");
  return {
    batch,
    jobIds,
    missing: files.filter((file) => file.missing).map((file) => file.sourcePath),
    skipped,
    destinations: targets.destinations.map((destination) => destination.name),
  };
}

/**
 * Where each file of an `upload` would go at each destination, and as what (`upload
 * --dry-run`): nothing is queued.
 */
export async function planUpload(
  context: EnqueueContext,
  paths: readonly string[],
  options: UploadOptions,
): Promise<PlannedUpload[]> {
  const { placed } = await placeSources(context, resolveTargets(context, options), paths, options);
  return placed.map(({ file, destination, placement }) => ({
    sourcePath: file.sourcePath,
    destination: destination.name,
    remotePath: placement.remotePath,
    rendition: placement.rendition,
    missing: file.missing,
  }));
}

/** The destinations an upload goes to, and the folder below each one's base path. */
interface UploadTargets {
  readonly destinations: readonly Destination[];
  readonly subpath: string;
}

function resolveTargets(context: EnqueueContext, options: UploadOptions): UploadTargets {
  return {
    destinations: pickDestinations(context.config, options.to),
    subpath: normalizeRelativePath(options.subpath ?? "", "--subpath"),
  };
}

/** One file at one destination: where it goes there, and as what. */
interface PlacedFile {
  readonly file: SourceFile;
  readonly destination: Destination;
  readonly placement: Placement;
}

/** Lists the files below `paths` and places each at every destination, file by file. */
async function placeSources(
  context: EnqueueContext,
  { destinations, subpath }: UploadTargets,
  paths: readonly string[],
  options: UploadOptions,
): Promise<ExpandedSources & { readonly placed: readonly PlacedFile[] }> {
  const { files, skipped } = expandSourcesReporting(paths, context.cwd);
  const placer = new UploadPlacer(destinations, subpath, options.batchName ?? null, deliveryDay(context));
  const placed: PlacedFile[] = [];
  for (const file of files) {
    const placements = await placer.place(file);
    destinations.forEach((destination, index) => {
      placed.push({ file, destination, placement: placements[index] as Placement });
    });
  }
  return { files, skipped, placed };
}

/**
 * `{date}`: today in the config's time zone — asked only when a destination's template has
 * `{date}`: the system's time zone costs a tenth of `upload one.jpg`'s start (ICU's zone data).
 */
function deliveryDay(context: EnqueueContext): string {
  const usesDate = context.config.destinations.some(
    (destination) =>
      destination.subpath?.parts.some((part) => "field" in part && part.field === "date") === true,
  );
  return usesDate ? deliveryDate(context.clock(), context.config.timeZone) : "";
}
