/**
 * Writing jobs as `transition` decided them: many jobs in one conditional UPDATE, each row
 * written only if it is still as it was read (state, last change, lease owner), so a lost race
 * leaves that row alone instead of overwriting it. The statement answers with the ids it
 * wrote; the caller decides what a row left alone means.
 */
import type { Job } from "../../domain/job.js";
import type { ColumnType, SqlWords } from "./dialect.js";
import { ROWS_PER_STATEMENT } from "./job-queries.js";
import { type Statement, statement } from "./operation.js";
import { jobChanges } from "./rows.js";
import { powerOfTwoChunks, text, valuesList } from "./sql-text.js";

/** One job as it was read (or last written) and as it is to be written. */
export interface JobWrite {
  readonly before: Job;
  readonly after: Job;
}

/** The columns a transition may change, and their types (PostgreSQL's VALUES needs them). */
const CHANGED: readonly (readonly [string, ColumnType])[] = [
  ["remote_path", "text"],
  ["state", "text"],
  ["attempts", "integer"],
  ["size_bytes", "bigint"],
  ["bytes_done", "bigint"],
  ["hash_type", "text"],
  ["hash", "text"],
  ["error_code", "text"],
  ["error_message", "text"],
  ["error_hint", "text"],
  ["error_detail", "text"],
  ["error_temporary", "integer"],
  ["error_says", "text"],
  ["next_attempt_at", "bigint"],
  ["lease_owner", "text"],
  ["lease_expires_at", "bigint"],
  ["updated_at", "bigint"],
  ["started_at", "bigint"],
  ["finished_at", "bigint"],
];

/** What identifies the row as it was read: the guard of the conditional update. */
const GUARD: readonly (readonly [string, ColumnType])[] = [
  ["job_id", "bigint"],
  ["old_state", "text"],
  ["old_updated_at", "bigint"],
  ["old_owner", "text"],
];

const COLUMNS = [...GUARD, ...CHANGED];

function updateText(words: SqlWords, rows: number): string {
  return text(words, `writeJobs:${rows}`, () => {
    const set = CHANGED.map(([column]) => `${column} = v.${column}`).join(", ");
    return (
      `WITH v (${COLUMNS.map(([column]) => column).join(", ")}) AS (VALUES ${valuesList(
        words,
        COLUMNS.map(([, type]) => type),
        rows,
      )}) ` +
      `UPDATE jobs SET ${set} FROM v WHERE jobs.id = v.job_id AND jobs.state = v.old_state ` +
      "AND jobs.updated_at = v.old_updated_at " +
      "AND (jobs.lease_owner = v.old_owner OR (jobs.lease_owner IS NULL AND v.old_owner IS NULL)) " +
      "RETURNING jobs.id"
    );
  });
}

/** The statements writing `writes` (one per power-of-two run of them); each returns the ids it wrote. */
export function writeJobs(
  words: SqlWords,
  writes: readonly JobWrite[],
): Statement<{ id: number | string }>[] {
  return powerOfTwoChunks(writes, ROWS_PER_STATEMENT).map((chunk) =>
    statement(
      updateText(words, chunk.length),
      chunk.flatMap(({ before, after }) => {
        const changed = jobChanges(after);
        return [
          before.id,
          before.state,
          before.updatedAt,
          before.leaseOwner,
          ...CHANGED.map(([column]) => changed[column as keyof typeof changed] ?? null),
        ];
      }),
    ),
  );
}
