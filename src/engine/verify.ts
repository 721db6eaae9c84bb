/**
 * What "the same file" means. With a hash type both sides compute: size and hash. Without
 * one (e.g. a plain WebDAV server): size, and for the pre-upload identity check also the
 * modification time, so a different file of the same size is never taken for ours.
 */
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import type { RemoteFile } from "./transport.js";

export interface SourceIdentity {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hashType: string | null;
  readonly hash: string | null;
}

/** Remote modification times are often truncated to the second (or two, on FAT). */
export const MODTIME_TOLERANCE_MS = 2_000;

/** Is the file already at the destination identical to the source? Then we need not upload. */
export function isIdentical(remote: RemoteFile | null, source: SourceIdentity): boolean {
  if (remote === null || remote.size !== source.size) return false;
  const remoteHash = source.hashType === null ? undefined : remote.hashes[source.hashType];
  if (remoteHash !== undefined && remoteHash !== "" && source.hash !== null) {
    return remoteHash.toLowerCase() === source.hash.toLowerCase();
  }
  if (remote.modTime === null) return false;
  return Math.abs(Date.parse(remote.modTime) - source.mtimeMs) <= MODTIME_TOLERANCE_MS;
}

/** After an upload: the remote copy must exist, match in size, and in hash where both have one. */
export function verifyUploaded(
  remote: RemoteFile | null,
  source: SourceIdentity,
  describe: string,
): SyncError | null {
  if (remote === null) {
    return new SyncError("VERIFY_MISMATCH", say("stored.verifyMissing", { what: describe }));
  }
  if (remote.size !== source.size) {
    return new SyncError(
      "VERIFY_MISMATCH",
      say("stored.verifySize", { what: describe, remote: remote.size, source: source.size }),
    );
  }
  if (source.hashType !== null && source.hash !== null) {
    const remoteHash = remote.hashes[source.hashType];
    if (
      remoteHash !== undefined &&
      remoteHash !== "" &&
      remoteHash.toLowerCase() !== source.hash.toLowerCase()
    ) {
      return new SyncError(
        "VERIFY_MISMATCH",
        say("stored.verifyHash", { what: describe, hashType: source.hashType }),
      );
    }
  }
  return null;
}
