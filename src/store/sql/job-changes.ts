/**
 * Every change of a job's state, written once for both dialects: `transition` decides each
 * job's next state from the job as read (or as this store last wrote it, `WrittenJobs`), and
 * one conditional UPDATE writes all of them, each row only if nobody changed it in between — a
 * lost race throws (or, in `applyEach`, is refused) with LEASE_LOST instead of overwriting.
 * Each operation runs inside one `SqlDialect.transaction`.
 */
import { type Delivery, deliveryOf } from "../../domain/delivery.js";
import { SyncError } from "../../domain/errors.js";
import { type Job, type JobEvent, type JobState, transition } from "../../domain/job.js";
import { type ApplyGuard, asRefusal, type ClaimRequest, type JobChange } from "../job-store.js";
import type { SqlDialect } from "./dialect.js";
import {
  activeCount,
  jobsByIds,
  jobsInStates,
  lapsedLeases,
  runnableJobs,
  uploadingCount,
  upsertDeliveries,
} from "./job-queries.js";
import { type JobWrite, writeJobs } from "./job-writes.js";
import { all, changes, first, type Operation } from "./operation.js";
import { rowToJob } from "./rows.js";

/** What this store last wrote of a job, if it still knows (see written-jobs.ts). */
export type Written = (id: number) => Job | undefined;

/** Takes up to `request.limit` runnable jobs for its owner, within the destination's limit. */
export function* claim(dialect: SqlDialect, request: ClaimRequest, now: number): Operation<Job[]> {
  const { words } = dialect;
  let limit = request.limit;
  if (request.exclusive) {
    yield* dialect.serialise("claim", request.destination);
    if (Number((yield* first(activeCount(words, request.destination, request.owner)))?.n ?? 0) > 0) return [];
  } else if (request.destinationLimit !== undefined) {
    yield* dialect.serialise("claim", request.destination);
    const uploading = Number((yield* first(uploadingCount(words, request.destination)))?.n ?? 0);
    limit = Math.min(limit, request.destinationLimit - uploading);
    if (limit <= 0) return [];
  }
  const rows = yield* all(runnableJobs(words, request, now, limit));
  const event: JobEvent = { type: "claimed", owner: request.owner, leaseUntil: now + request.leaseMs };
  return yield* writeAll(dialect, rows.map(rowToJob), event, now);
}

/**
 * Applies each change as `apply` would: in order, a job's later change starting from its
 * earlier one's result; a job that cannot take its event comes back as that SyncError in the
 * change's place, and the others still change. All of it in one UPDATE (and one ledger upsert).
 */
export function* applyEach(
  dialect: SqlDialect,
  list: readonly JobChange[],
  now: number,
  guard: ApplyGuard,
  written: Written,
): Operation<Array<Job | SyncError>> {
  const results: Array<Job | SyncError | undefined> = new Array(list.length);
  const ids = [...new Set(list.map((change) => change.id))];
  const known = new Map<number, Job>();
  for (const id of ids) {
    const job = written(id);
    if (job !== undefined) known.set(id, job);
  }
  // First from what this store wrote (no read); what that cannot settle, from a fresh read.
  const unsettled = yield* decideAndWrite(
    dialect,
    list,
    ids.filter((id) => known.has(id)),
    known,
    now,
    guard,
    results,
    false,
  );
  const toRead = [...unsettled, ...ids.filter((id) => !known.has(id))];
  if (toRead.length > 0) {
    const fresh = new Map<number, Job>();
    for (const row of yield* all(jobsByIds(dialect.words, toRead, "wait"))) {
      const job = rowToJob(row);
      fresh.set(job.id, job);
    }
    yield* decideAndWrite(dialect, list, toRead, fresh, now, guard, results, true);
  }
  return results.map((result) => result ?? new SyncError("STORE_FAILED", "A change was not decided."));
}

/**
 * Decides the changes of `ids` from `jobs` and writes them. With `fresh` rows (read under this
 * transaction's lock), every refusal is final; with remembered ones, any job not settled
 * cleanly is returned, to be read and decided again.
 */
