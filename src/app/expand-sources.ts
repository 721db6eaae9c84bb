/**
 * Turns what a person passes to `upload` (files and folders) into the list of files to queue,
 * each with the path it gets below the destination: a file keeps its name, a folder keeps its
 * own name and structure (`upload ~/Export/Wedding` → `Wedding/…`, like `cp -r`).
 *
 * Only regular files are queued. A pipe, socket or device (reading one could block for ever),
 * a symbolic link that loops or leads nowhere, and a folder that cannot be read are never
 * skipped in silence: each comes back in `skipped` with its code, for the caller to name.
 */
import { type Dirent, lstatSync, readdirSync, type Stats, statSync } from "node:fs";
import path from "node:path";
import type { ErrorCode } from "../domain/errors.js";
import { t } from "../i18n/message.js";

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

export interface SkippedSource {
  readonly path: string;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface ExpandedSources {
  readonly files: SourceFile[];
  readonly skipped: SkippedSource[];
}

export function expandSources(inputs: readonly string[], cwd: string): SourceFile[] {
  return expandSourcesReporting(inputs, cwd).files;
}

export function expandSourcesReporting(inputs: readonly string[], cwd: string): ExpandedSources {
  const files: SourceFile[] = [];
  const skipped: SkippedSource[] = [];
  const seen = new Set<string>();
  const add = (file: SourceFile) => {
    if (seen.has(file.sourcePath)) return;
    seen.add(file.sourcePath);
    files.push(file);
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const info = statOrError(absolute);
    if (info instanceof Error) {
      const odd = oddLink(absolute, info);
      if (odd !== undefined) {
        skipped.push(odd);
        continue;
      }
      add({
        sourcePath: absolute,
        relativePath: path.basename(absolute),
        sizeBytes: null,
        modTimeMs: null,
        missing: true,
      });
    } else if (info.isDirectory()) {
      for (const file of walk(absolute, skipped)) add(file);
    } else if (info.isFile()) {
      add({
        sourcePath: absolute,
        relativePath: path.basename(absolute),
        sizeBytes: info.size,
        modTimeMs: Math.trunc(info.mtimeMs),
        missing: false,
      });
    } else {
      skipped.push(notAFile(absolute, info));
    }
  }
  return { files, skipped };
}

function* walk(root: string, skipped: SkippedSource[]): Generator<SourceFile> {
  const base = path.basename(root);
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.shift() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error: unknown) {
      skipped.push({ path: dir, code: "SOURCE_UNREADABLE", message: messageOf(error) });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (JUNK.has(entry.name) || entry.name.startsWith("._")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        subdirs.push(full);
        continue;
      }
      // Follow symbolic links to files, not to folders (a link loop would never end).
      const info = entry.isFile()
        ? statOrError(full)
        : entry.isSymbolicLink()
          ? statOrError(full)
          : undefined;
      if (info instanceof Error) {
        skipped.push(
          oddLink(full, info) ?? { path: full, code: "SOURCE_UNREADABLE", message: messageOf(info) },
        );
        continue;
      }
      if (info?.isFile()) {
        yield {
          sourcePath: full,
          relativePath: path.join(base, path.relative(root, full)),
          sizeBytes: info.size,
          modTimeMs: Math.trunc(info.mtimeMs),
          missing: false,
        };
      } else if (info === undefined || !info.isDirectory()) {
        // A pipe, socket or device here, or a link to one; a link to a folder is not followed.
        skipped.push(notAFile(full, info ?? lstatSync(full)));
      }
    }
    pending.unshift(...subdirs);
  }
}

function notAFile(file: string, info: Stats): SkippedSource {
  const kind = info.isFIFO()
    ? "a named pipe"
    : info.isSocket()
      ? "a socket"
      : info.isCharacterDevice() || info.isBlockDevice()
        ? "a device"
        : "something else";
  return { path: file, code: "NOT_A_FILE", message: t("faults.notAFile", { kind }) };
}

/** A symbolic link that loops or leads nowhere (ELOOP / dangling), else undefined. */
function oddLink(file: string, error: Error): SkippedSource | undefined {
  const code = "code" in error ? error.code : undefined;
  if (code === "ELOOP") {
    return { path: file, code: "SOURCE_UNREADABLE", message: t("faults.symlinkLoop") };
  }
  if (code === "ENOENT") {
    try {
      if (lstatSync(file).isSymbolicLink()) {
        return { path: file, code: "SOURCE_MISSING", message: messageOf(error) };
      }
    } catch {
      // Not there at all: a plain missing path, queued as such.
    }
  }
  return undefined;
}

function statOrError(file: string): Stats | Error {
  try {
    return statSync(file);
  } catch (error: unknown) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
