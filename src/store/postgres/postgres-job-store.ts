/**
 * The studio store: one PostgreSQL schema shared by every export machine and upload host. The
 * queries and decisions are the shared ones of store/sql/; store/postgres/postgres-dialect.ts
 * runs them with row locks, advisory locks and NOTIFY, so claims never wait on another host's
 * rows, a destination's concurrency holds across hosts, and idle workers wake at once when work
 * is queued (they poll regardless).
 */
import pg from "pg";
import { redactSecrets } from "../../domain/redact.js";
import { SqlJobStore } from "../sql/sql-job-store.js";
import { migratePostgres } from "./migrations.js";
import { notifyChannel, PostgresDialect } from "./postgres-dialect.js";
import { toPostgresStoreError } from "./postgres-errors.js";
import { listen } from "./postgres-listener.js";

export interface PostgresStoreOptions {
  readonly url: string;
  readonly schema: string;
  readonly poolSize?: number;
  readonly now?: () => number;
}

export class PostgresJobStore extends SqlJobStore {
  readonly #options: PostgresStoreOptions;

  private constructor(options: PostgresStoreOptions, pool: pg.Pool, where: string) {
    // The dialect owns the pool from here: `close()` ends it.
    super(new PostgresDialect(pool, options.schema, where));
    this.#options = options;
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresJobStore> {
    const pool = new pg.Pool(clientConfig(options, options.poolSize ?? 5));
    // An idle connection dropped by the server must not crash the process: the next query
    // gets a fresh connection, or a STORE_UNAVAILABLE the workers wait out.
    pool.on("error", () => undefined);
    // pg-pool only listens for errors on idle clients: a connection dropped while a query runs
    // would emit an unhandled 'error' and end the process. The query itself is rejected (and
    // becomes STORE_UNAVAILABLE), so the event needs nothing more than a listener.
    pool.on("connect", (client) => {
      client.on("error", () => undefined);
    });
    const where = `${redactSecrets(options.url)} (schema ${options.schema})`;
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client, options.schema, (options.now ?? Date.now)());
      } finally {
        client.release();
      }
      return new PostgresJobStore(options, pool, where);
    } catch (error: unknown) {
      await pool.end().catch(() => undefined);
      throw toPostgresStoreError(error, where);
    }
  }

  /** Calls `listener` soon after jobs are queued (or re-queued, or resumed) by any host. */
  async subscribe(listener: () => void): Promise<() => Promise<void>> {
    return listen(clientConfig(this.#options, 1), notifyChannel(this.#options.schema), listener);
  }
}

function clientConfig(options: PostgresStoreOptions, max: number): pg.PoolConfig {
  return {
    connectionString: options.url,
    max,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    options: `-c search_path="${options.schema}"`,
    application_name: "junmai-sync",
  };
}
