/**
 * What to do when the remote path already holds a different file, and the names that brings:
 * `photo (1).jpg` for `rename`, `.versions/<time>/photo.jpg` for `version`, and the hidden
 * temporary name an upload is written under before it is moved into place.
 */
import { posix } from "node:path";

export const CONFLICT_POLICIES = ["auto", "overwrite", "skip", "rename", "version"] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

/** What `auto` (and every policy) boils down to for one job. */
export type ConflictAction = "overwrite" | "skip" | "rename" | "version";

/**
 * `auto`: replace what we delivered from the same source (a re-export) and still find as we
 * left it; keep anything else and upload under a new name beside it.
 */
export function conflictAction(policy: ConflictPolicy, remoteIsOurs: boolean): ConflictAction {
  if (policy !== "auto") return policy;
  return remoteIsOurs ? "overwrite" : "rename";
}

/** Candidates tried by `rename`: `name (1).ext`, `name (2).ext`, … (the way desktops name copies). */
export function renamedPath(remotePath: string, n: number): string {
  const { dir, name, ext } = splitName(remotePath);
  return posix.join(dir, `${name} (${n})${ext}`);
}

/** Folder at the destination's root that `version` moves replaced files into. */
const VERSIONS_FOLDER = ".versions";

/** `.versions/2026-11-24T18-41-07Z/2026/wedding/photo.jpg`: colon-free, so valid on every backend. */
export function versionPath(remotePath: string, now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-");
  return posix.join(VERSIONS_FOLDER, stamp, remotePath);
}

/**
 * Where a job's upload is written before it is moved to its final name. Hidden, in the same
 * folder (so the move is a rename), and fixed per job, so a retry overwrites a crashed
 * attempt's leftover instead of adding another.
 */
export function temporaryPath(remotePath: string, jobId: number): string {
  return posix.join(splitName(remotePath).dir, `.junmai-upload-${jobId}.partial`);
}

/**
 * Where a group transfer stages its files before they move to their final names: a hidden
 * folder beside the files' remote folder (beside, not inside, so rclone can move them all in one
 * call; inside the root when the files go to the root), named after the group's first job. A
 * retry of that job removes what a crashed group left there.
 */
export function stagingFolder(remoteDir: string, firstJobId: number): string {
  const parent = remoteDir === "" ? "" : posix.dirname(remoteDir);
  return posix.join(parent === "." ? "" : parent, `.junmai-upload-g${firstJobId}`);
}

/** The folder a remote path is in ("" for the destination's root). */
export function remoteFolderOf(remotePath: string): string {
  return splitName(remotePath).dir;
}

function splitName(remotePath: string): { dir: string; name: string; ext: string } {
  const dir = posix.dirname(remotePath);
  const base = posix.basename(remotePath);
  const ext = posix.extname(base);
  // A dot-file (".hidden") has no extension to keep apart.
  const name = ext === base ? base : base.slice(0, base.length - ext.length);
  return { dir: dir === "." ? "" : dir, name, ext: ext === base ? "" : ext };
}
