/** Every API error is JSON `{ code, message, hint }` with an HTTP status that fits the code. */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { defaultHint, type ErrorCode, errorCategory, SyncError, toSyncError } from "../domain/errors.js";
import type { Logger } from "../engine/events.js";

const STATUS_BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  BATCH_NOT_FOUND: 404,
  UNKNOWN_DESTINATION: 404,
  UNAUTHORIZED: 401,
  HOST_NOT_ALLOWED: 403,
  PATH_NOT_ALLOWED: 403,
  REQUEST_TOO_LARGE: 413,
  TOO_MANY_STREAMS: 429,
  ILLEGAL_TRANSITION: 409,
  CONFIG_STALE: 409,
  SIGN_IN_BUSY: 409,
  SIGN_IN_FAILED: 502,
  SOURCE_MISSING: 422,
  // A thumbnail asked of a file that has none (RAW, video), or cannot have one.
  RENDITION_UNSUPPORTED: 404,
  IMAGE_UNREADABLE: 422,
  IMAGE_TOO_LARGE: 422,
  STORE_UNAVAILABLE: 503,
  STORE_LOCKED: 503,
};

export interface ApiErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
}

export function httpStatusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS_BY_CODE[code] ?? (errorCategory(code) === "usage" ? 400 : 500);
}

/** The body and status for anything a handler threw; unexpected errors are logged, not shown raw. */
export function errorResponse(
  error: unknown,
  log: Logger,
): { body: ApiErrorBody; status: ContentfulStatusCode } {
  // Hono's own refusals (a body that is not JSON, say) are the client's mistake, not ours.
  if (error instanceof HTTPException && error.status < 500) {
    return {
      body: {
        code: "REQUEST_INVALID",
        message: `${error.message || "The request is not valid"}.`,
        hint: defaultHint("REQUEST_INVALID"),
      },
      status: 400,
    };
  }
  const known = error instanceof SyncError ? error : undefined;
  const sync = known ?? toSyncError(error, "TRANSFER_FAILED");
  const status = httpStatusOf(sync.code);
  if (status >= 500) log.error({ code: sync.code, err: sync.message }, "API request failed");
  if (known === undefined) {
    // A bug or a library error: its text may say anything, so the client gets a generic one.
    return {
      body: {
        code: "SERVER_FAILED",
        message: "The server could not handle this request.",
        hint: "See the daemon's log file.",
      },
      status: 500,
    };
  }
  return { body: { code: sync.code, message: sync.message, hint: sync.hint }, status };
}

export function requestInvalid(message: string): SyncError {
  return new SyncError("REQUEST_INVALID", message);
}
