/** The statements on batches, written once for both dialects: open batches, announcements, notifications. */
import type { Selectable } from "kysely";
import type { EnqueueRequest } from "../job-store.js";
import { UNFINISHED_STATES } from "./job-queries.js";
import { type Statement, statement } from "./operation.js";
import { stateList } from "./sql-text.js";
import type { BatchCountsTable, BatchesTable } from "./tables.js";

type BatchRow = Selectable<BatchesTable>;
type Id = { id: number | string };

const OPEN_BATCH = "SELECT * FROM batches WHERE open_key = ? AND open_until > ? ORDER BY id DESC LIMIT 1";

/** The newest batch still open under `key`. */
export function openBatch(key: string, now: number): Statement<BatchRow> {
  return statement(OPEN_BATCH, [key, now]);
}

export function batchById(id: number): Statement<BatchRow> {
  return statement("SELECT * FROM batches WHERE id = ?", [id]);
}

export function newestBatches(limit: number): Statement<BatchRow> {
  return statement("SELECT * FROM batches ORDER BY id DESC LIMIT ?", [limit]);
}

/** The batch's jobs and bytes per state, kept by triggers (schema version 8). */
export function batchCounts(
  batchId: number,
): Statement<Pick<BatchCountsTable, "state" | "n" | "bytes_total" | "bytes_done">> {
  return statement("SELECT state, n, bytes_total, bytes_done FROM batch_counts WHERE batch_id = ?", [
    batchId,
  ]);
}

/**
 * Adds `added` jobs to the newest batch open under `key` and keeps it open `quietMs` longer;
 * returns nothing when no batch is open under that key.
 */
export function joinOpenBatch(
  open: { readonly key: string; readonly quietMs: number },
  added: number,
  now: number,
): Statement<BatchRow> {
  return statement(
    `UPDATE batches SET job_count = job_count + ?, open_until = ? WHERE id = (${OPEN_BATCH.replace("*", "id")}) RETURNING *`,
    [added, now + open.quietMs, open.key, now],
  );
}

export function insertBatch(request: EnqueueRequest, now: number): Statement<BatchRow> {
  const open = request.openBatch;
  return statement(
    "INSERT INTO batches (name, created_at, job_count, open_key, open_until) VALUES (?, ?, ?, ?, ?) RETURNING *",
    [
      request.batchName ?? null,
      now,
      request.jobs.length,
      open?.key ?? null,
      open === undefined ? null : now + open.quietMs,
    ],
  );
}

/** Batches held open for late files that have closed, have nothing left to move and were never announced. */
export function batchesDueForAnnouncement(now: number, limit: number): Statement<Id> {
  return statement(
    "SELECT id FROM batches WHERE announced_at IS NULL AND open_until IS NOT NULL AND open_until <= ? " +
      `AND NOT EXISTS (SELECT jobs.id FROM jobs WHERE jobs.batch_id = batches.id AND jobs.state IN (${stateList(UNFINISHED_STATES)})) ` +
      "ORDER BY open_until LIMIT ?",
    [now, limit],
  );
}

/** Claims a batch's announcement: changes one row for the first caller only. */
export function announceBatch(batchId: number, now: number): Statement {
  return statement("UPDATE batches SET announced_at = ? WHERE id = ? AND announced_at IS NULL", [
    now,
    batchId,
  ]);
}

/**
 * Claims sending an announced batch's notification until `until`: changes its row only while
 * it is not sent and nobody else's claim runs, so one daemon at a time sends it.
 */
export function claimNotification(batchId: number, now: number, until: number): Statement {
  return statement(
    "UPDATE batches SET notify_claimed_until = ? WHERE id = ? AND announced_at IS NOT NULL AND notified_at IS NULL " +
      "AND (notify_claimed_until IS NULL OR notify_claimed_until < ?)",
    [until, batchId, now],
  );
}

export function markNotified(batchId: number, now: number): Statement {
  return statement("UPDATE batches SET notified_at = ?, notify_claimed_until = NULL WHERE id = ?", [
    now,
    batchId,
  ]);
}

/** Batches announced since `since` whose notification did not go out and is not being sent now. */
export function batchesAwaitingNotification(now: number, since: number, limit: number): Statement<Id> {
  return statement(
    "SELECT id FROM batches WHERE notified_at IS NULL AND announced_at >= ? " +
      "AND (notify_claimed_until IS NULL OR notify_claimed_until < ?) ORDER BY announced_at LIMIT ?",
    [since, now, limit],
  );
}
