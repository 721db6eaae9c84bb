/**
 * One claimed job, start to end: check the source → decide where it goes (already there?
 * conflict policy) → transfer, under a temporary name where the backend writes in place →
 * check the source did not change → verify the remote copy → move it into place → completed.
 * Every outcome is an event applied through the store under this worker's lease; if the lease
 * was lost (cancelled, or taken over after expiry) the job is simply let go.
 */
import { type BackoffPolicy, backoffDelay } from "../domain/backoff.js";
import { temporaryPath } from "../domain/conflict.js";
import type { Destination } from "../domain/destination.js";
import { describeRemotePath } from "../domain/destination.js";
import { type ErrorInfo, SyncError, toSyncError } from "../domain/errors.js";
import type { Job, JobEvent } from "../domain/job.js";
import type { JobStore } from "../store/job-store.js";
import { chooseTarget } from "./choose-target.js";
import { fingerprintSource, type SourceFingerprint, sameFingerprint } from "./source-file.js";
import type { DestinationTraits, TransferProgress, Transport } from "./transport.js";
import { type SourceIdentity, verifyUploaded } from "./verify.js";

/** A source that changed during its upload is tried again once it has been still this long. */
export const SOURCE_SETTLE_MS = 5_000;

export interface JobContext {
  readonly store: JobStore;
  readonly transport: Transport;
  readonly destination: Destination;
  readonly owner: string;
  readonly clock: () => number;
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  /** Aborted when the job is cancelled or the worker shuts down. */
  readonly signal: AbortSignal;
  readonly onProgress: (progress: TransferProgress) => void;
  /** Every state this run wrote, in order. */
  readonly onChange: (job: Job) => void;
  /**
   * Tells the destination's health about a failure; returns when the job should wait without
   * spending its attempt (destination offline, rate-limited, over quota), or null.
   */
  readonly onDestinationFailure: (error: ErrorInfo) => number | null;
  readonly onDestinationSuccess: () => void;
  /** This transfer's own bandwidth (the destination's limit, shared by its uploads at once). */
  readonly rateLimit?: number | undefined;
}

/** Runs the job; returns its last state as written by us, or null when we no longer own it. */
export async function runJob(context: JobContext, job: Job): Promise<Job | null> {
  const { transport, destination, signal } = context;
  const apply = (event: JobEvent) => applyOwned(context, job.id, event);
  let partial: string | null = null;
  let before: SourceFingerprint | undefined;
  try {
    before = await fingerprintSource(job.sourcePath);
    const traits = await transport.traits(destination, signal);
    const { hashType } = traits;
    const hash = hashType === null ? null : await transport.hashSource(job.sourcePath, hashType, signal);
    const source: SourceIdentity = { size: before.size, mtimeMs: before.mtimeMs, hashType, hash };
    const now = context.clock();
    // claimed sets updatedAt; a startedAt before that means an earlier attempt ran.
    const triedBefore = job.startedAt !== null && job.startedAt < job.updatedAt;
    const useTemp = usesTemporaryName(destination, traits);

    const target = await chooseTarget({ ...context, traits, now, triedBefore }, job, source);
    const renamed = (remotePath: string) => (remotePath === job.remotePath ? {} : { remotePath });
    if (target.kind === "keep") {
      context.onDestinationSuccess();
      return apply({ type: "conflictSkipped", reason: target.reason.toInfo() });
    }
    if (target.kind === "present") {
      context.onDestinationSuccess();
      // Our own earlier, interrupted attempt may have finished writing: that is a delivery.
      return apply({
        type: triedBefore ? "verified" : "skippedIdentical",
        sizeBytes: source.size,
        hashType,
        hash,
        remoteModTime: target.remote.modTime,
        ...renamed(target.remotePath),
      });
    }
    if (target.versionTo !== undefined) {
      await transport.moveRemote(destination, target.remotePath, target.versionTo, signal);
    }

    const uploadPath = useTemp ? temporaryPath(target.remotePath, job.id) : target.remotePath;
    partial = useTemp ? uploadPath : null;
    await transport.transfer(
      {
        jobId: job.id,
        attempt: job.attempts,
        sourcePath: job.sourcePath,
        destination,
        remotePath: uploadPath,
        ...(context.rateLimit === undefined ? {} : { rateLimit: context.rateLimit }),
      },
      { signal, onProgress: context.onProgress },
    );
    const transferred = await apply({ type: "transferred", sizeBytes: source.size });
    if (transferred === null) return null;

    const after = await fingerprintSource(job.sourcePath);
    if (!sameFingerprint(before, after)) {
      // What arrived may mix old and new bytes: it must not stay where it could pass for ours.
      partial = uploadPath;
      throw sourceChanged(job);
    }
    const remote = await transport.statRemote(destination, uploadPath, hashType, signal);
    const mismatch = verifyUploaded(remote, source, describeRemotePath(destination, target.remotePath));
    if (mismatch !== null) {
      // What we just wrote is wrong: never leave it where it could pass for a delivery.
      removePartial(context, uploadPath);
      partial = null;
      return apply({
        type: "verifyFailed",
        error: mismatch.toInfo(),
        retryDelayMs: retryDelay(context, job),
      });
    }
    if (useTemp) {
      // Only a verified file ever appears under the real name.
      await transport.moveRemote(destination, uploadPath, target.remotePath, signal);
      partial = null;
    }
    context.onDestinationSuccess();
    return apply({
      type: "verified",
      sizeBytes: source.size,
      hashType,
      hash,
      remoteModTime: remote?.modTime ?? null,
      ...renamed(target.remotePath),
    });
  } catch (error) {
    return apply(failureEvent(context, job, await explainedBySource(job, before, error)));
  } finally {
    if (partial !== null && !signal.aborted) removePartial(context, partial);
  }
}

