/**
 * Every error that reaches a user is a SyncError: a stable `code` scripts can match on, a
 * `temporary` flag the engine uses to decide between retrying and failing, a message a
 * photographer understands and a hint of what to do next. rclone's raw text, when there is
 * any, lives in `detail` — always passed through `redactSecrets` first.
 */
import { redactSecrets } from "./redact.js";

export const ERROR_CODES = [
  "SOURCE_MISSING",
  "SOURCE_UNREADABLE",
  "SOURCE_UNSTABLE",
  "SOURCE_CHANGED",
  "REMOTE_UNREACHABLE",
  "REMOTE_NOT_FOUND",
  "AUTH_FAILED",
  "PERMISSION_DENIED",
  "RATE_LIMITED",
  "QUOTA_EXCEEDED",
  "DESTINATION_FULL",
  "TLS_FAILED",
  "NAME_NOT_ALLOWED",
  "NOT_A_FILE",
  "TRANSFER_STALLED",
  "DATA_DIR_FULL",
  "CONFLICT",
  "VERIFY_MISMATCH",
  "TRANSFER_FAILED",
  "TRANSFER_INTERRUPTED",
  "INVALID_PATH",
  "CONFIG_INVALID",
  "CONFIG_MISSING",
  "UNKNOWN_DESTINATION",
  "USAGE",
  "RCLONE_MISSING",
  "RCLONE_FAILED",
  "DATA_DIR_UNUSABLE",
  "DAEMON_RUNNING",
  "SERVICE_FAILED",
  "INTEGRATION_FAILED",
  "STORE_CORRUPT",
  "STORE_LOCKED",
  "STORE_TOO_NEW",
  "STORE_FAILED",
  "STORE_UNAVAILABLE",
  "JOB_NOT_FOUND",
  "BATCH_NOT_FOUND",
  "ILLEGAL_TRANSITION",
  "LEASE_LOST",
  "LINK_UNSUPPORTED",
  "UNKNOWN_REMOTE",
  "REQUEST_INVALID",
  "NOT_FOUND",
  "UNAUTHORIZED",
  "HOST_NOT_ALLOWED",
  "PATH_NOT_ALLOWED",
  "REQUEST_TOO_LARGE",
  "TOO_MANY_STREAMS",
  "SERVER_UNSAFE",
  "SERVER_FAILED",
  "NOTIFY_FAILED",
  "CONFIG_STALE",
  "SIGN_IN_BUSY",
  "SIGN_IN_FAILED",
  "TOKEN_INVALID",
  "IMAGE_UNREADABLE",
  "IMAGE_TOO_LARGE",
  "RENDITION_UNSUPPORTED",
  "RENDITION_FAILED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Who can fix it: the job's own circumstances (`job`), the way the program was called or
 * configured (`usage`), or the machine it runs on (`environment`). The CLI's exit codes follow.
 */
export type ErrorCategory = "job" | "usage" | "environment";

interface CodeInfo {
  readonly temporary: boolean;
  readonly hint: string;
  /** For a temporary code whose hint promises a retry: the hint once the retries are used up. */
  readonly exhaustedHint?: string;
  readonly category?: ErrorCategory;
}

/** Defaults per code; a throw site may give a sharper hint. */
const CODE_INFO: Readonly<Record<ErrorCode, CodeInfo>> = Object.freeze({
  SOURCE_MISSING: {
    temporary: false,
    hint: "Check that the file still exists at that path, then run `junmai-sync retry <job>`.",
  },
  SOURCE_UNREADABLE: {
    temporary: false,
    hint: "Check the file's permissions (can this user read it?), then retry the job. On macOS, a daemon started as a login service also needs Full Disk Access for its node binary to read Pictures, Desktop or external drives (System Settings → Privacy & Security → Full Disk Access).",
  },
  SOURCE_UNSTABLE: {
    temporary: true,
    hint: "The file is still being written; it will be uploaded once it stops changing.",
  },
  SOURCE_CHANGED: {
    temporary: true,
    hint: "The file changed while it uploaded; it will be uploaded again once it is stable.",
  },
  REMOTE_UNREACHABLE: {
    temporary: true,
    hint: "Check the network connection and that the destination's server is up; the job will be retried.",
    exhaustedHint: "Check the network connection and that the destination's server is up.",
  },
  REMOTE_NOT_FOUND: {
    temporary: false,
    hint: "Check the destination's remote name and base path (`junmai-sync doctor`).",
  },
  AUTH_FAILED: {
    temporary: false,
    hint: "The destination refused the credentials: fix the user/password or token in rclone's config (`rclone config`), then `junmai-sync retry --all`.",
  },
  PERMISSION_DENIED: {
    temporary: false,
    hint: "The destination does not allow writing there: check the folder's permissions or choose another base path.",
  },
  RATE_LIMITED: {
    temporary: true,
    hint: "The provider asked us to slow down; uploads continue automatically.",
  },
  QUOTA_EXCEEDED: {
    temporary: false,
    hint: "The destination is full or its daily upload limit is reached: free space or wait for the reset, then `junmai-sync retry --all`.",
  },
  DESTINATION_FULL: {
    temporary: false,
    hint: "Free space at the destination (or raise its quota); its uploads resume by themselves once there is room, or at once with `junmai-sync retry --all`.",
  },
  TLS_FAILED: {
    temporary: false,
    hint: "The secure connection was refused: trust the server's certificate (rclone's `--ca-cert`, or `AWS_CA_BUNDLE` for S3, which junmai-sync hands to rclone), fix the URL, or set the remote's `no_check_certificate` only for a server you control; then restart the daemon or press Retry.",
  },
  NAME_NOT_ALLOWED: {
    temporary: false,
    hint: "The destination refuses this file or folder name or path length (OneDrive: 400 characters; Windows names such as CON or a trailing dot): rename it, or choose a shorter --subpath.",
  },
  NOT_A_FILE: {
    temporary: false,
    hint: "Only regular files are uploaded: pipes, sockets and devices are skipped.",
  },
  TRANSFER_STALLED: {
    temporary: true,
    hint: "No bytes moved for too long (`engine.stallSeconds`); the transfer was stopped and will be retried.",
    exhaustedHint:
      "No bytes moved for too long (`engine.stallSeconds`); check the network and the destination.",
  },
  DATA_DIR_FULL: {
    temporary: true,
    category: "environment",
    hint: "The disk holding the data directory is full or not writable: free space there; the daemon takes new work again by itself, and nothing queued is lost.",
  },
  CONFLICT: {
    temporary: false,
    hint: "A different file already exists at that remote path; rename it or change the destination's conflict policy.",
  },
  VERIFY_MISMATCH: {
    temporary: true,
    hint: "The uploaded copy did not match the source (size or hash); it will be uploaded again.",
  },
  TRANSFER_FAILED: {
    temporary: true,
    hint: "The transfer failed for a reason rclone did not classify; see the detail. It will be retried.",
    exhaustedHint: "The transfer failed for a reason rclone did not classify; see the detail.",
  },
  TRANSFER_INTERRUPTED: {
    temporary: true,
    hint: "The transfer was interrupted (rclone restarted or the process stopped); it will be resumed.",
  },
  INVALID_PATH: {
    temporary: false,
    category: "usage",
    hint: "Use a relative path without `..`, drive letters or control characters.",
  },
  CONFIG_INVALID: {
    temporary: false,
    category: "usage",
    hint: "Fix the named key in the config file; `docs/config.md` lists every option.",
  },
  CONFIG_MISSING: {
    temporary: false,
    category: "usage",
    hint: "Check the path given with --config or JUNMAI_SYNC_CONFIG.",
  },
  IMAGE_UNREADABLE: {
    temporary: false,
    hint: "The file is damaged, empty or not the image its name says: export it again, then retry the job. The destinations that take the original are not affected.",
  },
  IMAGE_TOO_LARGE: {
    temporary: false,
    hint: "The image has more pixels than `engine.renditionMaxMegapixels` allows (it guards memory); raise it if this machine has the memory, or export a smaller file.",
  },
  RENDITION_UNSUPPORTED: {
    temporary: false,
    hint: 'Renditions are made from JPEG, PNG, WebP, AVIF, TIFF and GIF; set `onUnsupported: "original"` on the destination to send other files unchanged.',
  },
  RENDITION_FAILED: {
    temporary: false,
    hint: "The image library could not make the rendition; see the detail, then retry the job.",
  },
  LINK_UNSUPPORTED: {
    temporary: false,
    hint: "This backend cannot make public links (local folders, SFTP, plain WebDAV); set `link: false` on the destination, or use one that can (Dropbox, Google Drive, OneDrive, S3 …).",
  },
  UNKNOWN_REMOTE: {
    temporary: false,
    category: "usage",
    hint: "`junmai-sync remote list` shows the remotes in your rclone.conf; `junmai-sync remote add` creates one.",
  },
  UNKNOWN_DESTINATION: {
    temporary: false,
    category: "usage",
    hint: "Use one of the configured destination names, or add one to the config file.",
  },
  USAGE: {
    temporary: false,
    category: "usage",
    hint: "Run `junmai-sync --help` for usage.",
  },
  RCLONE_MISSING: {
    temporary: false,
    category: "environment",
    hint: [
      "Install rclone 1.60 or newer:",
      "  Debian/Ubuntu: sudo apt-get install rclone",
      "  macOS:         brew install rclone",
      "  Windows:       winget install Rclone.Rclone",
      "or put its folder on PATH.",
    ].join("\n"),
  },
  RCLONE_FAILED: {
    temporary: true,
    category: "environment",
    hint: "rclone's remote-control process failed; it is restarted automatically. If this repeats, run `junmai-sync doctor`.",
  },
  DATA_DIR_UNUSABLE: {
    temporary: false,
    category: "environment",
    hint: "Choose a writable data directory with --data-dir or JUNMAI_SYNC_DATA_DIR.",
  },
  DAEMON_RUNNING: {
    temporary: false,
    category: "environment",
    hint: "Use the running daemon (`junmai-sync status`, the dashboard), stop it first, or give this one its own data directory with --data-dir.",
  },
  SERVICE_FAILED: {
    temporary: false,
    category: "environment",
    hint: "Run `junmai-sync service install --dry-run` to see the file and the commands, and `junmai-sync service status` for the state.",
  },
  INTEGRATION_FAILED: {
    temporary: false,
    category: "environment",
    hint: "Run the same command with --dry-run to see the script, and save it by hand where the application looks for it.",
  },
  STORE_CORRUPT: {
    temporary: false,
    category: "environment",
    hint: "The queue database is damaged. It was left untouched: run `junmai-sync repair` (it keeps the damaged file next to it and recovers every readable job), or restore a backup.",
  },
  STORE_LOCKED: {
    temporary: true,
    category: "environment",
    hint: "Another process holds the queue database locked for too long; try again, or check for a stuck junmai-sync process.",
  },
  STORE_TOO_NEW: {
    temporary: false,
    category: "environment",
    hint: "The queue database was written by a newer junmai-sync; upgrade this installation.",
  },
  STORE_FAILED: {
    temporary: true,
    category: "environment",
    hint: "The queue database could not be written (disk full?); free space and try again.",
  },
  STORE_UNAVAILABLE: {
    temporary: true,
    category: "environment",
    hint: "The queue database cannot be reached; workers wait and resume by themselves. Check the database server and the network.",
  },
  JOB_NOT_FOUND: {
    temporary: false,
    category: "usage",
    hint: "List jobs with `junmai-sync status --json`.",
  },
  BATCH_NOT_FOUND: {
    temporary: false,
    category: "usage",
    hint: "List batches with `junmai-sync status --json`.",
  },
  ILLEGAL_TRANSITION: {
    temporary: false,
    category: "usage",
    hint: "The job is not in a state that allows this; check it with `junmai-sync status <job>`.",
  },
  LEASE_LOST: {
    temporary: true,
    hint: "Another worker took over this job after its lease expired; nothing to do.",
  },
  CONFIG_STALE: {
    temporary: false,
    category: "usage",
    hint: "The config changed since you read it (another editor, or the file itself): load it again, redo your change, and save.",
  },
  SIGN_IN_BUSY: {
    temporary: false,
    category: "usage",
    hint: "Finish or close the sign-in that is waiting (it gives up by itself after 5 minutes), then try again.",
  },
  SIGN_IN_FAILED: {
    temporary: false,
    category: "usage",
    hint: "Nothing was saved. Try the sign-in again; if the provider keeps refusing, use the token from `rclone authorize` instead.",
  },
  TOKEN_INVALID: {
    temporary: false,
    category: "usage",
    hint: 'Paste what `rclone authorize` printed: the JSON between `--->` and `<---End paste`, starting with {"access_token":…}.',
  },
  REQUEST_INVALID: {
    temporary: false,
    category: "usage",
    hint: "Fix the named field; the API is described at /api/v1/openapi.json.",
  },
  NOT_FOUND: {
    temporary: false,
    category: "usage",
    hint: "The API lives under /api/v1; /api/v1/openapi.json lists every route.",
  },
  UNAUTHORIZED: {
    temporary: false,
    category: "usage",
    hint: "Send the API token as `Authorization: Bearer <token>`; `junmai-sync token` prints it.",
  },
  HOST_NOT_ALLOWED: {
    temporary: false,
    category: "usage",
    hint: "Open the dashboard as http://127.0.0.1:<port>/ or http://localhost:<port>/; other host names are refused on a loopback-only server.",
  },
  PATH_NOT_ALLOWED: {
    temporary: false,
    category: "usage",
    hint: "A server reachable beyond this computer uploads only from the folders in `server.allowedRoots`; add the folder there, or queue the files on the daemon's own machine.",
  },
  REQUEST_TOO_LARGE: {
    temporary: false,
    category: "usage",
    hint: "Request bodies are capped at 1 MiB: send the paths of folders rather than every file, or split the call.",
  },
  TOO_MANY_STREAMS: {
    temporary: true,
    category: "usage",
    hint: "Each client may keep a few live-event streams open (the server as a whole a few dozen): close other dashboard tabs, then reload.",
  },
  SERVER_UNSAFE: {
    temporary: false,
    category: "usage",
    hint: "Listening beyond this computer needs a strong API token: let junmai-sync create one (unset JUNMAI_SYNC_API_TOKEN) or set one of at least 32 characters, and keep its file private (mode 0600).",
  },
  SERVER_FAILED: {
    temporary: false,
    category: "environment",
    hint: "Choose another address or port with `server.port` in the config or `--listen 127.0.0.1:PORT`; uploads go on without the dashboard.",
  },
  NOTIFY_FAILED: {
    temporary: true,
    hint: "Check the notification channel's URL or server; messages are retried and never hold up uploads.",
  },
});

export interface SyncErrorOptions {
  readonly hint?: string;
  readonly detail?: string;
  readonly temporary?: boolean;
  readonly cause?: unknown;
  /** The provider said when to come back (HTTP Retry-After), in milliseconds from now. */
  readonly retryAfterMs?: number;
}

/** The serialisable shape of an error, as stored on a job and shown in `status --json`. */
export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
  readonly temporary: boolean;
  readonly detail?: string;
  /** Only while the error is fresh (never stored): the provider's Retry-After. */
  readonly retryAfterMs?: number;
}

