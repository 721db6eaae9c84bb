/** Maps node-postgres errors onto SyncErrors: an outage is temporary (workers wait), a wrong password is not. */
import { isSyncError, SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
]);
const UNAVAILABLE_TEXT =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|not queryable/i;

export function toPostgresStoreError(error: unknown, where: string): SyncError {
  if (isSyncError(error)) return error;
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  const detail = error instanceof Error ? error.message : String(error);
  if (UNAVAILABLE_CODES.has(code) || code.startsWith("08") || UNAVAILABLE_TEXT.test(detail)) {
    return new SyncError("STORE_UNAVAILABLE", say("store.unreachable", { where }), {
      cause: error,
      detail,
    });
  }
  if (code === "40P01" || code === "40001" || code === "55P03") {
    return new SyncError("STORE_LOCKED", say("store.busy", { where }), {
      cause: error,
      detail,
    });
  }
  if (code === "28P01" || code === "28000") {
    return new SyncError("STORE_FAILED", say("store.loginRefused", { where }), {
      cause: error,
      detail,
      temporary: false,
      hint: say("store.loginHint"),
    });
  }
  if (code === "3D000") {
    return new SyncError("STORE_FAILED", say("store.noDatabase", { where }), {
      cause: error,
      detail,
      temporary: false,
      hint: say("store.noDatabaseHint"),
    });
  }
  return new SyncError("STORE_FAILED", say("store.failed", { where, detail }), {
    cause: error,
    detail,
  });
}
