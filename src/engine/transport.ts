/**
 * How the engine moves and inspects bytes. The real one drives `rclone rcd`; engine unit tests
 * put a fault-injecting one here. Every method that waits takes an AbortSignal, and every
 * failure is a SyncError with a code (see rclone/classify-error.ts).
 */
import type { Destination } from "../domain/destination.js";
import type { ErrorCode, SyncError } from "../domain/errors.js";
import type { NewResumeState, ResumeState, TransportKind, UploadedPart } from "../domain/resume.js";

/**
 * A job's record of its resumable upload, kept in the store: a transport that can continue an
 * interrupted upload (S3 multipart, SFTP offsets) writes what the server confirmed here before
 * it counts the bytes as sent, and reads it back on the next attempt, in whatever process.
 */
export interface ResumeLedger {
  load(): Promise<ResumeState | undefined>;
  /** Starts (or replaces) the upload's record; parts of an earlier upload are forgotten. */
  begin(state: Omit<NewResumeState, "jobId" | "destination" | "createdAt">): Promise<void>;
  recordPart(uploadId: string, part: UploadedPart): Promise<void>;
  /** The upload completed, or was given up: nothing left to resume. */
  end(): Promise<void>;
  /** Which transport moves the bytes, and from which byte it resumed (null: from 0). */
  started(transport: TransportKind, resumedFrom: number | null): Promise<void>;
  /** True from `begin` until `end`: a failure now leaves something a later attempt resumes. */
  readonly holding: boolean;
}

/**
 * The source as the job saw it before the transfer: a resumed upload must be of the same bytes.
 * `hash` is known only when something made the engine hash the file first (a file already at
 * the remote name); a fresh upload's is null, and the transfer finds it while reading.
 */
export interface TransferSource {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hashType: string | null;
  readonly hash: string | null;
}

/**
 * What a transfer learnt while it moved the bytes. The engine hashes nothing before an upload
 * it does not need to (a large file would be read twice): the source's hash comes from the
 * transfer. A transport computes `sourceHash` (of the request's `source.hashType`) over the
 * bytes it read and sent, or — returning none — guarantees what rclone's copy does: it compared
 * the hash of the bytes it read with the hash the destination reports for the file, wherever
 * both have one, and failed on a difference; the destination's hash then stands for the source's.
 */
export interface TransferResult {
  readonly sourceHash?: string;
}

/**
 * The destination's bandwidth budget, handed to each transfer (engine/bandwidth-budget.ts).
 * rclone transfers ignore it: the destination's rclone is limited as a whole. A transport that
 * sends the bytes itself (a resumable upload session) calls `take` before each chunk; from the
 * first call the upload counts against the destination's budget as one of its own, and the
 * destination's rate (and the global limit) is shared between it and the rclone uploads.
 */
export interface BandwidthTap {
  /** Waits until `bytes` may be sent at the destination's rate (the global limit included). */
  take(bytes: number, signal: AbortSignal): Promise<void>;
}

export interface TransferRequest {
  readonly jobId: number;
  readonly attempt: number;
  readonly sourcePath: string;
  readonly destination: Destination;
  /** Path below the destination's root (its base path is already part of the root). */
  readonly remotePath: string;
  /** Set by the engine: this upload's draw on the destination's bandwidth. */
  readonly bandwidth?: BandwidthTap;
  /** Where the transport may keep what it needs to resume; absent: it starts from 0. */
  readonly resume?: ResumeLedger;
  readonly source?: TransferSource;
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
  /**
   * Whether a few names are cheaper to look up one by one than by listing their folder (servers
   * with real folders: local, SFTP, WebDAV …). Checking a group's names against a folder that
   * grows with every group would otherwise list it whole each time.
   */
  readonly lookupByName?: boolean;
  /**
   * Whether the destination hashes a file only when asked, by reading it again (SFTP runs
   * `md5sum` on the server for each file, one after another in a listing) rather than keeping
   * its hash. A group, and a lone file whose transfer returned no hash of its own, then take the
   * sources' hashes instead (a lone file's is read beside its copy): the transfer has already
   * compared the two (TransferResult). A transfer that returned its own hash (our resumable
   * uploads) is still checked against the destination's.
   */
  readonly hashesOnRequest?: boolean;
  /**
   * From this size on (bytes), a file's hash is read from its source, as with `hashesOnRequest`:
   * the destination hashes by reading the file again (a local folder, a NAS mounted as one),
   * which for a large file is a second pass over all of it after the copy, on one core. A small
   * copy is read back from memory for little; a large one's source is hashed instead, beside its
   * copy on the other core (in a group, several at once after the copy).
   */
  readonly sourceHashFrom?: number;
  /**
   * Whether each folder rclone opens on the destination is a remote with connections of its own
   * (SFTP: an SSH handshake and login each). A group's staging folder would open one per group,
   * several at once, and OpenSSH starts refusing logins once 10 are in progress (`MaxStartups`):
   * its files go one by one instead, through the destination's own remote and its connections.
   */
  readonly connectsPerFolder?: boolean;
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
  readonly error?: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly hint: string;
    /** rclone's own words, redacted. */
    readonly detail?: string;
  };
}

/** Files of one source folder copied, under their own names, into one remote folder together. */
export interface GroupTransferRequest {
  /** Names the transfer (its stats group); unique while it runs. */
  readonly groupId: string;
  readonly sourceDir: string;
  /** File names inside `sourceDir`; they arrive under the same names. */
  readonly names: readonly string[];
  readonly destination: Destination;
  /** Folder below the destination's root. */
  readonly remoteDir: string;
  /** Files in flight at once. */
  readonly transfers: number;
  /** Set by the engine: the group's draw on the destination's bandwidth (as for one transfer). */
  readonly bandwidth?: BandwidthTap;
}

