/**
 * Every error that reaches a user is a SyncError: a stable `code` scripts can match on, a
 * `temporary` flag the engine uses to decide between retrying and failing, a message a
 * photographer understands and a hint of what to do next. rclone's raw text, when there is
 * any, lives in `detail` — always passed through `redactSecrets` first.
 */
import { en } from "../i18n/en/index.js";
import { fill, type MessageKey, type MessageRef, paramsOf } from "../i18n/message.js";
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
  readonly category?: ErrorCategory;
}

/**
 * Defaults per code. The hints are in the message catalogue (`errors.<CODE>.hint`, and
 * `errors.<CODE>.exhausted` for a temporary code whose hint promises a retry), so each reader gets
 * them in their language; `hint` here is the English text, for JSON and logs. A throw site may
 * give a sharper hint.
 */
const CODE_INFO: Readonly<Record<ErrorCode, CodeInfo>> = Object.freeze({
  SOURCE_MISSING: {
    temporary: false,
  },
  SOURCE_UNREADABLE: {
    temporary: false,
  },
  SOURCE_UNSTABLE: {
    temporary: true,
  },
  SOURCE_CHANGED: {
    temporary: true,
  },
  REMOTE_UNREACHABLE: {
    temporary: true,
  },
  REMOTE_NOT_FOUND: {
    temporary: false,
  },
  AUTH_FAILED: {
    temporary: false,
  },
  PERMISSION_DENIED: {
    temporary: false,
  },
  RATE_LIMITED: {
    temporary: true,
  },
  QUOTA_EXCEEDED: {
    temporary: false,
  },
  DESTINATION_FULL: {
    temporary: false,
  },
  TLS_FAILED: {
    temporary: false,
  },
  NAME_NOT_ALLOWED: {
    temporary: false,
  },
  NOT_A_FILE: {
    temporary: false,
  },
  TRANSFER_STALLED: {
    temporary: true,
  },
  DATA_DIR_FULL: {
    temporary: true,
    category: "environment",
  },
  CONFLICT: {
    temporary: false,
  },
  VERIFY_MISMATCH: {
    temporary: true,
  },
  TRANSFER_FAILED: {
    temporary: true,
  },
  TRANSFER_INTERRUPTED: {
    temporary: true,
  },
  INVALID_PATH: {
    temporary: false,
    category: "usage",
  },
  CONFIG_INVALID: {
    temporary: false,
    category: "usage",
  },
  CONFIG_MISSING: {
    temporary: false,
    category: "usage",
  },
  IMAGE_UNREADABLE: {
    temporary: false,
  },
  IMAGE_TOO_LARGE: {
    temporary: false,
  },
  RENDITION_UNSUPPORTED: {
    temporary: false,
  },
  RENDITION_FAILED: {
    temporary: false,
  },
  LINK_UNSUPPORTED: {
    temporary: false,
  },
  UNKNOWN_REMOTE: {
    temporary: false,
    category: "usage",
  },
  UNKNOWN_DESTINATION: {
    temporary: false,
    category: "usage",
  },
  USAGE: {
    temporary: false,
    category: "usage",
  },
  RCLONE_MISSING: {
    temporary: false,
    category: "environment",
  },
  RCLONE_FAILED: {
    temporary: true,
    category: "environment",
  },
  DATA_DIR_UNUSABLE: {
    temporary: false,
    category: "environment",
  },
  DAEMON_RUNNING: {
    temporary: false,
    category: "environment",
  },
  SERVICE_FAILED: {
    temporary: false,
    category: "environment",
  },
  INTEGRATION_FAILED: {
    temporary: false,
    category: "environment",
  },
  STORE_CORRUPT: {
    temporary: false,
    category: "environment",
  },
  STORE_LOCKED: {
    temporary: true,
    category: "environment",
  },
  STORE_TOO_NEW: {
    temporary: false,
    category: "environment",
  },
  STORE_FAILED: {
    temporary: true,
    category: "environment",
  },
  STORE_UNAVAILABLE: {
    temporary: true,
    category: "environment",
  },
  JOB_NOT_FOUND: {
    temporary: false,
    category: "usage",
  },
  BATCH_NOT_FOUND: {
    temporary: false,
    category: "usage",
  },
  ILLEGAL_TRANSITION: {
    temporary: false,
    category: "usage",
  },
  LEASE_LOST: {
    temporary: true,
  },
  CONFIG_STALE: {
    temporary: false,
    category: "usage",
  },
  SIGN_IN_BUSY: {
    temporary: false,
    category: "usage",
  },
  SIGN_IN_FAILED: {
    temporary: false,
    category: "usage",
  },
  TOKEN_INVALID: {
    temporary: false,
    category: "usage",
  },
  REQUEST_INVALID: {
    temporary: false,
    category: "usage",
  },
  NOT_FOUND: {
    temporary: false,
    category: "usage",
  },
  UNAUTHORIZED: {
    temporary: false,
    category: "usage",
  },
  HOST_NOT_ALLOWED: {
    temporary: false,
    category: "usage",
  },
  PATH_NOT_ALLOWED: {
    temporary: false,
    category: "usage",
  },
  REQUEST_TOO_LARGE: {
    temporary: false,
    category: "usage",
  },
  TOO_MANY_STREAMS: {
    temporary: true,
    category: "usage",
  },
  SERVER_UNSAFE: {
    temporary: false,
    category: "usage",
  },
  SERVER_FAILED: {
    temporary: false,
    category: "environment",
  },
  NOTIFY_FAILED: {
    temporary: true,
  },
});

