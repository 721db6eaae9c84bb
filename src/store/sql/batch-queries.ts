/** The queries on batches, built once for both dialects: open batches, announcements, notifications. */
import type { Kysely } from "kysely";
import type { EnqueueRequest } from "../job-store.js";
import { UNFINISHED_STATES } from "./job-queries.js";
import type { Database } from "./tables.js";

type Db = Kysely<Database>;

/** The newest batch still open under `key`. */
export function openBatch(db: Db, key: string, now: number) {
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
  db: Db,
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

export function insertBatch(db: Db, request: EnqueueRequest, now: number) {
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

/** Batches held open for late files that have closed, have nothing left to move and were never announced. */
export function batchesDueForAnnouncement(db: Db, now: number, limit: number) {
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

/** Claims a batch's announcement: changes one row for the first caller only. */
export function announceBatch(db: Db, batchId: number, now: number) {
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
export function claimNotification(db: Db, batchId: number, now: number, until: number) {
  return db
    .updateTable("batches")
    .set({ notify_claimed_until: until })
    .where("id", "=", batchId)
    .where("announced_at", "is not", null)
    .where("notified_at", "is", null)
    .where((eb) => eb.or([eb("notify_claimed_until", "is", null), eb("notify_claimed_until", "<", now)]));
}

export function markNotified(db: Db, batchId: number, now: number) {
  return db
    .updateTable("batches")
    .set({ notified_at: now, notify_claimed_until: null })
    .where("id", "=", batchId);
}

/** Batches announced since `since` whose notification did not go out and is not being sent now. */
export function batchesAwaitingNotification(db: Db, now: number, since: number, limit: number) {
  return db
    .selectFrom("batches")
    .select("id")
    .where("notified_at", "is", null)
    .where("announced_at", ">=", since)
    .where((eb) => eb.or([eb("notify_claimed_until", "is", null), eb("notify_claimed_until", "<", now)]))
    .orderBy("announced_at")
    .limit(limit);
}
