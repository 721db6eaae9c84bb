/**
 * Rules for paths on the remote side. Whatever a user, a template or a Windows file name gives
 * us, the path we hand rclone is `/`-separated, Unicode NFC, and can never climb out of the
 * destination's base folder.
 */
import { SyncError } from "./errors.js";

// C0 controls, DEL and C1 controls: no provider stores them sanely, and NUL truncates paths.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const DRIVE = /^[A-Za-z]:/;

function invalid(what: string, input: string, why: string, hint?: string): SyncError {
  return new SyncError("INVALID_PATH", `${what} ${JSON.stringify(input)} ${why}.`, hint ? { hint } : {});
}

/**
 * A path relative to a destination (a subpath, or a file's place below an uploaded folder).
 * Returns the normalised path ("" for an empty one).
 */
export function normalizeRelativePath(input: string, what = "Path"): string {
  if (CONTROL.test(input)) throw invalid(what, input, "contains a control character");
  const slashed = input.normalize("NFC").replace(/\\/g, "/");
  if (slashed.startsWith("/") || DRIVE.test(slashed)) {
    throw invalid(
      what,
      input,
      "is absolute; it must be relative to the destination",
      "Drop the leading `/` or drive letter: the path is placed under the destination's base folder.",
    );
  }
  return joinSegments(slashed.split("/"), what, input);
}

/**
 * A destination's base path as written in the config. A leading `/` is kept because it means
 * something to some backends (SFTP: absolute vs. home-relative).
 */
export function normalizeBasePath(input: string, what = "Base path"): string {
  if (CONTROL.test(input)) throw invalid(what, input, "contains a control character");
  const slashed = input.normalize("NFC").replace(/\\/g, "/");
  const rooted = slashed.startsWith("/");
  const joined = joinSegments(slashed.split("/"), what, input);
  return rooted ? `/${joined}` : joined;
}

function joinSegments(segments: readonly string[], what: string, input: string): string {
  const kept: string[] = [];
  for (const segment of segments) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") throw invalid(what, input, "contains a `..` segment", "Remove the `..`.");
    kept.push(segment);
  }
  return kept.join("/");
}

/** Joins already-normalised parts; empty parts vanish, a leading `/` of the first part stays. */
export function joinRemotePath(...parts: readonly string[]): string {
  const rooted = parts[0]?.startsWith("/") ?? false;
  const joined = parts
    .flatMap((part) => part.split("/"))
    .filter((segment) => segment !== "")
    .join("/");
  return rooted ? `/${joined}` : joined;
}
