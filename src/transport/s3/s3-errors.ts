/** AWS SDK failures as SyncErrors, so retries, health and status treat them like rclone's. */
import { SyncError } from "../../domain/errors.js";
import { redactSecrets } from "../../domain/redact.js";
import { say } from "../../i18n/message.js";

const AUTH = new Set([
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "AccessDenied",
  "ExpiredToken",
  "InvalidToken",
  "AuthorizationHeaderMalformed",
]);
const NETWORK =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|socket hang up|TimeoutError|timed out/i;

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

function statusOf(error: unknown): number | undefined {
  const meta = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  return meta?.httpStatusCode;
}

export function isNoSuchUpload(error: unknown): boolean {
  return nameOf(error) === "NoSuchUpload";
}

export function isNotImplemented(error: unknown): boolean {
  const status = statusOf(error);
  return nameOf(error) === "NotImplemented" || status === 501 || status === 405;
}

export function isNotFound(error: unknown): boolean {
  return nameOf(error) === "NotFound" || nameOf(error) === "NoSuchKey" || statusOf(error) === 404;
}

export function s3Error(error: unknown, what: string): SyncError {
  if (error instanceof SyncError) return error;
  const name = nameOf(error);
  const text = error instanceof Error ? `${name}: ${error.message}` : String(error);
  const detail = redactSecrets(text);
  const status = statusOf(error);
  if (AUTH.has(name) || status === 403) {
    return new SyncError("AUTH_FAILED", say("transport.s3Auth", { what }), {
      cause: error,
      detail,
    });
  }
  if (name === "NoSuchBucket") {
    return new SyncError("REMOTE_NOT_FOUND", say("transport.s3NoBucket", { what }), {
      cause: error,
      detail,
    });
  }
  if (name === "SlowDown" || status === 429 || status === 503) {
    return new SyncError("RATE_LIMITED", say("transport.s3SlowDown", { what }), {
      cause: error,
      detail,
    });
  }
  if (name === "QuotaExceeded" || name === "EntityTooLarge" || /no space|quota/i.test(text)) {
    return new SyncError("QUOTA_EXCEEDED", say("transport.s3Quota", { what }), {
      cause: error,
      detail,
    });
  }
  if (NETWORK.test(text) || status === undefined) {
    return new SyncError("REMOTE_UNREACHABLE", say("transport.s3Unreachable", { what }), {
      cause: error,
      detail,
    });
  }
  return new SyncError("TRANSFER_FAILED", say("transport.s3Failed", { what }), { cause: error, detail });
}
