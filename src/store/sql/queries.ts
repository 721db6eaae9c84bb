/**
 * Queries both SQL adapters run as they are: built once with Kysely, executed by each adapter
 * its own way (better-sqlite3 synchronously, pg asynchronously).
 */
import type { Kysely } from "kysely";
import type { DestinationStatus } from "../../domain/destination-health.js";
import type { JobState } from "../../domain/job.js";
import type { EnqueueRequest, WorkerRecord } from "../job-store.js";
import { type Database, statusRow } from "./tables.js";

/** Extends `owner`'s leases on `ids` (non-empty) while those jobs are active. */
export function renewLeases(
  db: Kysely<Database>,
  owner: string,
  ids: readonly number[],
  leaseUntil: number,
  now: number,
) {
  return db
    .updateTable("jobs")
    .set({ lease_expires_at: leaseUntil, updated_at: now })
    .where("id", "in", ids)
    .where("lease_owner", "=", owner)
    .where("state", "in", ["uploading", "verifying"])
    .returning("id");
}

export const UNFINISHED_STATES: readonly JobState[] = ["pending", "retrying", "uploading", "verifying"];

/** The jobs of `destination` with one of `paths` as their source, with what they remember of it. */
export function jobsBySource(db: Kysely<Database>, destination: string, paths: readonly string[]) {
  return db
    .selectFrom("jobs")
    .select(["source_path as path", "size_bytes", "source_mtime"])
    .where("destination", "=", destination)
    .where("source_path", "in", paths);
}

/** The delivered (completed or skipped) jobs of `destination` at one of `paths`. */
export function deliveredJobsAt(db: Kysely<Database>, destination: string, paths: readonly string[]) {
  return db
    .selectFrom("jobs")
    .select(["remote_path as path", "size_bytes", "source_mtime"])
    .where("destination", "=", destination)
    .where("remote_path", "in", paths)
    .where("state", "in", ["completed", "skipped"]);
}

/** Batches held open for late files that have closed, have nothing left to move and were never announced. */
export function batchesDueForAnnouncement(db: Kysely<Database>, now: number, limit: number) {
  return db
    .selectFrom("batches")
    .select("id")
    .where("announced_at", "is", null)
    .where("open_until", "is not", null)
    .where("open_until", "<=", now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("jobs")
            .select("jobs.id")
            .whereRef("jobs.batch_id", "=", "batches.id")
            .where("jobs.state", "in", UNFINISHED_STATES),
        ),
      ),
    )
    .orderBy("open_until")
    .limit(limit);
}

/** The newest batch still open under `key`. */
export function openBatch(db: Kysely<Database>, key: string, now: number) {
  return db
    .selectFrom("batches")
    .selectAll()
    .where("open_key", "=", key)
    .where("open_until", ">", now)
    .orderBy("id", "desc")
    .limit(1);
}

/**
 * Adds `added` jobs to the newest batch open under `key` and keeps it open `quietMs` longer;
 * returns nothing when no batch is open under that key.
 */
export function joinOpenBatch(
  db: Kysely<Database>,
  open: { readonly key: string; readonly quietMs: number },
  added: number,
  now: number,
) {
  return db
    .updateTable("batches")
    .set((eb) => ({ job_count: eb("job_count", "+", added), open_until: now + open.quietMs }))
    .where("id", "=", openBatch(db, open.key, now).clearSelect().select("id"))
    .returningAll();
}

export function insertBatch(db: Kysely<Database>, request: EnqueueRequest, now: number) {
  const open = request.openBatch;
  return db
    .insertInto("batches")
    .values({
      name: request.batchName ?? null,
      created_at: now,
      job_count: request.jobs.length,
      open_key: open?.key ?? null,
      open_until: open === undefined ? null : now + open.quietMs,
    })
    .returningAll();
}

/** Bytes of the destination's jobs completed since `since` (walks the jobs_delivered index). */
export function uploadedBytesSince(db: Kysely<Database>, destination: string, since: number) {
  return db
    .selectFrom("jobs")
    .select((eb) => eb.fn.sum<number | string | null>("size_bytes").as("bytes"))
    .where("destination", "=", destination)
    .where("state", "=", "completed")
    .where("finished_at", ">=", since);
}

