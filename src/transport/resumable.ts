/**
 * The port of our own resumable transports, beside rclone: one per protocol that can continue
 * an interrupted upload (S3 multipart, SFTP offsets; Dropbox/Drive/OneDrive upload sessions are
 * the next ones). The resumable transport (resumable-transport.ts) opens one per destination from the
 * remote's rclone settings; the engine never sees them.
 */
import type { Destination } from "../domain/destination.js";
import type { ResumeState, TransportKind } from "../domain/resume.js";
import type {
  BandwidthTap,
  DiscardOutcome,
  ResumeLedger,
  TransferProgress,
  TransferRequest,
  TransferSource,
} from "../engine/transport.js";
import type { RemoteSettings } from "./remote-settings.js";

export interface ResumableTransfer {
  readonly request: TransferRequest;
  readonly ledger: ResumeLedger;
  readonly source: TransferSource;
  readonly limiter: BandwidthTap;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: TransferProgress) => void;
  /** Says why a resumable upload starts again from byte 0 (for the log). */
  readonly onRestart: (reason: string) => void;
}

export interface ResumableUpload {
  readonly kind: TransportKind;
  /**
   * Sends the file, continuing what the ledger holds; the object/file is complete and checked at
   * the end. Resolves with the whole file's hash of `source.hashType`, computed over the bytes
   * read to send them (running-hash.ts), or null when that type cannot be computed here.
   */
  upload(transfer: ResumableTransfer): Promise<string | null>;
  /** Aborts what an upload left (S3 multipart upload, SFTP partial file). */
  discard(state: ResumeState, signal: AbortSignal): Promise<DiscardOutcome>;
  /** Renames a file server-side (SFTP posix-rename); absent: rclone moves it. */
  rename?(from: string, to: string, signal: AbortSignal): Promise<void>;
}

export interface ResumableBackend {
  /** The rclone backend types it serves (`s3`, `sftp`). */
  readonly types: readonly string[];
  /** The upload for this remote's settings, or why they cannot be used (rclone then does it). */
  open(settings: RemoteSettings, destination: Destination): ResumableUpload | string;
}