function* decideAndWrite(
  dialect: SqlDialect,
  list: readonly JobChange[],
  ids: readonly number[],
  jobs: ReadonlyMap<number, Job>,
  now: number,
  guard: ApplyGuard,
  results: Array<Job | SyncError | undefined>,
  fresh: boolean,
): Operation<number[]> {
  const wanted = new Set(ids);
  const current = new Map<number, Job>();
  const refused = new Set<number>();
  const deliveries = new Map<number, Delivery[]>();
  const decided: Array<[number, Job | SyncError]> = [];
  list.forEach((change, index) => {
    if (!wanted.has(change.id)) return;
    const job = current.get(change.id) ?? jobs.get(change.id);
    let result: Job | SyncError;
    try {
      if (job === undefined) throw new SyncError("JOB_NOT_FOUND", `There is no job ${change.id}.`);
      if (guard.owner !== undefined && job.leaseOwner !== guard.owner) {
        throw new SyncError(
          "LEASE_LOST",
          `Job ${change.id} is no longer held by this worker (it is ${job.state}).`,
        );
      }
      result = transition(job, change.event, now);
      current.set(change.id, result);
      const delivery = deliveryOf(result, change.event);
      if (delivery !== null) deliveries.set(change.id, [...(deliveries.get(change.id) ?? []), delivery]);
    } catch (error: unknown) {
      result = asRefusal(error);
      refused.add(change.id);
    }
    decided.push([index, result]);
  });
  // A job remembered, not read, is never refused on that word: it is read again.
  const again = new Set(fresh ? [] : refused);
  const writes: JobWrite[] = [];
  for (const id of ids) {
    const after = current.get(id);
    const before = jobs.get(id);
    if (after !== undefined && before !== undefined && !again.has(id)) writes.push({ before, after });
  }
  const wrote = yield* writeRows(dialect, writes);
  for (const { before } of writes) if (!wrote.has(before.id) && !fresh) again.add(before.id);
  const lost = (id: number, event: JobEvent) =>
    new SyncError("LEASE_LOST", `Job ${id} was changed by another worker; \`${event.type}\` not applied.`);
  for (const [index, result] of decided) {
    const change = list[index] as JobChange;
    if (again.has(change.id)) continue;
    const unwritten = !(result instanceof SyncError) && !wrote.has(change.id);
    results[index] = unwritten ? lost(change.id, change.event) : result;
  }
  const delivered = [...deliveries].filter(([id]) => wrote.has(id)).flatMap(([, rows]) => rows);
  for (const upsert of upsertDeliveries(dialect.words, delivered)) yield* changes(upsert);
  return [...again];
}

/** Applies one event to every job in `states` (of one batch, when given); returns how many. */
export function* applyToAll(
  dialect: SqlDialect,
  filter: { readonly states: readonly JobState[]; readonly batchId?: number | undefined },
  event: JobEvent,
  now: number,
): Operation<number> {
  // Rows another host holds right now are left to it; the rest change together.
  const rows = yield* all(jobsInStates(dialect.words, filter.states, filter.batchId));
  return (yield* writeAll(dialect, rows.map(rowToJob), event, now)).length;
}

/** Returns to `pending` every active job whose lease expired or whose owner is dead. */
export function* recoverLeases(
  dialect: SqlDialect,
  now: number,
  deadOwners: readonly string[],
): Operation<Job[]> {
  const rows = yield* all(lapsedLeases(dialect.words, now, deadOwners));
  return yield* writeAll(dialect, rows.map(rowToJob), { type: "leaseExpired" }, now);
}

/** Applies `event` to each of `jobs` (read under this transaction's lock) and writes them all, or throws. */
function* writeAll(
  dialect: SqlDialect,
  jobs: readonly Job[],
  event: JobEvent,
  now: number,
): Operation<Job[]> {
  const writes = jobs.map((before) => ({ before, after: transition(before, event, now) }));
  const wrote = yield* writeRows(dialect, writes);
  const missed = writes.find(({ before }) => !wrote.has(before.id));
  if (missed !== undefined) {
    throw new SyncError(
      "LEASE_LOST",
      `Job ${missed.before.id} was changed by another worker; \`${event.type}\` not applied.`,
    );
  }
  const delivered = writes.flatMap(({ after }) => deliveryOf(after, event) ?? []);
  for (const upsert of upsertDeliveries(dialect.words, delivered)) yield* changes(upsert);
  return writes.map(({ after }) => after);
}

/** Writes each job whose row is still as it was; the ids written. Wakes workers for jobs back to pending. */
function* writeRows(dialect: SqlDialect, writes: readonly JobWrite[]): Operation<Set<number>> {
  const wrote = new Set<number>();
  for (const update of writeJobs(dialect.words, writes)) {
    for (const row of yield* all(update)) wrote.add(Number(row.id));
  }
  if (writes.some(({ before, after }) => after.state === "pending" && wrote.has(before.id)))
    yield* dialect.wake();
  return wrote;
}