export class SyncError extends Error {
  override readonly name = "SyncError";
  readonly code: ErrorCode;
  readonly temporary: boolean;
  readonly hint: string;
  readonly detail: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: SyncErrorOptions = {}) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    const info = CODE_INFO[code];
    this.code = code;
    this.temporary = options.temporary ?? info.temporary;
    this.hint = options.hint ?? info.hint;
    this.detail = options.detail === undefined ? undefined : redactSecrets(options.detail);
    this.retryAfterMs = options.retryAfterMs;
  }

  toInfo(): ErrorInfo {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      temporary: this.temporary,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }

  toJSON(): ErrorInfo {
    return this.toInfo();
  }
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

export function defaultHint(code: ErrorCode): string {
  return CODE_INFO[code].hint;
}

/**
 * A temporary error that used up the job's retries: nothing more happens by itself, so the hint
 * says what a person does next instead of promising another try.
 */
export function retriesExhausted(error: ErrorInfo, attempts: number): ErrorInfo {
  const info = CODE_INFO[error.code];
  const base = error.hint === info.hint ? (info.exhaustedHint ?? error.hint) : error.hint;
  return {
    ...error,
    hint: `${base} ${attempts === 1 ? "Its one attempt" : `All ${attempts} attempts`} failed: retry it once that is fixed (Retry in the dashboard, or \`junmai-sync retry --all\`).`,
  };
}

export function errorCategory(code: ErrorCode): ErrorCategory {
  return CODE_INFO[code].category ?? "job";
}

/** Wraps anything thrown into a SyncError, keeping the original as `cause`. */
export function toSyncError(error: unknown, fallback: ErrorCode = "TRANSFER_FAILED"): SyncError {
  if (isSyncError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SyncError(fallback, message, { cause: error });
}
