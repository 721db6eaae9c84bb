/** The queries on the jobs table (and the ledger a delivered job writes), built once for both dialects. */
import { type Kysely, type SqlBool, sql } from "kysely";
import type { Delivery } from "../../domain/delivery.js";
import type { Job, JobState } from "../../domain/job.js";
import type { ClaimRequest, JobQuery } from "../job-store.js";
import { deliveryRow, deliveryUpdate, jobChanges } from "./rows.js";
import type { Database } from "./tables.js";

// Literal (not bound) so SQLite can match the partial indexes' WHERE clauses.
const RUNNABLE = sql<SqlBool>`state IN ('pending', 'retrying')`;
const ACTIVE = sql<SqlBool>`state IN ('uploading', 'verifying')`;

/** States a job can still move from. */
export const UNFINISHED_STATES: readonly JobState[] = ["pending", "retrying", "uploading", "verifying"];

/** The most jobs or batches one listing returns. */
export const MAX_PAGE = 1000;

type Db = Kysely<Database>;

/** Jobs per state over the whole queue, from the counters the triggers keep. */
export function stateCounts(db: Db) {
  return db.selectFrom("job_counts").select(["state", "n"]);
}

export function jobById(db: Db, id: number) {
  return db.selectFrom("jobs").selectAll().where("id", "=", id);
}

/** One page of jobs, in id order (keyset pagination on `afterId`). */
export function jobPage(db: Db, query: JobQuery) {
  let select = db.selectFrom("jobs").selectAll();
  if (query.batchId !== undefined) select = select.where("batch_id", "=", query.batchId);
  if (query.destination !== undefined) select = select.where("destination", "=", query.destination);
  if (query.states !== undefined && query.states.length > 0)
    select = select.where("state", "in", query.states);
  if (query.afterId !== undefined) select = select.where("id", ">", query.afterId);
  return select.orderBy("id").limit(Math.min(Math.max(1, query.limit ?? 100), MAX_PAGE));
}

/** The destination's jobs that may run at `now`, in claim order: priority, then FIFO. */
export function runnableJobs(db: Db, request: ClaimRequest, now: number, limit: number) {
  let select = db
    .selectFrom("jobs")
    .selectAll()
    .where("destination", "=", request.destination)
    .where(RUNNABLE)
    .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]));
  if (request.batchId !== undefined) select = select.where("batch_id", "=", request.batchId);
  return select.orderBy("priority", "desc").orderBy("id").limit(limit);
}

/** Active jobs of the destination; of other owners than `exceptOwner` when given. */
export function activeCount(db: Db, destination: string, exceptOwner?: string) {
  let select = db
    .selectFrom("jobs")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("destination", "=", destination)
    .where(ACTIVE);
  if (exceptOwner !== undefined) select = select.where("lease_owner", "!=", exceptOwner);
  return select;
}

/** Jobs in `states` (of one batch, when given), in id order. */
export function jobsInStates(db: Db, states: readonly JobState[], batchId: number | undefined) {
  let select = db.selectFrom("jobs").selectAll().where("state", "in", states);
  if (batchId !== undefined) select = select.where("batch_id", "=", batchId);
  return select.orderBy("id");
}

/** Active jobs whose lease expired by `now` or whose owner is listed as dead. */
export function lapsedLeases(db: Db, now: number, deadOwners: readonly string[]) {
  return db
    .selectFrom("jobs")
    .selectAll()
    .where(ACTIVE)
    .where((eb) => {
      const expired = eb("lease_expires_at", "<", now);
      return deadOwners.length === 0 ? expired : eb.or([expired, eb("lease_owner", "in", deadOwners)]);
    });
}

export function leaseOwners(db: Db) {
  return db
    .selectFrom("jobs")
    .select("lease_owner")
    .distinct()
    .where(ACTIVE)
    .where("lease_owner", "is not", null);
}

/** Any job of the batch that can still move; none means the batch is finished. */
export function unfinishedJob(db: Db, batchId: number) {
  return db
    .selectFrom("jobs")
    .select("id")
    .where("batch_id", "=", batchId)
    .where("state", "in", UNFINISHED_STATES)
    .limit(1);
}

/** Extends `owner`'s leases on `ids` (non-empty) while those jobs are active. */
export function renewLeases(db: Db, owner: string, ids: readonly number[], leaseUntil: number, now: number) {
  return db
    .updateTable("jobs")
    .set({ lease_expires_at: leaseUntil, updated_at: now })
    .where("id", "in", ids)
    .where("lease_owner", "=", owner)
    .where("state", "in", ["uploading", "verifying"])
    .returning("id");
}

/** The jobs of `destination` with one of `paths` as their source, with what they remember of it. */
export function jobsBySource(db: Db, destination: string, paths: readonly string[]) {
  return db
    .selectFrom("jobs")
    .select(["source_path as path", "size_bytes", "source_mtime"])
    .where("destination", "=", destination)
    .where("source_path", "in", paths);
}

/** The delivered (completed or skipped) jobs of `destination` at one of `paths`. */
export function deliveredJobsAt(db: Db, destination: string, paths: readonly string[]) {
  return db
    .selectFrom("jobs")
    .select(["remote_path as path", "size_bytes", "source_mtime"])
    .where("destination", "=", destination)
    .where("remote_path", "in", paths)
    .where("state", "in", ["completed", "skipped"]);
}

/** Bytes of the destination's jobs completed since `since` (walks the jobs_delivered index). */
export function uploadedBytesSince(db: Db, destination: string, since: number) {
  return db
    .selectFrom("jobs")
    .select((eb) => eb.fn.sum<number | string | null>("size_bytes").as("bytes"))
    .where("destination", "=", destination)
    .where("state", "=", "completed")
    .where("finished_at", ">=", since);
}

/** Bytes of the destination's jobs waiting to upload (pending or retrying). */
export function queuedBytes(db: Db, destination: string) {
  return db
    .selectFrom("jobs")
    .select((eb) => eb.fn.sum<number | string | null>("size_bytes").as("bytes"))
    .where("destination", "=", destination)
    .where("state", "in", ["pending", "retrying"]);
}

export function setShareLink(db: Db, id: number, url: string) {
  return db.updateTable("jobs").set({ share_link: url }).where("id", "=", id);
}

/** Writes `next` over `job` only if nobody changed the job since it was read: one row, or none. */
export function updateJob(db: Db, job: Job, next: Job) {
  return db
    .updateTable("jobs")
    .set(jobChanges(next))
    .where("id", "=", job.id)
    .where("state", "=", job.state)
    .where("updated_at", "=", job.updatedAt);
}

/** Records a delivery in the ledger, replacing an earlier one at the same remote path. */
export function upsertDelivery(db: Db, delivery: Delivery) {
  return db
    .insertInto("deliveries")
    .values(deliveryRow(delivery))
    .onConflict((conflict) =>
      conflict.columns(["destination", "remote_path"]).doUpdateSet(deliveryUpdate(delivery)),
    );
}

export function deliveryAt(db: Db, destination: string, remotePath: string) {
  return db
    .selectFrom("deliveries")
    .selectAll()
    .where("destination", "=", destination)
    .where("remote_path", "=", remotePath);
}

export function deliveriesOf(db: Db, sourcePath: string) {
  return db
    .selectFrom("deliveries")
    .selectAll()
    .where("source_path", "=", sourcePath)
    .orderBy("delivered_at", "desc");
}
