/**
 * The pipeline step between claiming a job and moving bytes: which bytes are sent for it. The
 * transfer, the hash and the verification all use what this step returns, so a job that sends
 * something other than its source (a rendition made into a cache first) changes this file,
 * not the steps around it. Today every job sends its source file as it is.
 *
 * A change of the source during the upload is still judged on the source itself
 * (source-file.ts): that is what the person exported.
 */
import type { Job } from "../domain/job.js";
import type { SourceFingerprint } from "./source-file.js";
import type { SourceIdentity } from "./verify.js";

export interface PreparedBytes {
  /** The local file whose bytes are sent and verified. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Where they come from: the source as is. */
  readonly kind: "original";
}

/** The bytes to send for `job`, whose source was just fingerprinted as `source`. */
export async function prepareBytes(
  job: Job,
  source: SourceFingerprint,
  _signal: AbortSignal,
): Promise<PreparedBytes> {
  return { path: job.sourcePath, size: source.size, mtimeMs: source.mtimeMs, kind: "original" };
}

/** What the copy at the destination is checked against: the prepared bytes, with their hash. */
export function identityOf(
  bytes: PreparedBytes,
  hashType: string | null,
  hash: string | null,
): SourceIdentity {
  return { size: bytes.size, mtimeMs: bytes.mtimeMs, hashType, hash };
}
