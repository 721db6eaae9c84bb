/**
 * The pipeline step between claiming a job and moving bytes: which bytes are sent for it. The
 * transfer, the hash and the verification all use what this step returns. A destination without
 * a rendition gets the source as it is, byte for byte; one with a rendition gets the finished
 * copy from the rendition cache (media/rendition-cache.ts, made now or found made), so a
 * transfer only ever moves a finished file and the verification compares the remote copy with
 * exactly those bytes.
 *
 * A change of the source during the upload is still judged on the source itself
 * (source-file.ts): that is what the person exported.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { type ErrorInfo, SyncError } from "../domain/errors.js";
import type { Job } from "../domain/job.js";
import type { RenditionSettings } from "../domain/rendition.js";
import { say } from "../i18n/message.js";
import type { SourceFingerprint } from "./source-file.js";
import type { SourceIdentity } from "./verify.js";

/** The port media/ implements (media/rendition-cache.ts); the engine never sees sharp. */
export interface RenditionMaker {
  /** The rendition of `source`, made or found; the caller becomes one of its users. */
  make(
    source: string,
    settings: RenditionSettings,
    signal?: AbortSignal,
  ): Promise<{ readonly path: string; readonly key: string }>;
  /** One user is done; `final`: its job finished for good (the file may go once nobody uses it). */
  finished(key: string, final: boolean): Promise<void>;
}

export interface PreparedBytes {
  /** The local file whose bytes are sent and verified. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Where they come from: the source as is, or a rendition made of it. */
  readonly kind: "original" | "rendition";
  /** A rendition's cache key, handed back (`RenditionMaker.finished`) once the job is done. */
  readonly key: string | null;
}

/**
 * The bytes to send for `job`, whose source was just fingerprinted as `source`. A job planned
 * `skip` (no rendition possible) never gets here: see `unsupportedSkip`.
 */
export async function prepareBytes(
  job: Job,
  source: SourceFingerprint,
  signal: AbortSignal,
  renditions?: RenditionMaker,
): Promise<PreparedBytes> {
  const plan = job.rendition;
  if (plan?.kind !== "make") {
    return { path: job.sourcePath, size: source.size, mtimeMs: source.mtimeMs, kind: "original", key: null };
  }
  if (renditions === undefined) {
    throw new SyncError("RENDITION_FAILED", say("rendition.error.noPipeline"));
  }
  const made = await renditions.make(job.sourcePath, plan.settings, signal);
  try {
    const info = await stat(made.path);
    return { path: made.path, size: info.size, mtimeMs: info.mtimeMs, kind: "rendition", key: made.key };
  } catch (error: unknown) {
    await renditions.finished(made.key, false);
    throw error;
  }
}

/** Hands a prepared rendition back to the cache; `final`: its job finished for good. */
export async function releaseBytes(
  bytes: PreparedBytes | null | undefined,
  final: boolean,
  renditions?: RenditionMaker,
): Promise<void> {
  if (bytes?.key == null || renditions === undefined) return;
  await renditions.finished(bytes.key, final).catch(() => undefined);
}

/**
 * For a job planned `skip` (its destination has a rendition, and no rendition can be made of
 * this file — RAW, video, a sidecar), the note its skipped job carries; null otherwise.
 */
export function unsupportedSkip(job: Job): ErrorInfo | null {
  if (job.rendition?.kind !== "skip") return null;
  return new SyncError(
    "RENDITION_UNSUPPORTED",
    say("rendition.error.unsupported", { file: path.basename(job.sourcePath), destination: job.destination }),
  ).toInfo();
}

/** What the copy at the destination is checked against: the prepared bytes, with their hash. */
export function identityOf(
  bytes: PreparedBytes,
  hashType: string | null,
  hash: string | null,
): SourceIdentity {
  return { size: bytes.size, mtimeMs: bytes.mtimeMs, hashType, hash };
}
