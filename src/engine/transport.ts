/**
 * How the engine moves and inspects bytes. The real one drives `rclone rcd`; engine unit tests
 * put a fault-injecting one here. Every method that waits takes an AbortSignal, and every
 * failure is a SyncError with a code (see rclone/classify-error.ts).
 */
import type { Destination } from "../domain/destination.js";
import type { ErrorCode } from "../domain/errors.js";

export interface TransferRequest {
  readonly jobId: number;
  readonly attempt: number;
  readonly sourcePath: string;
  readonly destination: Destination;
  /** Path below the destination's root (its base path is already part of the root). */
  readonly remotePath: string;
  /** Bytes per second this one transfer may use (a destination's own limit); absent: no limit of its own. */
  readonly rateLimit?: number;
}

export interface TransferProgress {
  readonly bytesDone: number;
  readonly sizeBytes: number | null;
  /** Bytes per second, as rclone measures it. */
  readonly speed: number;
  readonly etaSeconds: number | null;
}

export interface RemoteFile {
  readonly size: number;
  readonly modTime: string | null;
  readonly hashes: Readonly<Record<string, string>>;
}

export interface DestinationTraits {
  /** A hash type both the local source and the destination compute, or null (verify by size). */
  readonly hashType: string | null;
  /**
   * Whether an upload can leave a partial file under its name if it is cut off (local disks,
   * SFTP, WebDAV …) and the destination can rename server-side: then uploads go to a temporary
   * name first. Object stores only show an object once it is complete.
   */
  readonly writesInPlace: boolean;
  /** Server-side rename is available (needed by temporary names and the `version` policy). */
  readonly canMove: boolean;
}

export interface SpaceInfo {
  readonly totalBytes: number | null;
  readonly usedBytes: number | null;
  readonly freeBytes: number | null;
}

export interface DestinationCheck {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly hashTypes: readonly string[];
  readonly error?: { readonly code: ErrorCode; readonly message: string; readonly hint: string };
}

export interface Transport {
  /** Copies one file; resolves when rclone reports it written. */
  transfer(
    request: TransferRequest,
    options: { readonly signal: AbortSignal; readonly onProgress: (progress: TransferProgress) => void },
  ): Promise<void>;
  /** The remote file, or null when there is none. `hashType` asks for that hash too. */
  statRemote(
    destination: Destination,
    remotePath: string,
    hashType: string | null,
    signal: AbortSignal,
  ): Promise<RemoteFile | null>;
  /** What the destination can do, as far as uploads care (cached per destination). */
  traits(destination: Destination, signal: AbortSignal): Promise<DestinationTraits>;
  /** Renames a file inside the destination (server-side), replacing what is at `to`. */
  moveRemote(destination: Destination, from: string, to: string, signal: AbortSignal): Promise<void>;
  /** Deletes one file at the destination; a file that is not there is not an error. */
  deleteRemote(destination: Destination, remotePath: string, signal: AbortSignal): Promise<void>;
  /** The source file's hash of `hashType`. */
  hashSource(sourcePath: string, hashType: string, signal: AbortSignal): Promise<string>;
  /**
   * Sets the limit on all transfers together (bytes per second; null: none) and returns the
   * limit now in force as the transfer engine reports it. Optional: a transport without it
   * has no global limit.
   */
  setBandwidth?(bytesPerSecond: number | null, signal: AbortSignal): Promise<number | null>;
  /** Total, used and free bytes at the destination; null when the backend does not say. */
  space?(destination: Destination, signal: AbortSignal): Promise<SpaceInfo | null>;
  /** A public link to an uploaded file; throws (LINK_UNSUPPORTED …) where the backend has none. */
  publicLink?(destination: Destination, remotePath: string, signal: AbortSignal): Promise<string>;
  /** Can we reach and use the destination? Never throws: failures come back as `ok: false`. */
  checkDestination(destination: Destination, signal: AbortSignal): Promise<DestinationCheck>;
  close(): Promise<void>;
}
