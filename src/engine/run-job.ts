/**
 * One claimed job, start to end: check the source → prepare the bytes to send (prepare-bytes.ts)
 * → decide where they go (already there? conflict policy; only then is the source hashed first)
 * → transfer, under a temporary name where the backend writes in place, the source read once →
 * check the source did not change → verify the remote copy → move it into place → completed.
 * Every outcome is an event applied through the store under this worker's lease; if the lease
 * was lost (cancelled, or taken over after expiry) the job is simply let go.
 */
import { type BackoffPolicy, backoffDelay } from "../domain/backoff.js";
import { remoteFolderOf, stagingFolder, temporaryPath } from "../domain/conflict.js";
import type { Destination } from "../domain/destination.js";
import { describeRemotePath } from "../domain/destination.js";
import { type ErrorInfo, SyncError, toSyncError } from "../domain/errors.js";
import { isFinal, type Job, type JobEvent, triedBefore } from "../domain/job.js";
import { say } from "../i18n/message.js";
import type { JobStore } from "../store/job-store.js";
import { chooseTarget } from "./choose-target.js";
import { applyOwned } from "./owned-writes.js";
import {
  identityOf,
  type PreparedBytes,
  prepareBytes,
  type RenditionMaker,
  releaseBytes,
  unsupportedSkip,
} from "./prepare-bytes.js";
import { storeLedger } from "./resume-ledger.js";
import { fingerprintSource, type SourceFingerprint, sameFingerprint } from "./source-file.js";
import { hashedFromSource, SourceHash, settleHash } from "./source-hash.js";
import type { DestinationTraits, TransferProgress, Transport } from "./transport.js";
import { verifyUploaded } from "./verify.js";

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
  /** Makes renditions (media/); absent: jobs with a rendition fail with RENDITION_FAILED. */
  readonly renditions?: RenditionMaker | undefined;
  /**
   * Told once the transfer has ended, either way: the job's upload slot may go to the next job
   * while this one is checked, moved into place and recorded. Absent: the slot is the caller's
   * (a group's turn).
   */
  readonly onTransferEnd?: (() => void) | undefined;
}

/** Runs the job; returns its last state as written by us, or null when we no longer own it. */
export async function runJob(context: JobContext, job: Job): Promise<Job | null> {
  // No rendition can be made of this file (RAW, video …) and its destination wants none of it.
  const skip = unsupportedSkip(job);
  if (skip !== null) return applyAndTell(context, job.id, { type: "conflictSkipped", reason: skip });
  let bytes: PreparedBytes | undefined;
  let outcome: Job | null = null;
  try {
    outcome = await sendJob(context, job, (prepared) => {
      bytes = prepared;
    });
    return outcome;
  } finally {
    await releaseBytes(bytes, outcome !== null && isFinal(outcome.state), context.renditions);
  }
}

