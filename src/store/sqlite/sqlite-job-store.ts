/**
 * The embedded store: one SQLite file in the data directory, in WAL mode so the CLI can
 * enqueue while a daemon works. The queries and decisions are the shared ones of store/sql/;
 * store/sqlite/sqlite-dialect.ts runs them synchronously, each read-then-write in one
 * `BEGIN IMMEDIATE` transaction, so two processes never both decide on the same job.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";
import { SqlJobStore } from "../sql/sql-job-store.js";
import { integrityError, quickCheck } from "./integrity.js";
import { migrate } from "./migrations.js";
import { watchQueueFile } from "./queue-file-watch.js";
import { SqliteDialect } from "./sqlite-dialect.js";
import { toStoreError } from "./sqlite-errors.js";

export const DATABASE_FILE = "queue.db";

export interface SqliteStoreOptions {
  /** Milliseconds to wait for another process's write lock before STORE_LOCKED. */
  readonly busyTimeoutMs?: number;
  readonly now?: () => number;
}

export class SqliteJobStore extends SqlJobStore {
  readonly file: string;
  readonly #sqlite: BetterSqlite3.Database;

  private constructor(file: string, sqlite: BetterSqlite3.Database) {
    super(new SqliteDialect(sqlite, file));
    this.file = file;
    this.#sqlite = sqlite;
  }

  /** PRAGMA quick_check (integrity.ts); throws STORE_CORRUPT naming the first problem. */
  async checkIntegrity(): Promise<void> {
    let problems: string[];
    try {
      problems = quickCheck(this.#sqlite);
    } catch (error: unknown) {
      throw toStoreError(error, this.file);
    }
    if (problems.length > 0) throw integrityError(this.file, problems);
  }

  /** Opens (creating and migrating as needed) the queue database in `dataDir`. */
  static async open(dataDir: string, options: SqliteStoreOptions = {}): Promise<SqliteJobStore> {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error: unknown) {
      throw new SyncError("DATA_DIR_UNUSABLE", say("store.dataDirNotCreated", { path: dataDir }), {
        cause: error,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    return SqliteJobStore.openFile(path.join(dataDir, DATABASE_FILE), options);
  }

  /** Any process's write to the queue file (see queue-file-watch.ts); workers poll regardless. */
  async subscribe(listener: () => void): Promise<() => Promise<void>> {
    const stop = watchQueueFile(this.file, listener);
    return async () => stop();
  }

  static async openFile(file: string, options: SqliteStoreOptions = {}): Promise<SqliteJobStore> {
    let sqlite: BetterSqlite3.Database | undefined;
    try {
      sqlite = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? 10_000 });
      sqlite.pragma("journal_mode = WAL");
      // NORMAL in WAL mode survives a crash of this process; a power cut may roll back the last
      // state changes, which lease recovery and idempotent re-verification repair. Enqueue runs
      // with FULL so an accepted job is never lost.
      sqlite.pragma("synchronous = NORMAL");
      sqlite.pragma("foreign_keys = ON");
      await migrate(sqlite, file, (options.now ?? Date.now)());
      return new SqliteJobStore(file, sqlite);
    } catch (error: unknown) {
      sqlite?.close();
      throw toStoreError(error, file);
    }
  }
}