/**
 * A source that changed while rclone read it makes rclone fail in its own words ("corrupted on
 * transfer: md5 hash differ", "source file is being updated"): the change is the real cause.
 */
async function explainedBySource(
  job: Job,
  before: SourceFingerprint | undefined,
  error: unknown,
): Promise<unknown> {
  if (before === undefined || (error instanceof SyncError && error.code === "SOURCE_CHANGED")) return error;
  const after = await fingerprintSource(job.sourcePath).catch(() => null);
  if (after === null || sameFingerprint(before, after)) return error;
  return sourceChanged(job, error);
}

function sourceChanged(job: Job, cause?: unknown): SyncError {
  return new SyncError("SOURCE_CHANGED", `${job.sourcePath} changed while it was uploading.`, { cause });
}

function failureEvent(context: JobContext, job: Job, error: unknown): JobEvent {
  const syncError = context.signal.aborted
    ? new SyncError("TRANSFER_INTERRUPTED", "The transfer was stopped before it finished.", { cause: error })
    : toSyncError(error);
  const now = context.clock();
  if (syncError.code === "TRANSFER_INTERRUPTED") {
    // Not the job's fault (shutdown, rclone restarted): give it back without spending the attempt.
    return { type: "released", reason: syncError.toInfo() };
  }
  if (syncError.code === "SOURCE_CHANGED") {
    // Still being written (an export in progress): wait for it to settle, attempt given back.
    return { type: "deferred", reason: syncError.toInfo(), until: now + SOURCE_SETTLE_MS };
  }
  const until = context.onDestinationFailure(syncError.toInfo());
  if (until !== null) return { type: "deferred", reason: syncError.toInfo(), until };
  return { type: "transferFailed", error: syncError.toInfo(), retryDelayMs: retryDelay(context, job) };
}

function usesTemporaryName(destination: Destination, traits: DestinationTraits): boolean {
  if (!traits.canMove || destination.tempNames === "never") return false;
  return destination.tempNames === "always" || traits.writesInPlace;
}

/** Best effort: a leftover the next attempt would overwrite anyway, so a failure here is harmless. */
function removePartial(context: JobContext, partial: string): void {
  const signal = AbortSignal.timeout(30_000);
  context.transport.deleteRemote(context.destination, partial, signal).catch(() => undefined);
}

function retryDelay(context: JobContext, job: Job): number {
  return backoffDelay(job.attempts, context.backoff, context.random);
}

/** How long an outcome is held while the queue database is unreachable, before giving up on it. */
const STORE_OUTAGE_PATIENCE_MS = 5 * 60_000;

async function applyOwned(context: JobContext, id: number, event: JobEvent): Promise<Job | null> {
  // One time for every try: a write that committed although its answer was lost carries it.
  const now = context.clock();
  const giveUpAt = now + STORE_OUTAGE_PATIENCE_MS;
  let unanswered = false;
  for (let wait = 500; ; wait = Math.min(wait * 2, 10_000)) {
    try {
      const next = await context.store.apply(id, event, now, { owner: context.owner });
      context.onChange(next);
      return next;
    } catch (error) {
      if (
        error instanceof SyncError &&
        (error.code === "LEASE_LOST" || error.code === "ILLEGAL_TRANSITION")
      ) {
        // After an unanswered try the refusal may be our own earlier write, already in place.
        const landed = unanswered ? await committedEarlier(context, id, now) : null;
        if (landed !== null) context.onChange(landed);
        return landed;
      }
      // The work is done (or its failure known); only recording it failed. Keep it until the
      // database is back rather than losing it — unless the outage outlasts our patience, when
      // the lease expires and the job is recovered and re-checked.
      const outage =
        error instanceof SyncError && (error.code === "STORE_UNAVAILABLE" || error.code === "STORE_LOCKED");
      if (!outage || context.clock() + wait > giveUpAt) throw error;
      unanswered = true;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * The job as our unanswered write left it, or null when someone else wrote it since: the store
 * stamps every write with the `now` it was given, and nobody but us holds the job.
 */
async function committedEarlier(context: JobContext, id: number, now: number): Promise<Job | null> {
  const job = await context.store.getJob(id).catch(() => undefined);
  if (job === undefined || job.updatedAt !== now) return null;
  return job.leaseOwner === null || job.leaseOwner === context.owner ? job : null;
}
