/**
 * What each destination of a batch receives — the originals, or which rendition (size, format)
 * — and how many files a rendition could not be made from (skipped, or sent as originals):
 * for the batch view of the dashboard, the CLI and the batch report.
 */
import type { Job } from "../domain/job.js";
import { type RenditionSummary, readableFormat, summarizeRendition } from "../domain/rendition.js";
import type { JobStore } from "../store/job-store.js";
import { batchById } from "./job-lookups.js";

/** Jobs of a batch read to tell what each destination received (a batch's destinations rarely differ). */
const DELIVERY_SAMPLE = 2000;

export interface BatchDelivery {
  readonly destination: string;
  readonly files: number;
  /** The rendition its files got; null: the originals, byte for byte. */
  readonly rendition: RenditionSummary | null;
  /** Files it skipped because no rendition can be made from them (`onUnsupported: skip`). */
  readonly unsupportedSkipped: number;
  /** Files it received as originals for the same reason (`onUnsupported: original`). */
  readonly unsupportedOriginals: number;
}

export interface BatchDeliveries {
  readonly destinations: readonly BatchDelivery[];
  /** A job whose source has a preview (a readable image), for the batch's thumbnail. */
  readonly previewJobId: number | null;
}

/** What each destination of batch `id` received (absent batch: a typed error). */
export async function batchDeliveries(store: JobStore, id: number): Promise<BatchDeliveries> {
  await batchById(store, id);
  return summarizeDeliveries(await store.listJobs({ batchId: id, limit: DELIVERY_SAMPLE }));
}

export function summarizeDeliveries(jobs: readonly Job[]): BatchDeliveries {
  const byDestination = new Map<string, { -readonly [K in keyof BatchDelivery]: BatchDelivery[K] }>();
  let previewJobId: number | null = null;
  for (const job of jobs) {
    let entry = byDestination.get(job.destination);
    if (entry === undefined) {
      entry = {
        destination: job.destination,
        files: 0,
        rendition: null,
        unsupportedSkipped: 0,
        unsupportedOriginals: 0,
      };
      byDestination.set(job.destination, entry);
    }
    entry.files += 1;
    const plan = job.rendition;
    if (plan?.kind === "make" && entry.rendition === null)
      entry.rendition = summarizeRendition(plan.settings);
    if (plan?.kind === "skip") entry.unsupportedSkipped += 1;
    if (plan?.kind === "original") entry.unsupportedOriginals += 1;
    if (previewJobId === null && readableFormat(job.sourcePath) !== null) previewJobId = job.id;
  }
  return { destinations: [...byDestination.values()], previewJobId };
}
