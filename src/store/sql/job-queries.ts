/**
 * The statements on the jobs table (and the ledger a delivered job writes), written once for
 * both dialects as plain SQL; a text that depends on the dialect or on a shape is built once
 * and kept (sql-text.ts).
 */
import type { Selectable } from "kysely";
import type { Delivery } from "../../domain/delivery.js";
import type { JobState } from "../../domain/job.js";
import type { ClaimRequest, JobQuery } from "../job-store.js";
import type { RowLock, SqlWords } from "./dialect.js";
import type { FingerprintRow } from "./fingerprints.js";
import { type Statement, statement } from "./operation.js";
import type { JobRow } from "./rows.js";
import { powerOfTwoChunks, stateList, text } from "./sql-text.js";
import type { DeliveriesTable } from "./tables.js";

// Literal (not bound) so SQLite can match the partial indexes' WHERE clauses.
const RUNNABLE = "state IN ('pending', 'retrying')";
const ACTIVE = "state IN ('uploading', 'verifying')";

/** States a job can still move from. */
export const UNFINISHED_STATES: readonly JobState[] = ["pending", "retrying", "uploading", "verifying"];

/** The most jobs or batches one listing returns. */
export const MAX_PAGE = 1000;

/** Jobs per statement where a statement takes a list of them (well under parameter limits). */
export const ROWS_PER_STATEMENT = 64;

type Count = { n: number | string };
type Bytes = { bytes: number | string | null };

/** Jobs per state over the whole queue, from the counters the triggers keep. */
export function stateCounts(): Statement<{ state: JobState; n: number | string }> {
  return statement("SELECT state, n FROM job_counts", []);
}

export function jobById(words: SqlWords, id: number, lock?: RowLock): Statement<JobRow> {
  const lockWords = lock === undefined ? "" : words.lock(lock);
  return statement(`SELECT * FROM jobs WHERE id = ?${lockWords}`, [id]);
}

/** The jobs with these ids (at most ROWS_PER_STATEMENT … any number: one list parameter), locked. */
export function jobsByIds(words: SqlWords, ids: readonly number[], lock: RowLock): Statement<JobRow> {
  const sql = text(
    words,
    `jobsByIds:${lock}`,
    () => `SELECT * FROM jobs WHERE ${words.anyOf("id", "bigint")}${words.lock(lock)}`,
  );
  return statement(sql, [words.anyOfValues(ids)]);
}

/** One page of jobs, in id order (keyset pagination on `afterId`). */
export function jobPage(query: JobQuery): Statement<JobRow> {
  const where: string[] = [];
  const parameters: unknown[] = [];
  if (query.batchId !== undefined) {
    where.push("batch_id = ?");
    parameters.push(query.batchId);
  }
  if (query.destination !== undefined) {
    where.push("destination = ?");
    parameters.push(query.destination);
  }
  if (query.states !== undefined && query.states.length > 0)
    where.push(`state IN (${stateList(query.states)})`);
  if (query.afterId !== undefined) {
    where.push("id > ?");
    parameters.push(query.afterId);
  }
  const filter = where.length === 0 ? "" : ` WHERE ${where.join(" AND ")}`;
  return statement(`SELECT * FROM jobs${filter} ORDER BY id LIMIT ?`, [
    ...parameters,
    Math.min(Math.max(1, query.limit ?? 100), MAX_PAGE),
  ]);
}

/** The destination's jobs that may run at `now`, in claim order (priority, then FIFO), locked. */
export function runnableJobs(
  words: SqlWords,
  request: ClaimRequest,
  now: number,
  limit: number,
): Statement<JobRow> {
  const inBatch = request.batchId !== undefined;
  const sql = text(
    words,
    `runnable:${inBatch}`,
    () =>
      `SELECT * FROM jobs WHERE destination = ? AND ${RUNNABLE} AND (next_attempt_at IS NULL OR next_attempt_at <= ?)${
        inBatch ? " AND batch_id = ?" : ""
      } ORDER BY priority DESC, id LIMIT ?${words.lock("skip")}`,
  );
  return statement(sql, [request.destination, now, ...(inBatch ? [request.batchId] : []), limit]);
}