export interface SyncErrorOptions {
  /** A sharper hint than the code's: English text, or a catalogue message (rendered per reader). */
  readonly hint?: string | MessageRef;
  readonly detail?: string;
  readonly temporary?: boolean;
  readonly cause?: unknown;
  /** The provider said when to come back (HTTP Retry-After), in milliseconds from now. */
  readonly retryAfterMs?: number;
}

/**
 * The serialisable shape of an error, as stored on a job and shown in `status --json`.
 * `message` and `hint` are English (scripts and logs read them); `says` and `hintSays` name the
 * same sentences by catalogue key, so an edge shows them in its reader's language. They are
 * absent where the text has no catalogue entry (rclone's own words) and on errors stored before
 * the queue kept them (schema version 10): those are recognised by their English text.
 */
export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
  readonly temporary: boolean;
  readonly detail?: string;
  /** Only while the error is fresh (never stored): the provider's Retry-After. */
  readonly retryAfterMs?: number;
  /** The message as a catalogue entry, its parameters redacted as the message is. */
  readonly says?: MessageRef;
  /** The hint as a catalogue entry (without the sentence `attemptsFailed` adds). */
  readonly hintSays?: MessageRef;
  /** The job's retries were used up after this many attempts: the hint ends by saying so. */
  readonly attemptsFailed?: number;
}

const isoDate = (epochMs: number) => new Date(epochMs).toISOString();

/** The English text of a catalogue message (JSON, API and logs stay English, dates ISO 8601). */
function english(ref: MessageRef): string {
  return Object.hasOwn(en, ref.key) ? fill(en[ref.key as MessageKey], paramsOf(ref, isoDate)) : ref.key;
}

/**
 * `ref` with secrets redacted from its parameters, as they are from the English text; undefined
 * (the error keeps its English text only) when the parameters would still show more than the
 * redacted text does — a secret split between the sentence and a parameter is only seen whole.
 */
function redactedRef(ref: MessageRef): MessageRef | undefined {
  if (ref.params === undefined) return ref;
  const params = Object.fromEntries(
    Object.entries(ref.params).map(([name, value]) => [
      name,
      typeof value === "string" ? redactSecrets(value) : value,
    ]),
  );
  const safe = { ...ref, params };
  return english(safe) === redactSecrets(english(ref)) ? safe : undefined;
}

export class SyncError extends Error {
  override readonly name = "SyncError";
  readonly code: ErrorCode;
  readonly temporary: boolean;
  /** English, for JSON and logs; `says` / `hintSays` are what a reader's edge renders. */
  readonly hint: string;
  readonly detail: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** The message as a catalogue entry, when the throw site named one. */
  readonly says: MessageRef | undefined;
  /** The hint as a catalogue entry: the throw site's, or the code's default. */
  readonly hintSays: MessageRef | undefined;

  /**
   * `message` is English text or, better, a catalogue message (`say("area.key", params)` from
   * i18n/message.ts) so the edge can show it in the reader's language.
   */
  constructor(code: ErrorCode, message: string | MessageRef, options: SyncErrorOptions = {}) {
    super(
      redactSecrets(typeof message === "string" ? message : english(message)),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.temporary = options.temporary ?? CODE_INFO[code].temporary;
    // Stored and shown beside the message: never a secret the message does not show.
    this.says = typeof message === "string" ? undefined : redactedRef(message);
    const hint = options.hint ?? hintRef(code);
    this.hintSays = typeof hint === "string" ? undefined : redactedRef(hint);
    this.hint = typeof hint === "string" ? hint : english(hint);
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
      ...(this.says === undefined ? {} : { says: this.says }),
      ...(this.hintSays === undefined ? {} : { hintSays: this.hintSays }),
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

/** The catalogue entry of a code's default hint. */
export function hintRef(code: ErrorCode): MessageRef {
  return { key: `errors.${code}.hint` satisfies MessageKey };
}

/** The catalogue entry of a code's hint once its retries are used up (the default hint if none). */
export function exhaustedHintRef(code: ErrorCode): MessageRef {
  const key = `errors.${code}.exhausted`;
  return Object.hasOwn(en, key) ? { key } : hintRef(code);
}

/** The English default hint of a code. */
export function defaultHint(code: ErrorCode): string {
  return english(hintRef(code));
}

/** The catalogue entry of the sentence `retriesExhausted` appends, for `attempts` attempts. */
export function attemptsFailedRef(attempts: number): MessageRef {
  return attempts === 1
    ? { key: "errors.attemptsFailed.one" satisfies MessageKey }
    : { key: "errors.attemptsFailed.other" satisfies MessageKey, params: { count: attempts } };
}

/**
 * A temporary error that used up the job's retries: nothing more happens by itself, so the hint
 * says what a person does next instead of promising another try, and how many attempts failed.
 */
export function retriesExhausted(error: ErrorInfo, attempts: number): ErrorInfo {
  const usual = error.hint === defaultHint(error.code);
  const base = usual ? exhaustedHintRef(error.code) : error.hintSays;
  return {
    ...error,
    hint: `${usual ? english(exhaustedHintRef(error.code)) : error.hint} ${english(attemptsFailedRef(attempts))}`,
    ...(base === undefined ? {} : { hintSays: base }),
    attemptsFailed: attempts,
  };
}

export type ErrorSentences = Pick<ErrorInfo, "says" | "hintSays" | "attemptsFailed">;

/** An error's sentences by key alone, for a report rendered later in its reader's language. */
export function sentencesOf(error: ErrorSentences | null | undefined): ErrorSentences {
  if (error === null || error === undefined) return {};
  const { says, hintSays, attemptsFailed } = error;
  return {
    ...(says === undefined ? {} : { says }),
    ...(hintSays === undefined ? {} : { hintSays }),
    ...(attemptsFailed === undefined ? {} : { attemptsFailed }),
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
