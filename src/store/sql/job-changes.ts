/**
 * Every change of a job's state, written once for both dialects: the job is read, `transition`
 * decides its next state, and a conditional UPDATE writes it only if nobody changed the job in
 * between, so a lost race throws LEASE_LOST instead of overwriting. Each operation runs inside
 * one `SqlDialect.transaction`.
 */
import { deliveryOf } from "../../domain/delivery.js";
import { SyncError } from "../../domain/errors.js";
import { type Job, type JobEvent, type JobState, transition } from "../../domain/job.js";
import { type ApplyGuard, asRefusal, type ClaimRequest, type JobChange } from "../job-store.js";
import type { SqlDialect } from "./dialect.js";
import {
  activeCount,
  jobById,
  jobsInStates,
  lapsedLeases,
  runnableJobs,
  updateJob,
  upsertDelivery,
} from "./job-queries.js";
import { all, changes, first, type Operation } from "./operation.js";
import { rowToJob } from "./rows.js";

/** Takes up to `request.limit` runnable jobs for its owner, within the destination's limit. */
export function* claim(dialect: SqlDialect, request: ClaimRequest, now: number): Operation<Job[]> {
  const { db } = dialect;
  let limit = request.limit;
  if (request.exclusive) {
    yield* dialect.serialise("claim", request.destination);
    if (Number((yield* first(activeCount(db, request.destination, request.owner)))?.n ?? 0) > 0) return [];
  } else if (request.destinationLimit !== undefined) {
    yield* dialect.serialise("claim", request.destination);
    const active = Number((yield* first(activeCount(db, request.destination)))?.n ?? 0);
    limit = Math.min(limit, request.destinationLimit - active);
    if (limit <= 0) return [];
  }
  const rows = yield* all(dialect.lockRows(runnableJobs(db, request, now, limit), "skip"));
  const event: JobEvent = { type: "claimed", owner: request.owner, leaseUntil: now + request.leaseMs };
  const claimed: Job[] = [];
  for (const row of rows) claimed.push(yield* write(dialect, rowToJob(row), event, now));
  return claimed;
}

/**
 * Applies one event to one job; throws ILLEGAL_TRANSITION, LEASE_LOST or JOB_NOT_FOUND.
 * `written`: the job as this same transaction last wrote it, which nobody else can have
 * changed since (SQLite has one writer; PostgreSQL holds the row's lock until commit), so it
 * need not be read again.
 */
export function* apply(
  dialect: SqlDialect,
  id: number,
  event: JobEvent,
  now: number,
  guard: ApplyGuard,
  written?: Job,
): Operation<Job> {
  let job = written;
  if (job === undefined) {
    const row = yield* first(dialect.lockRows(jobById(dialect.db, id), "wait"));
    if (row === undefined) throw new SyncError("JOB_NOT_FOUND", `There is no job ${id}.`);
    job = rowToJob(row);
  }
  if (guard.owner !== undefined && job.leaseOwner !== guard.owner) {
    throw new SyncError("LEASE_LOST", `Job ${id} is no longer held by this worker (it is ${job.state}).`);
  }
  return yield* write(dialect, job, event, now);
}

/** Applies each change as `apply` would; a job's refusal comes back in its place. */
export function* applyEach(
  dialect: SqlDialect,
  list: readonly JobChange[],
  now: number,
  guard: ApplyGuard,
): Operation<Array<Job | SyncError>> {
  const results: Array<Job | SyncError> = [];
  // A group records a file's transfer and then its outcome: the second needs no second read.
  const written = new Map<number, Job>();
  // A refusal is decided before any statement fails, so the transaction goes on for the rest.
  for (const change of list) {
    try {
      const job = yield* apply(dialect, change.id, change.event, now, guard, written.get(change.id));
      written.set(job.id, job);
      results.push(job);
    } catch (error: unknown) {
      results.push(asRefusal(error));
    }
  }
  return results;
}

/** Applies one event to every job in `states` (of one batch, when given); returns how many. */
export function* applyToAll(
  dialect: SqlDialect,
  filter: { readonly states: readonly JobState[]; readonly batchId?: number | undefined },
  event: JobEvent,
  now: number,
): Operation<number> {
  // Rows another host holds right now are left to it; the rest change together.
  const rows = yield* all(dialect.lockRows(jobsInStates(dialect.db, filter.states, filter.batchId), "skip"));
  for (const row of rows) yield* write(dialect, rowToJob(row), event, now);
  return rows.length;
}

/** Returns to `pending` every active job whose lease expired or whose owner is dead. */
export function* recoverLeases(
  dialect: SqlDialect,
  now: number,
  deadOwners: readonly string[],
): Operation<Job[]> {
  const rows = yield* all(dialect.lockRows(lapsedLeases(dialect.db, now, deadOwners), "skip"));
  const recovered: Job[] = [];
  for (const row of rows) recovered.push(yield* write(dialect, rowToJob(row), { type: "leaseExpired" }, now));
  return recovered;
}

/** Applies `event` to `job` and writes it only if nobody changed the job in between. */
function* write(dialect: SqlDialect, job: Job, event: JobEvent, now: number): Operation<Job> {
  const next = transition(job, event, now);
  if ((yield* changes(updateJob(dialect.db, job, next))) !== 1) {
    throw new SyncError(
      "LEASE_LOST",
      `Job ${job.id} was changed by another worker; \`${event.type}\` not applied.`,
    );
  }
  const delivery = deliveryOf(next, event);
  if (delivery !== null) yield* changes(upsertDelivery(dialect.db, delivery));
  if (next.state === "pending") yield* dialect.wake();
  return next;
}
