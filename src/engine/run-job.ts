/**
 * One claimed job, start to end: check the source → skip if the destination already has it →
 * transfer → check the source did not change → verify the remote copy → completed.
 * Every outcome is an event applied through the store under this worker's lease; if the lease
 * was lost (cancelled, or taken over after expiry) the job is simply let go.
 */
import { type BackoffPolicy, backoffDelay } from "../domain/backoff.js";
import type { Destination } from "../domain/destination.js";
import { describeRemotePath } from "../domain/destination.js";
import { SyncError, toSyncError } from "../domain/errors.js";
import type { Job, JobEvent } from "../domain/job.js";
import type { JobStore } from "../store/job-store.js";
import { fingerprintSource, sameFingerprint } from "./source-file.js";
import type { TransferProgress, Transport } from "./transport.js";
import { isIdentical, type SourceIdentity, verifyUploaded } from "./verify.js";

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
}

/** Runs the job; returns its last state as written by us, or null when we no longer own it. */
export async function runJob(context: JobContext, job: Job): Promise<Job | null> {
  const { transport, destination, signal } = context;
  const apply = (event: JobEvent) => applyOwned(context, job.id, event);
  try {
    const before = await fingerprintSource(job.sourcePath);
    const hashType = await transport.commonHashType(destination, signal);
    const hash = hashType === null ? null : await transport.hashSource(job.sourcePath, hashType, signal);
    const source: SourceIdentity = { size: before.size, mtimeMs: before.mtimeMs, hashType, hash };

    const existing = await transport.statRemote(destination, job.remotePath, hashType, signal);
    if (isIdentical(existing, source)) {
      // Our own earlier, interrupted attempt may have finished writing: that is a delivery.
      return apply(
        job.attempts > 1
          ? { type: "verified", hashType, hash }
          : { type: "skippedIdentical", hashType, hash },
      );
    }

    await transport.transfer(
      {
        jobId: job.id,
        attempt: job.attempts,
        sourcePath: job.sourcePath,
        destination,
        remotePath: job.remotePath,
      },
      { signal, onProgress: context.onProgress },
    );
    const transferred = await apply({ type: "transferred", sizeBytes: source.size });
    if (transferred === null) return null;

    const after = await fingerprintSource(job.sourcePath);
    if (!sameFingerprint(before, after)) {
      throw new SyncError("SOURCE_CHANGED", `${job.sourcePath} changed while it was uploading.`);
    }
    const remote = await transport.statRemote(destination, job.remotePath, hashType, signal);
    const mismatch = verifyUploaded(remote, source, describeRemotePath(destination, job.remotePath));
    if (mismatch !== null) {
      return apply({
        type: "verifyFailed",
        error: mismatch.toInfo(),
        retryDelayMs: retryDelay(context, job),
      });
    }
    return apply({ type: "verified", hashType, hash });
  } catch (error) {
    const syncError = signal.aborted
      ? new SyncError("TRANSFER_INTERRUPTED", "The transfer was stopped before it finished.", {
          cause: error,
        })
      : toSyncError(error);
    if (syncError.code === "TRANSFER_INTERRUPTED") {
      // Not the job's fault (shutdown, rclone restarted): give it back without spending the attempt.
      return apply({ type: "released", reason: syncError.toInfo() });
    }
    return apply({
      type: "transferFailed",
      error: syncError.toInfo(),
      retryDelayMs: retryDelay(context, job),
    });
  }
}

function retryDelay(context: JobContext, job: Job): number {
  return backoffDelay(job.attempts, context.backoff, context.random);
}

/** How long an outcome is held while the queue database is unreachable, before giving up on it. */
const STORE_OUTAGE_PATIENCE_MS = 5 * 60_000;

async function applyOwned(context: JobContext, id: number, event: JobEvent): Promise<Job | null> {
  const giveUpAt = context.clock() + STORE_OUTAGE_PATIENCE_MS;
  for (let wait = 500; ; wait = Math.min(wait * 2, 10_000)) {
    try {
      const next = await context.store.apply(id, event, context.clock(), { owner: context.owner });
      context.onChange(next);
      return next;
    } catch (error) {
      if (
        error instanceof SyncError &&
        (error.code === "LEASE_LOST" || error.code === "ILLEGAL_TRANSITION")
      ) {
        return null;
      }
      // The work is done (or its failure known); only recording it failed. Keep it until the
      // database is back rather than losing it — unless the outage outlasts our patience, when
      // the lease expires and the job is recovered and re-checked.
      const outage =
        error instanceof SyncError && (error.code === "STORE_UNAVAILABLE" || error.code === "STORE_LOCKED");
      if (!outage || context.clock() + wait > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
