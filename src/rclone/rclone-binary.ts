/** Finds rclone and checks its version (1.60, Debian 12's, is the oldest we support). */
import { execFile } from "node:child_process";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import type { RcClient } from "./rc-client.js";

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

/**
 * The version check asked of a running rcd (`core/version`) instead of a process of its own:
 * rclone takes ~0.15 s to start, whichever command it runs, and a run that is about to upload
 * starts the rcd anyway.
 */
export async function checkRcdVersion(client: RcClient, binary: string): Promise<RcloneInfo> {
  const answer = await client.call<{ version?: string; decomposed?: number[] }>("core/version", {});
  const version = answer.decomposed ?? parseRcloneVersion(`rclone ${answer.version ?? ""}`);
  if (version === undefined || version.length === 0) {
    throw new SyncError("RCLONE_MISSING", say("rclone.noVersion", { binary }), {
      detail: String(answer.version ?? "").slice(0, 200),
    });
  }
  return checkedVersion(binary, version);
}

function checkedVersion(binary: string, version: readonly number[]): RcloneInfo {
  const text = version.join(".");
  if (!atLeast(version, MIN_RCLONE_VERSION)) {
    throw new SyncError(
      "RCLONE_MISSING",
      say("rclone.tooOld", { version: text, needed: MIN_RCLONE_VERSION.join(".") }),
    );
  }
  return { binary, version: text };
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
      try {
        resolve(checkedVersion(binary, version));
      } catch (tooOld) {
        reject(tooOld);
      }
    });
  });
}
