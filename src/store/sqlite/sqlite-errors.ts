/** Maps better-sqlite3's error codes onto SyncErrors a person can act on. */
import { isSyncError, SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";

function sqliteCode(error: unknown): string | undefined {
  if (error instanceof Error && "code" in error && typeof error.code === "string") return error.code;
  return undefined;
}

export function toStoreError(error: unknown, file: string): SyncError {
  if (isSyncError(error)) return error;
  const code = sqliteCode(error) ?? "";
  const detail = error instanceof Error ? error.message : String(error);
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) {
    return new SyncError("STORE_CORRUPT", say("faults.storeCorrupt", { file }), { cause: error, detail });
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new SyncError("STORE_LOCKED", say("store.stayedLocked", { file }), {
      cause: error,
      detail,
    });
  }
  if (code === "SQLITE_FULL" || code === "SQLITE_IOERR_WRITE" || code === "SQLITE_IOERR_FSYNC") {
    // Temporary: the daemon stops taking work and carries on once there is space again.
    return new SyncError("DATA_DIR_FULL", say("faults.dataDirFull", { file }), { cause: error, detail });
  }
  if (code === "SQLITE_CANTOPEN" || code.startsWith("SQLITE_READONLY") || code === "SQLITE_PERM") {
    return new SyncError("DATA_DIR_UNUSABLE", say("store.notWritable", { file }), {
      cause: error,
      detail,
    });
  }
  return new SyncError("STORE_FAILED", say("store.failed", { where: file, detail }), {
    cause: error,
    detail,
  });
}
