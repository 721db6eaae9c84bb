/**
 * Before a byte moves: is the file already there, and if a different file is, what does the
 * destination's conflict policy say? The answer names the remote path the upload goes to.
 */
import { conflictAction, renamedPath, versionPath } from "../domain/conflict.js";
import type { Delivery } from "../domain/delivery.js";
import type { Destination } from "../domain/destination.js";
import { describeRemotePath } from "../domain/destination.js";
import { SyncError } from "../domain/errors.js";
import type { Job } from "../domain/job.js";
import { say } from "../i18n/message.js";
import type { JobStore } from "../store/job-store.js";
import type { DestinationTraits, RemoteFile, Transport } from "./transport.js";
import { isIdentical, MODTIME_TOLERANCE_MS, type SourceIdentity } from "./verify.js";

export type Target =
  /** An identical file is already at `remotePath` (ours from an earlier attempt, or not). */
  | { readonly kind: "present"; readonly remotePath: string; readonly remote: RemoteFile }
  /** A different file is there and the policy keeps it. */
  | { readonly kind: "keep"; readonly reason: SyncError }
  /** Upload to `remotePath`; first move the file there to `versionTo`, when set. */
  | { readonly kind: "upload"; readonly remotePath: string; readonly versionTo?: string };

/** `name (1).ext` … `name (999).ext`: past that, something is wrong and a person should look. */
const MAX_RENAMES = 999;

export interface TargetContext {
  readonly store: JobStore;
  readonly transport: Transport;
  readonly destination: Destination;
  readonly traits: DestinationTraits;
  readonly now: number;
  /** An earlier attempt of this job ran (and may have been killed mid-write). */
  readonly triedBefore: boolean;
  readonly signal: AbortSignal;
}

/**
 * `unhashed` is the source without its hash (a fresh upload hashes while it reads): `hashed`
 * gives it with its hash, and is called only when a file of the source's size is already at a
 * name it could go to — the one case where the source must be compared before a byte moves
 * (a file of another size is different whatever its hash).
 */
export async function chooseTarget(
  context: TargetContext,
  job: Job,
  unhashed: SourceIdentity,
  hashed: () => Promise<SourceIdentity> = async () => unhashed,
): Promise<Target> {
  const { transport, destination, signal } = context;
  const stat = (remotePath: string) =>
    transport.statRemote(destination, remotePath, unhashed.hashType, signal);

  // The source is hashed only for a file of its size: another size differs whatever its hash.
  const identical = async (remote: RemoteFile) =>
    isIdentical(remote, remote.size === unhashed.size ? await hashed() : unhashed);

  const existing = await stat(job.remotePath);
  if (existing === null) return { kind: "upload", remotePath: job.remotePath };
  if (await identical(existing)) return { kind: "present", remotePath: job.remotePath, remote: existing };

  const delivery = await context.store.findDelivery(destination.name, job.remotePath);
  const ours =
    (delivery !== undefined &&
      delivery.sourcePath === job.sourcePath &&
      stillAsDelivered(existing, delivery)) ||
    (context.triedBefore && interruptedWrite(existing, job, unhashed));
  const where = describeRemotePath(destination, job.remotePath);
  switch (conflictAction(destination.onConflict, ours)) {
    case "overwrite":
      return { kind: "upload", remotePath: job.remotePath };
    case "skip":
      return {
        kind: "keep",
        reason: new SyncError("CONFLICT", say("stored.conflictKept", { where })),
      };
    case "version":
      if (!context.traits.canMove) {
        throw new SyncError("CONFLICT", say("stored.conflictNoVersion", { where }), {
          hint: say("faults.conflictNoVersionHint"),
        });
      }
      return {
        kind: "upload",
        remotePath: job.remotePath,
        versionTo: versionPath(job.remotePath, context.now),
      };
    case "rename":
      // An earlier attempt of this job may already have delivered under one of these names.
      for (let n = 1; n <= MAX_RENAMES; n += 1) {
        const candidate = renamedPath(job.remotePath, n);
        const there = await stat(candidate);
        if (there === null) return { kind: "upload", remotePath: candidate };
        if (await identical(there)) return { kind: "present", remotePath: candidate, remote: there };
      }
      throw new SyncError("CONFLICT", say("stored.conflictTooManyCopies", { where, count: MAX_RENAMES }));
  }
}

/** Is the remote file still the one the ledger says we delivered (nobody replaced it since)? */
function stillAsDelivered(remote: RemoteFile, delivery: Delivery): boolean {
  if (remote.size !== delivery.sizeBytes) return false;
  const remoteHash = delivery.hashType === null ? undefined : remote.hashes[delivery.hashType];
  if (remoteHash !== undefined && remoteHash !== "" && delivery.hash !== null) {
    return remoteHash.toLowerCase() === delivery.hash.toLowerCase();
  }
  if (remote.modTime === null || delivery.remoteModTime === null) return false;
  return Math.abs(Date.parse(remote.modTime) - Date.parse(delivery.remoteModTime)) <= MODTIME_TOLERANCE_MS;
}

/**
 * What a killed attempt of this job left under the final name, where no temporary name could
 * be used: a short file, or a whole one the orphaned rclone finished after we died — on a
 * remote with no hash and no settable modtime (plain WebDAV) it cannot be proven identical.
 * Either was written after the job first started and is no larger than the source: ours, to
 * be replaced. (A same-size file is sent again rather than trusted by size alone: a re-exported
 * TIFF keeps its size.)
 */
function interruptedWrite(remote: RemoteFile, job: Job, source: SourceIdentity): boolean {
  if (job.startedAt === null || remote.modTime === null || remote.size > source.size) return false;
  return Date.parse(remote.modTime) >= job.startedAt - MODTIME_TOLERANCE_MS;
}
