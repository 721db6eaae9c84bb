/** AWS SDK failures as SyncErrors, so retries, health and status treat them like rclone's. */
import { SyncError } from "../../domain/errors.js";
import { redactSecrets } from "../../domain/redact.js";

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
    return new SyncError("AUTH_FAILED", `The S3 server refused the credentials while ${what}.`, {
      cause: error,
      detail,
    });
  }
  if (name === "NoSuchBucket") {
    return new SyncError("REMOTE_NOT_FOUND", `The S3 bucket does not exist (${what}).`, {
      cause: error,
      detail,
    });
  }
  if (name === "SlowDown" || status === 429 || status === 503) {
    return new SyncError("RATE_LIMITED", `The S3 server asked us to slow down while ${what}.`, {
      cause: error,
      detail,
    });
  }
  if (name === "QuotaExceeded" || name === "EntityTooLarge" || /no space|quota/i.test(text)) {
    return new SyncError("QUOTA_EXCEEDED", `The S3 server has no room for the upload (${what}).`, {
      cause: error,
      detail,
    });
  }
  if (NETWORK.test(text) || status === undefined) {
    return new SyncError("REMOTE_UNREACHABLE", `The S3 server could not be reached while ${what}.`, {
      cause: error,
      detail,
    });
  }
  return new SyncError("TRANSFER_FAILED", `The S3 upload failed while ${what}.`, { cause: error, detail });
}
