/** One job or batch by id (absent: a typed error), and waiting for a batch another worker runs. */
import { setTimeout as sleep } from "node:timers/promises";
import type { BatchSummary } from "../domain/batch.js";
import { SyncError } from "../domain/errors.js";
import type { Job } from "../domain/job.js";
import { say } from "../i18n/message.js";
import type { JobStore } from "../store/job-store.js";

export async function jobById(store: JobStore, id: number): Promise<Job> {
  const job = await store.getJob(id);
  if (job === undefined) throw new SyncError("JOB_NOT_FOUND", say("errors.noJob", { id }));
  return job;
}

export async function batchById(store: JobStore, id: number): Promise<BatchSummary> {
  const summary = await store.getBatch(id);
  if (summary === undefined) throw new SyncError("BATCH_NOT_FOUND", say("errors.noBatch", { id }));
  return summary;
}

export interface WaitOptions {
  readonly signal?: AbortSignal;
  readonly intervalMs?: number;
  readonly onUpdate?: (summary: BatchSummary, active: readonly Job[]) => void;
}

/** Polls a batch until it is finished (for waiting on work a daemon does). */
export async function waitForBatch(
  store: JobStore,
  batchId: number,
  options: WaitOptions,
): Promise<BatchSummary> {
  for (;;) {
    const summary = await batchById(store, batchId);
    const active = await store.listJobs({ batchId, states: ["uploading", "verifying"], limit: 50 });
    options.onUpdate?.(summary, active);
    if (summary.status === "completed" || summary.status === "failed" || summary.status === "cancelled") {
      return summary;
    }
    await sleep(options.intervalMs ?? 500, undefined, options.signal ? { signal: options.signal } : {});
  }
}
