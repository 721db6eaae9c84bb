/**
 * How SQLite runs the shared operations: synchronously, through better-sqlite3, from a cache of
 * prepared statements (one per statement text; the texts are kept per shape, so the cache
 * stays small). A transaction is `BEGIN IMMEDIATE` — the single write lock taken up front, so
 * a read-then-write never fails half-way and two processes never both decide on one job — and
 * never spans an `await`: with a synchronous driver, a second connection in the same thread
 * waiting on the lock would otherwise block the very thread that holds it until the busy timeout.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { SqlDialect, SqlWords, TransactionOptions } from "../sql/dialect.js";
import { nothing, type Operation, runSync, type Step } from "../sql/operation.js";
import { toStoreError } from "./sqlite-errors.js";

/** SQLite's words: no row locks (one writer), lists as JSON arrays, `+column` to skip an index. */
export const SQLITE_WORDS: SqlWords = Object.freeze({
  name: "sqlite",
  lock: () => "",
  anyOf: (column: string) => `${column} IN (SELECT value FROM json_each(?))`,
  anyOfValues: (values: readonly (string | number)[]) => JSON.stringify(values),
  typed: () => "?",
  unindexed: (column: string) => `+${column}`,
} satisfies SqlWords);

export class SqliteDialect implements SqlDialect {
  readonly words = SQLITE_WORDS;
  readonly #sqlite: BetterSqlite3.Database;
  readonly #file: string;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly #execute = (step: Step): unknown => this.#executeStep(step);

  constructor(sqlite: BetterSqlite3.Database, file: string) {
    this.#sqlite = sqlite;
    this.#file = file;
  }

  run<T>(operation: Operation<T>): Promise<T> {
    return this.#guard(() => runSync(operation, this.#execute));
  }

  transaction<T>(operation: Operation<T>, options: TransactionOptions = {}): Promise<T> {
    return this.#guard(() => {
      const immediate = () => this.#sqlite.transaction(() => runSync(operation, this.#execute)).immediate();
      if (options.durable !== true) return immediate();
      // NORMAL (the connection's setting) survives a crash of this process; FULL also a power cut.
      this.#sqlite.pragma("synchronous = FULL");
      try {
        return immediate();
      } finally {
        this.#sqlite.pragma("synchronous = NORMAL");
      }
    });
  }

  serialise(): Operation<void> {
    return nothing();
  }

  wake(): Operation<void> {
    return nothing();
  }

  async close(): Promise<void> {
    this.#statements.clear();
    if (this.#sqlite.open) this.#sqlite.close();
  }

  #executeStep(step: Step): unknown {
    const { sql, parameters } = step.statement;
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#sqlite.prepare(sql);
      this.#statements.set(sql, statement);
    }
    if (step.mode === "all") return statement.all(...parameters);
    if (step.mode === "first") return statement.get(...parameters);
    return statement.run(...parameters).changes;
  }

  /** Runs synchronous store work, mapping SQLite failures to SyncErrors. */
  #guard<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error: unknown) {
      return Promise.reject(toStoreError(error, this.#file));
    }
  }
}