/** A file in a folder listing: a file, or a directory in the way of one. */
export type ListedEntry = RemoteFile | "directory";

/**
 * Many small files cost rclone almost nothing and us a round trip each: a group moves a folder's
 * worth of files in one call and checks them with one listing. Optional; without it every job
 * runs on its own.
 */
export interface GroupTransport {
  /**
   * Copies the files; resolves with each name's failure, if any. A name rclone never reported
   * on is absent: only a listing afterwards can say whether it arrived. Throws only when the
   * call was stopped through `signal`, as TRANSFER_INTERRUPTED, after collecting what finished.
   */
  transferGroup(
    request: GroupTransferRequest,
    options: {
      readonly signal: AbortSignal;
      readonly onProgress: (name: string, progress: TransferProgress) => void;
    },
  ): Promise<GroupTransferResult>;
  /**
   * The entries among `names` (all when null) in a remote folder; an absent folder lists empty.
   * `byName`: look the names up one by one rather than list the folder (`traits.lookupByName`).
   */
  listRemote(
    destination: Destination,
    remoteDir: string,
    names: readonly string[] | null,
    hashType: string | null,
    signal: AbortSignal,
    byName?: boolean,
  ): Promise<ReadonlyMap<string, ListedEntry>>;
  /**
   * Moves the named files from one remote folder to another (server-side), as one call. Which
   * moved is for a listing to say: the call's error, if any, comes back, never thrown.
   */
  moveGroup(
    destination: Destination,
    fromDir: string,
    toDir: string,
    names: readonly string[],
    transfers: number,
    signal: AbortSignal,
  ): Promise<SyncError | null>;
  /** Removes a remote folder and all in it; a folder that is not there is not an error. */
  purgeRemote(destination: Destination, remoteDir: string, signal: AbortSignal): Promise<void>;
}

export interface GroupTransferResult {
  /** Files rclone reported failed, by name. */
  readonly failed: ReadonlyMap<string, SyncError>;
  /** Set when the call as a whole failed (the destination unreachable …): the fate of unlisted names. */
  readonly callError: SyncError | null;
  /**
   * False when the group was larger than the report of finished files can hold (rclone keeps
   * the last 100 of a group): a name that neither arrived nor is in `failed` may then have
   * failed with an error that is no longer known. Absent: every finished file was reported.
   */
  readonly everyFileReported?: boolean;
}

/** `unsupported`: the server cannot abort (its parts stay until a lifecycle rule removes them). */
export type DiscardOutcome = "discarded" | "gone" | "unsupported";

export interface Transport {
  /** Group transfers, where this transport can do them. */
  readonly group?: GroupTransport;
  /**
   * Copies one file; resolves when it is written, with what it learnt of the source (see
   * TransferResult: either the source's hash, or the promise that the destination's was checked).
   */
  transfer(
    request: TransferRequest,
    options: { readonly signal: AbortSignal; readonly onProgress: (progress: TransferProgress) => void },
  ): Promise<TransferResult>;
  /** The remote file, or null when there is none. `hashType` asks for that hash too. */
  statRemote(
    destination: Destination,
    remotePath: string,
    hashType: string | null,
    signal: AbortSignal,
  ): Promise<RemoteFile | null>;
  /** What the destination can do, as far as uploads care (cached per destination). */
  traits(destination: Destination, signal: AbortSignal): Promise<DestinationTraits>;
  /** The destination's traits if they were read already (never reads). Optional: absent, unknown. */
  knownTraits?(destination: Destination): DestinationTraits | undefined;
  /** Renames a file inside the destination (server-side), replacing what is at `to`. */
  moveRemote(destination: Destination, from: string, to: string, signal: AbortSignal): Promise<void>;
  /** Deletes one file at the destination; a file that is not there is not an error. */
  deleteRemote(destination: Destination, remotePath: string, signal: AbortSignal): Promise<void>;
  /**
   * The source file's hash of `hashType`: one whole read of the file. The engine asks only when
   * it must know before an upload (a file is already at the remote name) or when neither the
   * transfer nor the destination gave one.
   */
  hashSource(sourcePath: string, hashType: string, signal: AbortSignal): Promise<string>;
  /**
   * Sets the limit on transfers together (bytes per second; null: none) and returns the limit
   * now in force as the transfer engine reports it. With `destination`, on that destination's
   * transfers alone (from then on they run apart from the others); without, on the transfers of
   * every destination without one. Optional: a transport without it has no limits.
   */
  setBandwidth?(
    bytesPerSecond: number | null,
    signal: AbortSignal,
    destination?: Destination,
  ): Promise<number | null>;
  /** Total, used and free bytes at the destination; null when the backend does not say. */
  space?(destination: Destination, signal: AbortSignal): Promise<SpaceInfo | null>;
  /** A public link to an uploaded file; throws (LINK_UNSUPPORTED …) where the backend has none. */
  publicLink?(destination: Destination, remotePath: string, signal: AbortSignal): Promise<string>;
  /**
   * True when a file of this size to this destination is moved by a transport of its own (a
   * resumable one), which hashes the bytes it sends (TransferResult): it then never travels in a
   * group transfer, and its source is not hashed beside it. Optional: absent, false.
   */
  transfersAlone?(destination: Destination, sizeBytes: number): boolean;
  /**
   * Gives up a resumable upload whose job is over or expired: aborts the S3 multipart upload,
   * removes the SFTP partial file. Resolves with what happened, for the log.
   */
  discardResume?(state: ResumeState, destination: Destination, signal: AbortSignal): Promise<DiscardOutcome>;
  /** Can we reach and use the destination? Never throws: failures come back as `ok: false`. */
  checkDestination(destination: Destination, signal: AbortSignal): Promise<DestinationCheck>;
  close(): Promise<void>;
}
