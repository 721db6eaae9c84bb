/**
 * What one SQL dialect supplies to the shared store (store/sql/sql-job-store.ts): how it runs
 * an operation, and the few words where SQLite and PostgreSQL truly differ. Everything else —
 * every statement, every decision — is written once in store/sql/.
 */
import type { Operation } from "./operation.js";

/** What a row lock does about rows another transaction holds: skip them, or wait for them. */
export type RowLock = "skip" | "wait";

/** Transactions serialised on one key: claims of one destination, enqueues into one open batch. */
export type SerialiseKind = "claim" | "batch";

/** The column types a statement's parameters need to be told apart in a VALUES list. */
export type ColumnType = "bigint" | "integer" | "text";

export interface TransactionOptions {
  /** The commit must survive a power cut (enqueue: an accepted job is never lost). */
  readonly durable?: boolean;
}

/**
 * The words of a dialect's SQL. Statements are written once with them and kept per dialect
 * (see `sql-text.ts`), so a statement's text is built once per shape, not per call.
 */
export interface SqlWords {
  /** The dialect's name, part of every kept text's key. */
  readonly name: "sqlite" | "postgres";
  /**
   * After a SELECT: locks the rows it reads until commit. PostgreSQL: `FOR UPDATE [SKIP
   * LOCKED]`, so hosts never wait on each other's claims. SQLite: nothing; its transaction
   * already holds the only write lock.
   */
  lock(others: RowLock): string;
  /**
   * `column` is one of a list given as one parameter (`anyOfValues`), whatever its length: one
   * statement text for every length. SQLite: `IN (SELECT value FROM json_each(?))`;
   * PostgreSQL: `= ANY(?::type[])`.
   */
  anyOf(column: string, type: ColumnType): string;
  /** The parameter `anyOf` takes for `values`. */
  anyOfValues(values: readonly (string | number)[]): unknown;
  /** A parameter in a VALUES list whose columns have no type (PostgreSQL casts it). */
  typed(type: ColumnType): string;
  /**
   * `column` compared without using its indexes. SQLite's planner, without statistics, takes
   * an index on the destination over the small partial index of active jobs (1.8 ms against
   * 0.03 ms at 10 000 jobs); PostgreSQL's active-jobs index leads with the destination.
   */
  unindexed(column: string): string;
}

export interface SqlDialect {
  readonly words: SqlWords;

  /** Runs an operation statement by statement, each committing on its own (reads, single writes). */
  run<T>(operation: Operation<T>): Promise<T>;
  /**
   * Runs an operation in one transaction that holds what it read until it commits: SQLite
   * takes the single write lock up front (`BEGIN IMMEDIATE`), PostgreSQL locks rows as it reads
   * them (`words.lock`). Any error rolls the whole operation back.
   */
  transaction<T>(operation: Operation<T>, options?: TransactionOptions): Promise<T>;

  /**
   * Serialises transactions on `key` until commit. PostgreSQL: an advisory lock, so a
   * destination's concurrency holds across hosts. SQLite: nothing (one writer at a time).
   */
  serialise(kind: SerialiseKind, key: string): Operation<void>;
  /**
   * Wakes idle workers once the transaction commits (new or re-queued work). PostgreSQL:
   * NOTIFY. SQLite: nothing; workers poll.
   */
  wake(): Operation<void>;

  close(): Promise<void>;
}