/** Active jobs of the destination held by other owners than `exceptOwner` (a group's claim asks). */
export function activeCount(words: SqlWords, destination: string, exceptOwner: string): Statement<Count> {
  const sql = text(
    words,
    "activeCount",
    () =>
      `SELECT count(*) AS n FROM jobs WHERE ${words.unindexed("destination")} = ? AND ${ACTIVE} AND lease_owner <> ?`,
  );
  return statement(sql, [destination, exceptOwner]);
}

/**
 * Jobs of the destination claimed and not yet sent (`uploading`): those holding one of its
 * upload slots. A job whose bytes have arrived (`verifying`: checked, moved into place) holds none.
 */
export function uploadingCount(words: SqlWords, destination: string): Statement<Count> {
  const sql = text(
    words,
    "uploadingCount",
    () =>
      `SELECT count(*) AS n FROM jobs WHERE ${words.unindexed("destination")} = ? AND state = 'uploading'`,
  );
  return statement(sql, [destination]);
}

/** Jobs in `states` (of one batch, when given), in id order, locked (others' skipped). */
export function jobsInStates(
  words: SqlWords,
  states: readonly JobState[],
  batchId: number | undefined,
): Statement<JobRow> {
  const inBatch = batchId !== undefined;
  const sql = text(
    words,
    `inStates:${states.join(",")}:${inBatch}`,
    () =>
      `SELECT * FROM jobs WHERE state IN (${stateList(states)})${inBatch ? " AND batch_id = ?" : ""} ORDER BY id${words.lock("skip")}`,
  );
  return statement(sql, inBatch ? [batchId] : []);
}

/** Active jobs whose lease expired by `now` or whose owner is listed as dead, locked. */
export function lapsedLeases(words: SqlWords, now: number, deadOwners: readonly string[]): Statement<JobRow> {
  const dead = deadOwners.length > 0;
  const sql = text(
    words,
    `lapsed:${dead}`,
    () =>
      `SELECT * FROM jobs WHERE ${ACTIVE} AND (lease_expires_at < ?${
        dead ? ` OR ${words.anyOf("lease_owner", "text")}` : ""
      })${words.lock("skip")}`,
  );
  return statement(sql, dead ? [now, words.anyOfValues(deadOwners)] : [now]);
}

export function leaseOwners(): Statement<{ lease_owner: string | null }> {
  return statement(`SELECT DISTINCT lease_owner FROM jobs WHERE ${ACTIVE} AND lease_owner IS NOT NULL`, []);
}

/** Any job of the batch that can still move; none means the batch is finished. */
export function unfinishedJob(batchId: number): Statement<{ id: number | string }> {
  return statement(
    `SELECT id FROM jobs WHERE batch_id = ? AND state IN (${stateList(UNFINISHED_STATES)}) LIMIT 1`,
    [batchId],
  );
}

/** Extends `owner`'s leases on `ids` (non-empty) while those jobs are active. */
export function renewLeases(
  words: SqlWords,
  owner: string,
  ids: readonly number[],
  leaseUntil: number,
  now: number,
): Statement<{ id: number | string }> {
  const sql = text(
    words,
    "renewLeases",
    () =>
      `UPDATE jobs SET lease_expires_at = ?, updated_at = ? WHERE ${words.anyOf("id", "bigint")} AND lease_owner = ? AND ${ACTIVE} RETURNING id`,
  );
  return statement(sql, [leaseUntil, now, words.anyOfValues(ids), owner]);
}

