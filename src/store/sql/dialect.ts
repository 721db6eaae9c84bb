/**
 * What one SQL dialect supplies to the shared store (store/sql/sql-job-store.ts): how it runs
 * an operation, and the few statements where SQLite and PostgreSQL truly differ. Everything
 * else — every query, every decision — is written once in store/sql/.
 */
import type { Kysely, SelectQueryBuilder } from "kysely";
import type { Operation } from "./operation.js";
import type { Database } from "./tables.js";

/** What a row lock does about rows another transaction holds: skip them, or wait for them. */
export type RowLock = "skip" | "wait";

/** Transactions serialised on one key: claims of one destination, enqueues into one open batch. */
export type SerialiseKind = "claim" | "batch";

export interface TransactionOptions {
  /** The commit must survive a power cut (enqueue: an accepted job is never lost). */
  readonly durable?: boolean;
}

export interface SqlDialect {
  /** Builds and compiles this dialect's SQL. */
  readonly db: Kysely<Database>;

  /** Runs an operation statement by statement, each committing on its own (reads, single writes). */
  run<T>(operation: Operation<T>): Promise<T>;
  /**
   * Runs an operation in one transaction that holds what it read until it commits: SQLite
   * takes the single write lock up front (`BEGIN IMMEDIATE`), PostgreSQL locks rows as it reads
   * them (`lockRows`). Any error rolls the whole operation back.
   */
  transaction<T>(operation: Operation<T>, options?: TransactionOptions): Promise<T>;

  /**
   * Locks the rows `select` reads until commit. PostgreSQL: `FOR UPDATE [SKIP LOCKED]`, so hosts
   * never wait on each other's claims. SQLite: the select as it is; its transaction already
   * holds the only write lock.
   */
  lockRows<DB, TB extends keyof DB, O>(
    select: SelectQueryBuilder<DB, TB, O>,
    others: RowLock,
  ): SelectQueryBuilder<DB, TB, O>;
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
