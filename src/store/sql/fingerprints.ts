/** Matching files against what the queue remembers of them, in bounded `IN (…)` lookups. */
import type { FileFingerprint } from "../job-store.js";
import type { Operation } from "./operation.js";

/** Paths per lookup: well under SQLite's and PostgreSQL's bound-parameter limits. */
const LOOKUP_CHUNK = 500;

export interface FingerprintRow {
  readonly path: string;
  readonly size_bytes: number | string | null;
  readonly source_mtime: number | string | null;
}

/** The files' paths, split into lookups of a bounded size. */
export function pathChunks(files: readonly FileFingerprint[]): string[][] {
  const paths = [...new Set(files.map((file) => file.path))];
  const chunks: string[][] = [];
  for (let start = 0; start < paths.length; start += LOOKUP_CHUNK) {
    chunks.push(paths.slice(start, start + LOOKUP_CHUNK));
  }
  return chunks;
}

/** The paths of `files` for which some row has the same size and modification time. */
export function matchFingerprints(
  files: readonly FileFingerprint[],
  rows: Iterable<FingerprintRow>,
): Set<string> {
  const wanted = new Map(files.map((file) => [file.path, file]));
  const known = new Set<string>();
  for (const row of rows) {
    const file = wanted.get(row.path);
    if (
      file !== undefined &&
      row.size_bytes !== null &&
      row.source_mtime !== null &&
      Number(row.size_bytes) === file.sizeBytes &&
      Number(row.source_mtime) === file.modTimeMs
    ) {
      known.add(row.path);
    }
  }
  return known;
}

/** Of `files`, those `lookup` finds a row for with the same size and modification time. */
export function* matchingFiles(
  files: readonly FileFingerprint[],
  lookup: (paths: string[]) => Operation<FingerprintRow[]>,
): Operation<Set<string>> {
  const rows: FingerprintRow[] = [];
  for (const paths of pathChunks(files)) rows.push(...(yield* lookup(paths)));
  return matchFingerprints(files, rows);
}
