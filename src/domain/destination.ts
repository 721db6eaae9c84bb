/**
 * A destination as the engine sees it, after config resolution: an rclone filesystem string
 * plus a base path and the policies that apply to its jobs.
 */
import type { ConflictPolicy } from "./conflict.js";
import type { PathTemplate } from "./path-template.js";
import type { RenditionSettings, UnsupportedAction } from "./rendition.js";
import type { Timetable, UploadWindow } from "./schedule.js";

export interface Destination {
  readonly name: string;
  /** What rclone gets as `fs`: an absolute local folder, `remote:`, or `:backend,opt=…:`. */
  readonly fs: string;
  readonly kind: "local" | "rclone";
  /** Normalised base path inside `fs` ("" for its root). */
  readonly basePath: string;
  /** `fs` with the base path applied: what every rclone call for this destination starts from. */
  readonly root: string;
  readonly concurrency: number;
  readonly retries: number;
  readonly onConflict: ConflictPolicy;
  readonly tempNames: "auto" | "always" | "never";
  readonly quotaPauseMs: number;
  /** When uploads may start (null: always). */
  readonly window: UploadWindow | null;
  /** At the window's end: let running uploads finish, or stop them and resume later. */
  readonly windowEnd: "finish" | "stop";
  readonly dailyCapBytes: number | null;
  /** Minutes after local midnight when the daily cap's count starts over. */
  readonly dailyCapResetMinutes: number;
  /** This destination's bandwidth (bytes/s) over the week; null: only the global limit. */
  readonly bandwidth: Timetable | null;
  /**
   * With `encrypt: true`: the rclone crypt remote uploads go through (`fs` is `<remote>:`) and
   * the place it wraps (the configured remote and path). Set up by `junmai-sync remote encrypt`.
   */
  readonly encryption: { readonly remote: string; readonly wraps: string } | null;
  /** Ask the backend for a public link after each verified upload. */
  readonly link: boolean;
  /**
   * Large files to S3 or SFTP go through our own resumable transfer (`auto`), or always through
   * rclone (`off`): files above `aboveBytes`, in S3 parts of at least `partSizeBytes`.
   */
  readonly resumable: ResumablePolicy;
  /** Its own folder layout below the base path (`{subpath}` inside it); null: the rule's or upload's. */
  readonly subpath: PathTemplate | null;
  /** The copy it gets instead of the original; null: the original, byte for byte. */
  readonly rendition: RenditionSettings | null;
  /** With a rendition: what happens to files the image library cannot read. */
  readonly onUnsupported: UnsupportedAction;
}

export interface ResumablePolicy {
  readonly mode: "auto" | "off";
  readonly aboveBytes: number;
  readonly partSizeBytes: number;
}

/** 64 MiB, 16 MiB: a photo never resumes; a video does, losing at most one part. */
export const DEFAULT_RESUMABLE: ResumablePolicy = Object.freeze({
  mode: "auto",
  aboveBytes: 64 * 1024 * 1024,
  partSizeBytes: 16 * 1024 * 1024,
});

// A Windows drive (`C:\`, `D:/`, `E:`) is a local path, never a one-letter rclone remote.
const DRIVE = /^[A-Za-z]:([\\/]|$)/;

/**
 * rclone's own rule: a colon before the first path separator names a remote (`dropbox:`,
 * `:webdav,url=…:`); anything else is a local path.
 */
export function isLocalRemote(remote: string): boolean {
  if (DRIVE.test(remote) || remote.startsWith("~")) return true;
  const colon = remote.indexOf(":");
  if (colon === -1) return true;
  const separator = remote.search(/[\\/]/);
  return separator !== -1 && separator < colon;
}

/**
 * `fs` joined with the base path, in rclone's syntax: a local folder is joined as a path, a
 * remote as `remote:base` (or `remote:path/base` when the remote already names a folder).
 */
export function destinationRoot(
  fs: string,
  kind: Destination["kind"],
  basePath: string,
  join: (a: string, b: string) => string,
): string {
  if (basePath === "") return fs;
  if (kind === "local") return join(fs, basePath);
  if (fs.endsWith(":") || fs.endsWith("/")) return `${fs}${basePath}`;
  return `${fs}/${basePath.replace(/^\/+/, "")}`;
}

/** What to show a person: `name:base/path` (never the connection string, which may hold secrets). */
export function describeRemotePath(destination: Pick<Destination, "name">, remotePath: string): string {
  return `${destination.name}:${remotePath}`;
}
