/**
 * Lists the files below a watched folder (a start, a folder coming back, a folder moved in,
 * a polling round), with their size and modification time. Streams directory by directory, so
 * 100 000 files never sit in memory at once. Symbolic links to files are followed; links to
 * folders are not (a link loop would never end).
 */
import type { Dirent } from "node:fs";
import { opendir, stat } from "node:fs/promises";
import path from "node:path";
import { relativePath } from "../app/watch-intake.js";
import type { FileStat } from "../domain/write-stability.js";

export interface ScannedFile {
  readonly path: string;
  readonly stat: FileStat;
}

export interface ScanOptions {
  readonly recursive: boolean;
  /** Relative, `/`-separated paths. */
  readonly skipsFolder: (relative: string) => boolean;
  readonly accepts: (relative: string) => boolean;
}

export async function* scanFolder(
  root: string,
  folder: string,
  options: ScanOptions,
): AsyncGenerator<ScannedFile> {
  const pending = [folder];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: AsyncIterable<Dirent>;
    try {
      entries = await opendir(dir, { bufferSize: 256 });
    } catch {
      continue; // gone, or not readable: the next scan tries again
    }
    for await (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = relativePath(root, full);
      if (entry.isDirectory()) {
        if (options.recursive && !options.skipsFolder(relative)) pending.push(full);
        continue;
      }
      if (!(entry.isFile() || entry.isSymbolicLink()) || !options.accepts(relative)) continue;
      const info = await stat(full).catch(() => undefined);
      if (info?.isFile()) yield { path: full, stat: { size: info.size, mtimeMs: info.mtimeMs } };
    }
  }
}
