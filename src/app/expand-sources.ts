/**
 * Turns what a person passes to `upload` (files and folders) into the list of files to queue,
 * each with the path it gets below the destination: a file keeps its name, a folder keeps its
 * own name and structure (`upload ~/Export/Wedding` → `Wedding/…`, like `cp -r`).
 */
import { type Dirent, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Operating-system clutter that never belongs in a photo delivery. */
const JUNK = new Set([".DS_Store", "Thumbs.db", "desktop.ini", ".localized", "Icon\r"]);

export interface SourceFile {
  readonly sourcePath: string;
  /** Place below the destination, in the local path syntax (normalised later). */
  readonly relativePath: string;
  readonly sizeBytes: number | null;
  readonly modTimeMs: number | null;
  /** True when the path did not exist when queued: the job will fail with SOURCE_MISSING. */
  readonly missing: boolean;
}

export function expandSources(inputs: readonly string[], cwd: string): SourceFile[] {
  const files: SourceFile[] = [];
  const seen = new Set<string>();
  const add = (file: SourceFile) => {
    if (seen.has(file.sourcePath)) return;
    seen.add(file.sourcePath);
    files.push(file);
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const info = statOrUndefined(absolute);
    if (info === undefined) {
      add({
        sourcePath: absolute,
        relativePath: path.basename(absolute),
        sizeBytes: null,
        modTimeMs: null,
        missing: true,
      });
    } else if (info.isDirectory()) {
      for (const file of walk(absolute)) add(file);
    } else {
      add({
        sourcePath: absolute,
        relativePath: path.basename(absolute),
        sizeBytes: info.size,
        modTimeMs: Math.trunc(info.mtimeMs),
        missing: false,
      });
    }
  }
  return files;
}

function* walk(root: string): Generator<SourceFile> {
  const base = path.basename(root);
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.shift() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (JUNK.has(entry.name) || entry.name.startsWith("._")) continue;
      const full = path.join(dir, entry.name);
      // Follow symbolic links to files, not to folders (a link loop would never end).
      const info = entry.isSymbolicLink() ? statOrUndefined(full) : undefined;
      if (entry.isDirectory()) subdirs.push(full);
      else if (entry.isFile() || info?.isFile()) {
        const stat = entry.isFile() ? statOrUndefined(full) : info;
        yield {
          sourcePath: full,
          relativePath: path.join(base, path.relative(root, full)),
          sizeBytes: stat?.size ?? null,
          modTimeMs: stat === undefined ? null : Math.trunc(stat.mtimeMs),
          missing: false,
        };
      }
    }
    pending.unshift(...subdirs);
  }
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