/** Bytes of the destination's jobs waiting to upload (pending or retrying). */
export function queuedBytes(db: Kysely<Database>, destination: string) {
  return db
    .selectFrom("jobs")
    .select((eb) => eb.fn.sum<number | string | null>("size_bytes").as("bytes"))
    .where("destination", "=", destination)
    .where("state", "in", ["pending", "retrying"]);
}

/** Pauses `scope` (keeping the time of an earlier pause), or lifts its pause. */
export function setPaused(db: Kysely<Database>, scope: string, paused: boolean, now: number) {
  return paused
    ? db
        .insertInto("pauses")
        .values({ scope, since: now })
        .onConflict((conflict) => conflict.column("scope").doNothing())
    : db.deleteFrom("pauses").where("scope", "=", scope);
}

export function pauses(db: Kysely<Database>) {
  return db.selectFrom("pauses").selectAll().orderBy("scope");
}

/** Sets a live limit (null: no limit), or removes it (undefined: back to the config's). */
export function setBandwidthOverride(
  db: Kysely<Database>,
  scope: string,
  bytesPerSecond: number | null | undefined,
  now: number,
) {
  return bytesPerSecond === undefined
    ? db.deleteFrom("bandwidth_limits").where("scope", "=", scope)
    : db
        .insertInto("bandwidth_limits")
        .values({ scope, bytes_per_second: bytesPerSecond, since: now })
        .onConflict((conflict) =>
          conflict.column("scope").doUpdateSet({ bytes_per_second: bytesPerSecond, since: now }),
        );
}

export function bandwidthOverrides(db: Kysely<Database>) {
  return db.selectFrom("bandwidth_limits").selectAll().orderBy("scope");
}

export function setShareLink(db: Kysely<Database>, id: number, url: string) {
  return db.updateTable("jobs").set({ share_link: url }).where("id", "=", id);
}

/** Claims a batch's announcement: changes one row for the first caller only. */
export function announceBatch(db: Kysely<Database>, batchId: number, now: number) {
  return db
    .updateTable("batches")
    .set({ announced_at: now })
    .where("id", "=", batchId)
    .where("announced_at", "is", null);
}

/**
 * Claims sending an announced batch's notification until `until`: changes its row only while
 * it is not sent and nobody else's claim runs, so one daemon at a time sends it.
 */
export function claimNotification(db: Kysely<Database>, batchId: number, now: number, until: number) {
  return db
    .updateTable("batches")
    .set({ notify_claimed_until: until })
    .where("id", "=", batchId)
    .where("announced_at", "is not", null)
    .where("notified_at", "is", null)
    .where((eb) => eb.or([eb("notify_claimed_until", "is", null), eb("notify_claimed_until", "<", now)]));
}

export function markNotified(db: Kysely<Database>, batchId: number, now: number) {
  return db
    .updateTable("batches")
    .set({ notified_at: now, notify_claimed_until: null })
    .where("id", "=", batchId);
}

/** Batches announced since `since` whose notification did not go out and is not being sent now. */
export function batchesAwaitingNotification(db: Kysely<Database>, now: number, since: number, limit: number) {
  return db
    .selectFrom("batches")
    .select("id")
    .where("notified_at", "is", null)
    .where("announced_at", ">=", since)
    .where((eb) => eb.or([eb("notify_claimed_until", "is", null), eb("notify_claimed_until", "<", now)]))
    .orderBy("announced_at")
    .limit(limit);
}

/** Records a destination's health, replacing what was recorded before. */
export function setDestinationStatus(db: Kysely<Database>, status: DestinationStatus, now: number) {
  const row = statusRow(status, now);
  const { destination: _destination, ...update } = row;
  return db
    .insertInto("destination_status")
    .values(row)
    .onConflict((conflict) => conflict.column("destination").doUpdateSet(update));
}

/** Registers a worker, or refreshes its heartbeat when it is registered already. */
export function upsertWorker(db: Kysely<Database>, worker: WorkerRecord) {
  return db
    .insertInto("workers")
    .values({
      owner: worker.owner,
      host: worker.host,
      pid: worker.pid,
      kind: worker.kind,
      started_at: worker.startedAt,
      heartbeat_at: worker.heartbeatAt,
    })
    .onConflict((conflict) => conflict.column("owner").doUpdateSet({ heartbeat_at: worker.heartbeatAt }));
}
