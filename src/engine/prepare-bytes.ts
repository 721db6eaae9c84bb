/**
 * The engine's "prepare the bytes" step, before any transfer: which file a job's upload reads.
 * A destination without a rendition gets the source itself, byte for byte; one with a rendition
 * gets the finished copy from the rendition cache (made now, or found made), so a transfer only
 * ever moves a finished file and verification compares the remote copy with exactly those bytes.
 * A file the image library cannot read was planned `skip` or `original` when it was queued.
 */
import path from "node:path";
import { type ErrorInfo, SyncError } from "../domain/errors.js";
import type { Job } from "../domain/job.js";
import type { RenditionSettings } from "../domain/rendition.js";
import { fingerprintSource } from "./source-file.js";

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

export type Prepared =
  /** Upload this file; `key` names a rendition to hand back once the job is done. */
  | { readonly kind: "bytes"; readonly path: string; readonly key: string | null }
  | { readonly kind: "skip"; readonly reason: ErrorInfo };

export async function prepareBytes(
  maker: RenditionMaker | undefined,
  job: Job,
  signal: AbortSignal,
): Promise<Prepared> {
  const plan = job.rendition;
  if (plan === null || plan.kind === "original") return { kind: "bytes", path: job.sourcePath, key: null };
  if (plan.kind === "skip") {
    return {
      kind: "skip",
      reason: new SyncError(
        "RENDITION_UNSUPPORTED",
        `${path.basename(job.sourcePath)} is not an image a rendition can be made from; ${job.destination} does not receive it (onUnsupported: skip).`,
      ).toInfo(),
    };
  }
  // A missing source is SOURCE_MISSING, as for an original, not an image error.
  await fingerprintSource(job.sourcePath);
  if (maker === undefined) {
    throw new SyncError("RENDITION_FAILED", "This worker was started without an image pipeline.");
  }
  const made = await maker.make(job.sourcePath, plan.settings, signal);
  return { kind: "bytes", path: made.path, key: made.key };
}
