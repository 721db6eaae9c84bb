/**
 * How PostgreSQL runs the shared operations: asynchronously through a pg pool, a transaction on
 * one pooled connection, every statement a named prepared statement (parsed and planned once
 * per connection; its `?`s numbered once per text). Its own words: row locks (`FOR UPDATE
 * [SKIP LOCKED]`, so hosts never wait on each other's claims), lists as arrays, advisory locks
 * serialising claims per destination and enqueues per open batch across hosts, and NOTIFY,
 * transactional, heard by idle workers when the change commits.
 */
import type pg from "pg";
import { SyncError } from "../../domain/errors.js";
import type { ColumnType, RowLock, SerialiseKind, SqlDialect, SqlWords } from "../sql/dialect.js";
import { changes, type Operation, runAsync, type Statement, type Step, statement } from "../sql/operation.js";
import { toPostgresStoreError } from "./postgres-errors.js";

/** PostgreSQL's words. */
export const POSTGRES_WORDS: SqlWords = Object.freeze({
  name: "postgres",
  lock: (others: RowLock) => (others === "skip" ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE"),
  anyOf: (column: string, type: ColumnType) => `${column} = ANY(?::${type}[])`,
  anyOfValues: (values: readonly (string | number)[]) => values,
  typed: (type: ColumnType) => `?::${type}`,
  unindexed: (column: string) => column,
} satisfies SqlWords);

/** A statement text as PostgreSQL takes it: `$n` parameters, and the name it is prepared under. */
interface Prepared {
  readonly name: string;
  readonly text: string;
}

export class PostgresDialect implements SqlDialect {
  readonly words = POSTGRES_WORDS;
  readonly #pool: pg.Pool;
  readonly #schema: string;
  /** Where the queue is, for error messages: never the password. */
  readonly #where: string;
  readonly #channel: string;
  readonly #prepared = new Map<string, Prepared>();
  /** Part of every statement's name; a new one after the schema changed under prepared statements. */
  #generation = 0;

  constructor(pool: pg.Pool, schema: string, where: string) {
    this.#pool = pool;
    this.#schema = schema;
    this.#where = where;
    this.#channel = notifyChannel(schema);
  }

  run<T>(operation: Operation<T>): Promise<T> {
    return this.#guard(() => runAsync(operation, (step) => this.#execute(this.#pool, step)));
  }

  transaction<T>(operation: Operation<T>): Promise<T> {
    return this.#guard(async () => {
      const client = await this.#pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        try {
          const result = await runAsync(operation, (step) => this.#execute(client, step));
          await client.query("COMMIT");
          return result;
        } catch (error: unknown) {
          await client.query("ROLLBACK").catch((rollback: unknown) => {
            // A connection that cannot even roll back is not given back to the pool.
            broken = rollback instanceof Error ? rollback : new Error(String(rollback));
          });
          throw error;
        }
      } finally {
        client.release(broken);
      }
    });
  }

  serialise(kind: SerialiseKind, key: string): Operation<void> {
    const lock = `junmai-sync:${kind}:${this.#schema}:${key}`;
    return ignore(changes(statement("SELECT pg_advisory_xact_lock(hashtext(?))", [lock])));
  }

  wake(): Operation<void> {
    return ignore(changes(statement("SELECT pg_notify(?, '')", [this.#channel])));
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async #execute(executor: pg.Pool | pg.PoolClient, step: Step): Promise<unknown> {
    const { name, text } = this.#prepare(step.statement);
    const result = await executor.query({ name, text, values: step.statement.parameters as unknown[] });
    if (step.mode === "all") return result.rows;
    if (step.mode === "first") return result.rows[0];
    return Number(result.rowCount ?? 0);
  }

  /** The text with `$1…$n` for its `?`s, named; once per text. */
  #prepare(query: Statement): Prepared {
    let prepared = this.#prepared.get(query.sql);
    if (prepared === undefined) {
      let index = 0;
      const text = query.sql.replace(/\?/g, () => `$${++index}`);
      prepared = { name: `junmai_${this.#generation}_${this.#prepared.size + 1}`, text };
      this.#prepared.set(query.sql, prepared);
    }
    return prepared;
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error: unknown) {
      if (isStalePlan(error)) {
        // Another host upgraded the schema (a new column) under our prepared `SELECT *`s: every
        // statement is prepared afresh under new names, and the write is tried again.
        this.#generation += 1;
        this.#prepared.clear();
        throw new SyncError(
          "STORE_LOCKED",
          `The queue database ${this.#where} changed its schema; try again.`,
          {
            cause: error,
            detail: error instanceof Error ? error.message : String(error),
          },
        );
      }
      throw toPostgresStoreError(error, this.#where);
    }
  }
}

/** The NOTIFY channel of one queue schema. */
export function notifyChannel(schema: string): string {
  return `junmai_sync:${schema}`;
}

/** PostgreSQL's answer to a prepared statement whose table gained a column since it was prepared. */
function isStalePlan(error: unknown): boolean {
  return (
    error instanceof Error &&
    "code" in error &&
    error.code === "0A000" &&
    /cached plan must not change result type/i.test(error.message)
  );
}

function* ignore(operation: Operation<unknown>): Operation<void> {
  yield* operation;
}
