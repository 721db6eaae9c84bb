/** Finds rclone and checks its version (1.60, Debian 12's, is the oldest we support). */
import { execFile } from "node:child_process";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

export const MIN_RCLONE_VERSION = [1, 60, 0] as const;

export interface RcloneInfo {
  readonly binary: string;
  readonly version: string;
}

export function parseRcloneVersion(output: string): [number, number, number] | undefined {
  const match = /rclone v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
  for (let index = 0; index < minimum.length; index += 1) {
    const have = version[index] ?? 0;
    const need = minimum[index] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

export function checkRclone(binary: string): Promise<RcloneInfo> {
  return new Promise((resolve, reject) => {
    execFile(binary, ["version"], { timeout: 15_000, windowsHide: true }, (error, stdout) => {
      if (error !== null && "code" in error && error.code === "ENOENT") {
        reject(new SyncError("RCLONE_MISSING", say("rclone.notOnPath", { binary })));
        return;
      }
      const version = parseRcloneVersion(stdout);
      if (version === undefined) {
        reject(
          new SyncError("RCLONE_MISSING", say("rclone.noVersion", { binary }), {
            detail: error?.message ?? stdout.slice(0, 200),
          }),
        );
        return;
      }
      const text = version.join(".");
      if (!atLeast(version, MIN_RCLONE_VERSION)) {
        reject(
          new SyncError(
            "RCLONE_MISSING",
            say("rclone.tooOld", { version: text, needed: MIN_RCLONE_VERSION.join(".") }),
          ),
        );
        return;
      }
      resolve({ binary, version: text });
    });
  });
}
