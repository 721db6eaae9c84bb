/** Batches, written once for both dialects: enqueueing a batch of jobs, and summing one up. */
import type { Selectable } from "kysely";
import { type BatchSummary, batchStatus, countsFrom } from "../../domain/batch.js";
import { SyncError } from "../../domain/errors.js";
import type { EnqueueRequest, EnqueueResult, NewJob } from "../job-store.js";
import { batchById, batchCounts, insertBatch, joinOpenBatch, newestBatches } from "./batch-queries.js";
import type { SqlDialect, SqlWords } from "./dialect.js";
import { MAX_PAGE } from "./job-queries.js";
import { all, first, type Operation, type Statement, statement } from "./operation.js";
import { rowToBatch } from "./rows.js";
import { powerOfTwoChunks, text } from "./sql-text.js";
import type { BatchesTable } from "./tables.js";

/** Jobs per INSERT statement: well under both dialects' bound-parameter limits. */
const INSERT_CHUNK = 512;

const INSERTED = [
  "batch_id",
  "destination",
  "source_path",
  "remote_path",
  "max_retries",
  "size_bytes",
  "source_mtime",
  "priority",
  "rendition",
  "created_at",
  "updated_at",
] as const;

/** One INSERT of `jobs` as `pending`, returning their ids; its text kept per row count. */
function insertJobs(
  words: SqlWords,
  batchId: number,
  jobs: readonly NewJob[],
  now: number,
): Statement<{ id: number | string }> {
  const sql = text(words, `insertJobs:${jobs.length}`, () => {
    const row = `(${INSERTED.map(() => "?").join(", ")}, 'pending', 0, 0)`;
    return `INSERT INTO jobs (${INSERTED.join(", ")}, state, attempts, bytes_done) VALUES ${Array.from(
      { length: jobs.length },
      () => row,
    ).join(", ")} RETURNING id`;
  });
  return statement(
    sql,
    jobs.flatMap((job) => [
      batchId,
      job.destination,
      job.sourcePath,
      job.remotePath,
      job.maxRetries,
      job.sizeBytes,
      job.sourceModTimeMs ?? null,
      job.priority ?? 0,
      job.rendition == null ? null : JSON.stringify(job.rendition),
      now,
      now,
    ]),
  );
}

/** Creates (or joins) the batch and inserts its jobs as `pending`; run in one durable transaction. */
export function* enqueue(
  dialect: SqlDialect,
  request: EnqueueRequest,
  now: number,
): Operation<EnqueueResult> {
  const batch = yield* batchFor(dialect, request, now);
  const batchId = Number(batch.id);
  const jobIds: number[] = [];
  for (const chunk of powerOfTwoChunks(request.jobs, INSERT_CHUNK)) {
    const inserted = yield* all(insertJobs(dialect.words, batchId, chunk, now));
    for (const row of inserted) jobIds.push(Number(row.id));
  }
  // One statement's ids rise in VALUES order, and statements run in order; sorting makes that explicit.
  jobIds.sort((a, b) => a - b);
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
    const joined = yield* first(joinOpenBatch(open, request.jobs.length, now));
    if (joined !== undefined) return joined;
  }
  const created = yield* first(insertBatch(request, now));
  if (created === undefined) throw new SyncError("STORE_FAILED", "The batch could not be created.");
  return created;
}

export function* getBatch(id: number): Operation<BatchSummary | undefined> {
  const row = yield* first(batchById(id));
  return row === undefined ? undefined : yield* summarise(row);
}

/** The newest batches first, each summed up. */
export function* listBatches(limit: number): Operation<BatchSummary[]> {
  const rows = yield* all(newestBatches(Math.min(Math.max(1, limit), MAX_PAGE)));
  const summaries: BatchSummary[] = [];
  for (const row of rows) summaries.push(yield* summarise(row));
  return summaries;
}

/** The batch with its jobs counted per state and its bytes summed (batch_counts). */
function* summarise(row: Selectable<BatchesTable>): Operation<BatchSummary> {
  // Kept by triggers (schema version 8): a few rows, whatever the batch's size.
  const rows = yield* all(batchCounts(Number(row.id)));
  const counts = countsFrom(rows.map((sum) => ({ state: sum.state, n: Number(sum.n) })));
  return {
    batch: rowToBatch(row),
    counts,
    status: batchStatus(counts),
    bytesTotal: rows.reduce((total, sum) => total + Number(sum.bytes_total ?? 0), 0),
    bytesDone: rows.reduce((total, sum) => total + Number(sum.bytes_done ?? 0), 0),
  };
}
