/** What we know about a source file before and after its transfer. */
import { type Stats, stat } from "node:fs";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

export interface SourceFingerprint {
  readonly size: number;
  readonly mtimeMs: number;
}

export async function fingerprintSource(sourcePath: string): Promise<SourceFingerprint> {
  try {
    const info = await statFile(sourcePath);
    if (!info.isFile()) {
      // A pipe or device would block rclone's read for ever: never handed to it.
      throw new SyncError("NOT_A_FILE", say("stored.notRegularFile", { path: sourcePath }), {
        hint: say("faults.onlyFilesHint"),
      });
    }
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    if (error instanceof SyncError) throw error;
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    if (code === "ELOOP") {
      throw new SyncError("SOURCE_UNREADABLE", say("stored.symlinkLoop", { path: sourcePath }), {
        cause: error,
      });
    }
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new SyncError("SOURCE_MISSING", say("stored.sourceMissing", { path: sourcePath }), {
        cause: error,
      });
    }
    throw new SyncError("SOURCE_UNREADABLE", say("stored.sourceUnreadable", { path: sourcePath }), {
      cause: error,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Every file is stat'ed before and after its upload: tens of thousands for a large export. The
 * callback form costs a third less CPU per call than fs/promises' (measured: 10 000 stats,
 * 92–143 against 142–171 ms).
 */
function statFile(file: string): Promise<Stats> {
  return new Promise((resolve, reject) => {
    stat(file, (error, info) => (error === null ? resolve(info) : reject(error)));
  });
}

export function sameFingerprint(a: SourceFingerprint, b: SourceFingerprint): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}
