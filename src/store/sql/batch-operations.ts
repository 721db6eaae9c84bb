/** Batches, written once for both dialects: enqueueing a batch of jobs, and summing one up. */
import type { Kysely, Selectable } from "kysely";
import { type BatchSummary, batchStatus, countsFrom } from "../../domain/batch.js";
import { SyncError } from "../../domain/errors.js";
import type { EnqueueRequest, EnqueueResult } from "../job-store.js";
import { insertBatch, joinOpenBatch } from "./batch-queries.js";
import type { SqlDialect } from "./dialect.js";
import { MAX_PAGE } from "./job-queries.js";
import { all, first, type Operation } from "./operation.js";
import { rowToBatch } from "./rows.js";
import type { BatchesTable, Database } from "./tables.js";

/** Jobs per INSERT statement: well under both dialects' bound-parameter limits. */
const INSERT_CHUNK = 1000;

/** Creates (or joins) the batch and inserts its jobs as `pending`; run in one durable transaction. */
export function* enqueue(
  dialect: SqlDialect,
  request: EnqueueRequest,
  now: number,
): Operation<EnqueueResult> {
  const batch = yield* batchFor(dialect, request, now);
  const jobIds: number[] = [];
  for (let start = 0; start < request.jobs.length; start += INSERT_CHUNK) {
    const rows = request.jobs.slice(start, start + INSERT_CHUNK).map((job) => ({
      batch_id: batch.id,
      destination: job.destination,
      source_path: job.sourcePath,
      remote_path: job.remotePath,
      state: "pending" as const,
      attempts: 0,
      bytes_done: 0,
      max_retries: job.maxRetries,
      size_bytes: job.sizeBytes,
      source_mtime: job.sourceModTimeMs ?? null,
      priority: job.priority ?? 0,
      rendition: job.rendition == null ? null : JSON.stringify(job.rendition),
      created_at: now,
      updated_at: now,
    }));
    const inserted = yield* all(dialect.db.insertInto("jobs").values(rows).returning("id"));
    // One statement's ids rise in VALUES order; sorting makes that explicit.
    jobIds.push(...inserted.map((row) => Number(row.id)).sort((a, b) => a - b));
  }
  yield* dialect.wake();
  return { batch: rowToBatch(batch), jobIds };
}

/** The open batch `request` joins (its count and quiet period extended), or a new batch. */
function* batchFor(
  dialect: SqlDialect,
  request: EnqueueRequest,
  now: number,
): Operation<Selectable<BatchesTable>> {
  const open = request.openBatch;
  if (open !== undefined) {
    // Two hosts enqueueing the same export at once must join one batch, not open two.
    yield* dialect.serialise("batch", open.key);
    const joined = yield* first(joinOpenBatch(dialect.db, open, request.jobs.length, now));
    if (joined !== undefined) return joined;
  }
  const created = yield* first(insertBatch(dialect.db, request, now));
  if (created === undefined) throw new SyncError("STORE_FAILED", "The batch could not be created.");
  return created;
}

export function* getBatch(db: Kysely<Database>, id: number): Operation<BatchSummary | undefined> {
  const row = yield* first(db.selectFrom("batches").selectAll().where("id", "=", id));
  return row === undefined ? undefined : yield* summarise(db, row);
}

/** The newest batches first, each summed up. */
export function* listBatches(db: Kysely<Database>, limit: number): Operation<BatchSummary[]> {
  const rows = yield* all(
    db
      .selectFrom("batches")
      .selectAll()
      .orderBy("id", "desc")
      .limit(Math.min(Math.max(1, limit), MAX_PAGE)),
  );
  const summaries: BatchSummary[] = [];
  for (const row of rows) summaries.push(yield* summarise(db, row));
  return summaries;
}

/** The batch with its jobs counted per state and its bytes summed (batch_counts). */
function* summarise(db: Kysely<Database>, row: Selectable<BatchesTable>): Operation<BatchSummary> {
  // Kept by triggers (schema version 8): a few rows, whatever the batch's size.
  const rows = yield* all(
    db
      .selectFrom("batch_counts")
      .select(["state", "n", "bytes_total", "bytes_done"])
      .where("batch_id", "=", row.id),
  );
  const counts = countsFrom(rows.map((sum) => ({ state: sum.state, n: Number(sum.n) })));
  return {
    batch: rowToBatch(row),
    counts,
    status: batchStatus(counts),
    bytesTotal: rows.reduce((total, sum) => total + Number(sum.bytes_total ?? 0), 0),
    bytesDone: rows.reduce((total, sum) => total + Number(sum.bytes_done ?? 0), 0),
  };
}