async function sendJob(
  context: JobContext,
  job: Job,
  onPrepared: (bytes: PreparedBytes) => void,
): Promise<Job | null> {
  const { transport, destination, signal } = context;
  const apply = (event: JobEvent) => applyAndTell(context, job.id, event);
  let partial: string | null = null;
  let before: SourceFingerprint | undefined;
  try {
    before = await fingerprintSource(job.sourcePath);
    // The bytes sent, hashed and verified: the source as is, or what the prepare step made of it.
    const bytes = await prepareBytes(job, before, signal, context.renditions);
    onPrepared(bytes);
    const traits = await transport.traits(destination, signal);
    const { hashType } = traits;
    // Stops a hash read beside a transfer that failed.
    const transferFailed = new AbortController();
    // Not hashed up front: the transfer reads the file anyway (see settleHash).
    const sourceHash = new SourceHash(
      transport,
      bytes.path,
      hashType,
      AbortSignal.any([signal, transferFailed.signal]),
    );
    const now = context.clock();
    const retried = triedBefore(job);
    const useTemp = usesTemporaryName(destination, traits);

    if (useTemp) await removeCrashedStaging(context, job, signal);
    const target = await chooseTarget(
      { ...context, traits, now, triedBefore: retried },
      job,
      identityOf(bytes, hashType, null),
      async () => identityOf(bytes, hashType, await sourceHash.read()),
    );
    const renamed = (remotePath: string) => (remotePath === job.remotePath ? {} : { remotePath });
    if (target.kind === "keep") {
      context.onDestinationSuccess();
      return apply({ type: "conflictSkipped", reason: target.reason.toInfo() });
    }
    if (target.kind === "present") {
      context.onDestinationSuccess();
      // Our own earlier, interrupted attempt may have finished writing: that is a delivery.
      return apply({
        type: retried ? "verified" : "skippedIdentical",
        sizeBytes: bytes.size,
        hashType,
        hash: await sourceHash.read(),
        remoteModTime: target.remote.modTime,
        ...renamed(target.remotePath),
      });
    }
    if (target.versionTo !== undefined) {
      await transport.moveRemote(destination, target.remotePath, target.versionTo, signal);
    }

    const uploadPath = useTemp ? temporaryPath(target.remotePath, job.id) : target.remotePath;
    partial = useTemp ? uploadPath : null;
    const resume = storeLedger(context.store, job, destination, context.clock);
    // The hash is known here only if a file was in the way; else the transfer finds it.
    const sent = identityOf(bytes, hashType, sourceHash.known);
    // A destination that hashes only by reading the file again is not asked (see below): the
    // source's hash is read now, beside the copy, rather than after it. A transport of its own
    // (a resumable upload) hashes what it sends.
    const fromSource = hashedFromSource(traits, sent.size);
    if (fromSource && sent.hash === null && transport.transfersAlone?.(destination, sent.size) !== true) {
      sourceHash.read().catch(() => undefined);
    }
    let learnt: string | undefined;
    try {
      const result = await transport.transfer(
        {
          jobId: job.id,
          attempt: job.attempts,
          sourcePath: bytes.path,
          destination,
          remotePath: uploadPath,
          resume,
          source: sent,
        },
        { signal, onProgress: context.onProgress },
      );
      learnt = result?.sourceHash;
    } catch (error) {
      transferFailed.abort();
      // What a resumable transfer sent stays for the next attempt to continue from.
      if (resume.holding) partial = null;
      throw error;
    } finally {
      context.onTransferEnd?.();
    }
    const transferred = await apply({ type: "transferred", sizeBytes: sent.size });
    if (transferred === null) return null;

    // Asking SFTP for the hash runs md5sum on the server, reading the file there again (a large
    // file in a local folder: read back whole), and rclone's copy has just compared that very
    // hash with the source's. A transfer that hashed what it sent (our resumable upload)
    // compared nothing: there the server's hash is asked for.
    const checked = fromSource && learnt === undefined;
    const remote = await transport.statRemote(destination, uploadPath, checked ? null : hashType, signal);
    const known = sent.hash ?? learnt ?? null;
    const settled = await settleHash(hashType, known, remote, () => sourceHash.read());
    const source = identityOf(bytes, hashType, settled);
    // Taken after every read of the source, so a change during any of them is seen.
    const after = await fingerprintSource(job.sourcePath);
    if (!sameFingerprint(before, after)) {
      // What arrived may mix old and new bytes: it must not stay where it could pass for ours.
      partial = uploadPath;
      throw sourceChanged(job);
    }
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
      hash: source.hash,
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
 * transfer: md5 hash differ", "source file is being updated"), and one deleted meanwhile in
 * others ("not found"): the change is the real cause.
 */
export async function explainedBySource(
  job: Job,
  before: SourceFingerprint | undefined,
  error: unknown,
): Promise<unknown> {
  if (before === undefined || (error instanceof SyncError && error.code === "SOURCE_CHANGED")) return error;
  let after: SourceFingerprint;
  try {
    after = await fingerprintSource(job.sourcePath);
  } catch (gone) {
    return gone instanceof SyncError && gone.code === "SOURCE_MISSING" ? gone : error;
  }
  return sameFingerprint(before, after) ? error : sourceChanged(job, error);
}

/**
 * A group this job led may have been cut off mid-way (the process died) and left its staging
 * folder, named after it: its next attempt removes it.
 */
export async function removeCrashedStaging(
  context: JobContext,
  job: Job,
  signal: AbortSignal,
): Promise<void> {
  const group = context.transport.group;
  if (group === undefined || !triedBefore(job)) return;
  const staging = stagingFolder(remoteFolderOf(job.remotePath), job.id);
  await group.purgeRemote(context.destination, staging, signal).catch(() => undefined);
}

export function sourceChanged(job: Job, cause?: unknown): SyncError {
  return new SyncError("SOURCE_CHANGED", say("stored.sourceChanged", { path: job.sourcePath }), { cause });
}

export function failureEvent(context: JobContext, job: Job, error: unknown): JobEvent {
  const stalled =
    context.signal.reason instanceof SyncError && context.signal.reason.code === "TRANSFER_STALLED";
  const syncError = stalled
    ? (context.signal.reason as SyncError)
    : context.signal.aborted
      ? new SyncError("TRANSFER_INTERRUPTED", say("stored.transferStopped"), {
          cause: error,
        })
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

export function usesTemporaryName(destination: Destination, traits: DestinationTraits): boolean {
  if (!traits.canMove || destination.tempNames === "never") return false;
  return destination.tempNames === "always" || traits.writesInPlace;
}

/** Best effort: a leftover the next attempt would overwrite anyway, so a failure here is harmless. */
function removePartial(context: JobContext, partial: string): void {
  const signal = AbortSignal.timeout(30_000);
  context.transport.deleteRemote(context.destination, partial, signal).catch(() => undefined);
}

export function retryDelay(context: JobContext, job: Job): number {
  return backoffDelay(job.attempts, context.backoff, context.random);
}

async function applyAndTell(context: JobContext, id: number, event: JobEvent): Promise<Job | null> {
  const next = await applyOwned(context, id, event);
  if (next !== null) context.onChange(next);
  return next;
}