/** The jobs of `destination` with one of `paths` as their source, with what they remember of it. */
export function jobsBySource(
  words: SqlWords,
  destination: string,
  paths: readonly string[],
): Statement<FingerprintRow> {
  const sql = text(
    words,
    "jobsBySource",
    () =>
      `SELECT source_path AS path, size_bytes, source_mtime FROM jobs WHERE destination = ? AND ${words.anyOf("source_path", "text")}`,
  );
  return statement(sql, [destination, words.anyOfValues(paths)]);
}

/** The delivered (completed or skipped) jobs of `destination` at one of `paths`. */
export function deliveredJobsAt(
  words: SqlWords,
  destination: string,
  paths: readonly string[],
): Statement<FingerprintRow> {
  const sql = text(
    words,
    "deliveredJobsAt",
    () =>
      `SELECT remote_path AS path, size_bytes, source_mtime FROM jobs WHERE destination = ? AND ${words.anyOf("remote_path", "text")} AND state IN ('completed', 'skipped')`,
  );
  return statement(sql, [destination, words.anyOfValues(paths)]);
}

/** Bytes of the destination's jobs completed since `since` (walks the jobs_delivered index). */
export function uploadedBytesSince(destination: string, since: number): Statement<Bytes> {
  return statement(
    "SELECT sum(size_bytes) AS bytes FROM jobs WHERE destination = ? AND state = 'completed' AND finished_at >= ?",
    [destination, since],
  );
}

/** Bytes of the destination's jobs waiting to upload (pending or retrying). */
export function queuedBytes(destination: string): Statement<Bytes> {
  return statement(`SELECT sum(size_bytes) AS bytes FROM jobs WHERE destination = ? AND ${RUNNABLE}`, [
    destination,
  ]);
}

export function setShareLink(id: number, url: string): Statement {
  return statement("UPDATE jobs SET share_link = ? WHERE id = ?", [url, id]);
}

const DELIVERY_COLUMNS = [
  "destination",
  "remote_path",
  "source_path",
  "size_bytes",
  "hash_type",
  "hash",
  "remote_mod_time",
  "job_id",
  "delivered_at",
] as const;

/**
 * Records deliveries in the ledger, each replacing an earlier one at the same remote path, a
 * statement per power-of-two run of rows. Of two at one remote path, the later wins, as two
 * upserts one after the other would have it.
 */
export function upsertDeliveries(words: SqlWords, deliveries: readonly Delivery[]): Statement[] {
  const latest = new Map(
    deliveries.map((delivery) => [`${delivery.destination}\n${delivery.remotePath}`, delivery]),
  );
  return powerOfTwoChunks([...latest.values()], ROWS_PER_STATEMENT).map((chunk) => {
    const sql = text(words, `upsertDeliveries:${chunk.length}`, () => {
      const row = `(${DELIVERY_COLUMNS.map(() => "?").join(", ")})`;
      const update = DELIVERY_COLUMNS.slice(2)
        .map((column) => `${column} = excluded.${column}`)
        .join(", ");
      return `INSERT INTO deliveries (${DELIVERY_COLUMNS.join(", ")}) VALUES ${Array.from({ length: chunk.length }, () => row).join(", ")} ON CONFLICT (destination, remote_path) DO UPDATE SET ${update}`;
    });
    return statement(
      sql,
      chunk.flatMap((delivery) => [
        delivery.destination,
        delivery.remotePath,
        delivery.sourcePath,
        delivery.sizeBytes,
        delivery.hashType,
        delivery.hash,
        delivery.remoteModTime,
        delivery.jobId,
        delivery.deliveredAt,
      ]),
    );
  });
}

export function deliveryAt(destination: string, remotePath: string): Statement<Selectable<DeliveriesTable>> {
  return statement("SELECT * FROM deliveries WHERE destination = ? AND remote_path = ?", [
    destination,
    remotePath,
  ]);
}

export function deliveriesOf(sourcePath: string): Statement<Selectable<DeliveriesTable>> {
  return statement("SELECT * FROM deliveries WHERE source_path = ? ORDER BY delivered_at DESC", [sourcePath]);
}
