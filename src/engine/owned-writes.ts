/**
 * Writing a job's outcome under our lease. The work is done by then (or its failure known); only
 * recording it can fail. While the queue database is away the write is kept and tried again,
 * rather than lost — unless the outage outlasts our patience, when the lease expires and the
 * job is recovered and checked again. A refusal (lease lost, job cancelled) lets the job go.
 */
import { SyncError } from "../domain/errors.js";
import type { Job, JobEvent } from "../domain/job.js";
import type { JobChange, JobStore } from "../store/job-store.js";

/** How long an outcome is held while the queue database is unreachable, before giving up on it. */
const STORE_OUTAGE_PATIENCE_MS = 5 * 60_000;

export interface OwnedWriter {
  readonly store: JobStore;
  readonly owner: string;
  readonly clock: () => number;
}

/** Applies the event while we hold the job; its new state, or null when we no longer own it. */
export function applyOwned(writer: OwnedWriter, id: number, event: JobEvent): Promise<Job | null> {
  return whileStoreAway(writer, async (now, unanswered) => {
    try {
      return await writer.store.apply(id, event, now, { owner: writer.owner });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return unanswered ? committedEarlier(writer, id, now) : null;
    }
  });
}

/** `applyOwned` for many jobs in one transaction; each job's new state, or null where it was let go. */
export function applyEachOwned(
  writer: OwnedWriter,
  changes: readonly JobChange[],
): Promise<Array<Job | null>> {
  if (changes.length === 0) return Promise.resolve([]);
  return whileStoreAway(writer, async (now, unanswered) => {
    const results = await writer.store.applyEach(changes, now, { owner: writer.owner });
    return Promise.all(
      results.map((result, index) => {
        if (!(result instanceof SyncError)) return result;
        const id = (changes[index] as JobChange).id;
        return unanswered ? committedEarlier(writer, id, now) : null;
      }),
    );
  });
}

async function whileStoreAway<T>(
  writer: OwnedWriter,
  write: (now: number, unanswered: boolean) => Promise<T>,
): Promise<T> {
  // One time for every try: a write that committed although its answer was lost carries it.
  const now = writer.clock();
  const giveUpAt = now + STORE_OUTAGE_PATIENCE_MS;
  let unanswered = false;
  for (let wait = 500; ; wait = Math.min(wait * 2, 10_000)) {
    try {
      return await write(now, unanswered);
    } catch (error) {
      const outage =
        error instanceof SyncError && (error.code === "STORE_UNAVAILABLE" || error.code === "STORE_LOCKED");
      if (!outage || writer.clock() + wait > giveUpAt) throw error;
      unanswered = true;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function isRefusal(error: unknown): boolean {
  return error instanceof SyncError && (error.code === "LEASE_LOST" || error.code === "ILLEGAL_TRANSITION");
}

/**
 * The job as our unanswered write left it, or null when someone else wrote it since: the store
 * stamps every write with the `now` it was given, and nobody but us holds the job.
 */
async function committedEarlier(writer: OwnedWriter, id: number, now: number): Promise<Job | null> {
  const job = await writer.store.getJob(id).catch(() => undefined);
  if (job === undefined || job.updatedAt !== now) return null;
  return job.leaseOwner === null || job.leaseOwner === writer.owner ? job : null;
}
