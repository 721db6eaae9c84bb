/**
 * Which files of a watched folder are exports to deliver. Patterns are globs relative to the
 * watched folder (`*.jpg`, `Selects/**`); a pattern without `/` matches a file or folder name at
 * any depth.
 * Matching ignores case, since `IMG_0001.JPG` and `*.jpg` mean the same to a photographer.
 */
import picomatch from "picomatch";

/**
 * Names exporters, editors and operating systems use while writing or for their own clutter.
 * A file being written under such a name is picked up once it is renamed to its real name.
 */
export const TEMPORARY_NAMES: readonly string[] = Object.freeze([
  ".*", // hidden files: .DS_Store, ._resource forks, our own .junmai-upload-*.partial
  "~*", // Office and some exporters' lock and scratch files
  "*~",
  "*.tmp",
  "*.temp",
  "*.part",
  "*.partial",
  "*.crdownload",
  "*.download",
  "*.swp",
  "*.lock",
  "Thumbs.db",
  "desktop.ini",
]);

export interface WatchFilterOptions {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly ignoreTemporary: boolean;
}

export interface WatchFilter {
  /** A folder (relative, `/`-separated) whose contents are never wanted: skip watching it. */
  skipsFolder(relative: string): boolean;
  /** A file (relative, `/`-separated) to deliver once it is stable. */
  accepts(relative: string): boolean;
}

const OPTIONS: picomatch.PicomatchOptions = { nocase: true, dot: true };

/** True when any pattern matches: one without `/` against the name, one with `/` against the path. */
function matcher(patterns: readonly string[]): (relative: string) => boolean {
  const byName = patterns.filter((pattern) => !pattern.includes("/"));
  const byPath = patterns.filter((pattern) => pattern.includes("/"));
  const name = byName.length === 0 ? () => false : picomatch(byName, OPTIONS);
  const whole = byPath.length === 0 ? () => false : picomatch(byPath, OPTIONS);
  return (relative) => name(baseName(relative)) || whole(relative);
}

export function createWatchFilter(options: WatchFilterOptions): WatchFilter {
  const temporary = options.ignoreTemporary ? matcher(TEMPORARY_NAMES) : () => false;
  const included = options.include.length === 0 ? () => true : matcher(options.include);
  const excluded = options.exclude.length === 0 ? () => false : matcher(options.exclude);
  const hiddenFolder = (relative: string) =>
    options.ignoreTemporary && relative.split("/").some((segment) => segment.startsWith("."));
  return {
    skipsFolder: (relative) => relative !== "" && (hiddenFolder(relative) || excluded(relative)),
    accepts: (relative) =>
      relative !== "" &&
      !hiddenFolder(parentOf(relative)) &&
      !temporary(relative) &&
      included(relative) &&
      !excluded(relative),
  };
}

function baseName(relative: string): string {
  return relative.slice(relative.lastIndexOf("/") + 1);
}

function parentOf(relative: string): string {
  const slash = relative.lastIndexOf("/");
  return slash < 0 ? "" : relative.slice(0, slash);
}
