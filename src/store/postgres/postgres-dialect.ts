/**
 * How PostgreSQL runs the shared operations: asynchronously through a pg pool, a transaction on
 * one pooled connection. Its own statements: row locks (`FOR UPDATE [SKIP LOCKED]`, so hosts
 * never wait on each other's claims), advisory locks serialising claims per destination and
 * enqueues per open batch across hosts, and NOTIFY, transactional, heard by idle workers when
 * the change commits.
 */
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { RowLock, SerialiseKind, SqlDialect } from "../sql/dialect.js";
import { changes, type Operation, runAsync, type Step } from "../sql/operation.js";
import type { Database } from "../sql/tables.js";
import { toPostgresStoreError } from "./postgres-errors.js";

export class PostgresDialect implements SqlDialect {
  readonly db: Kysely<Database>;
  readonly #schema: string;
  /** Where the queue is, for error messages: never the password. */
  readonly #where: string;
  readonly #channel: string;

  constructor(db: Kysely<Database>, schema: string, where: string) {
    this.db = db;
    this.#schema = schema;
    this.#where = where;
    this.#channel = notifyChannel(schema);
  }

  run<T>(operation: Operation<T>): Promise<T> {
    return this.#guard(() => runAsync(operation, (step) => execute(this.db, step)));
  }

  transaction<T>(operation: Operation<T>): Promise<T> {
    return this.#guard(() =>
      this.db.transaction().execute((trx) => runAsync(operation, (step) => execute(trx, step))),
    );
  }

  lockRows<DB, TB extends keyof DB, O>(
    select: SelectQueryBuilder<DB, TB, O>,
    others: RowLock,
  ): SelectQueryBuilder<DB, TB, O> {
    return others === "skip" ? select.forUpdate().skipLocked() : select.forUpdate();
  }

  serialise(kind: SerialiseKind, key: string): Operation<void> {
    const lock = `junmai-sync:${kind}:${this.#schema}:${key}`;
    return ignore(changes(sql`SELECT pg_advisory_xact_lock(hashtext(${lock}))`.compile(this.db)));
  }

  wake(): Operation<void> {
    return ignore(changes(sql`SELECT pg_notify(${this.#channel}, '')`.compile(this.db)));
  }

  async close(): Promise<void> {
    // Kysely owns the pool: `destroy()` ends it.
    await this.db.destroy();
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error: unknown) {
      throw toPostgresStoreError(error, this.#where);
    }
  }
}

/** The NOTIFY channel of one queue schema. */
export function notifyChannel(schema: string): string {
  return `junmai_sync:${schema}`;
}

async function execute(executor: Kysely<Database>, step: Step): Promise<unknown> {
  const result = await executor.executeQuery(step.query);
  if (step.mode === "all") return result.rows;
  if (step.mode === "first") return result.rows[0];
  return Number(result.numAffectedRows ?? 0);
}

function* ignore(operation: Operation<unknown>): Operation<void> {
  yield* operation;
}
