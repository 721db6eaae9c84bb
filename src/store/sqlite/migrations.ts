/**
 * SQLite's words for the shared schema versions (store/sql/schema-versions.ts), and how a
 * database file is brought up to date: the version is tracked in SQLite's `user_version`, and
 * before migrating a database that already holds a schema, the file is backed up next to
 * itself, so an upgrade can always be undone.
 */
import type BetterSqlite3 from "better-sqlite3";
import { SyncError } from "../../domain/errors.js";
import { SCHEMA_VERSION, SCHEMA_VERSIONS, type SchemaDialect } from "../sql/schema-versions.js";

const SQLITE_SCHEMA: SchemaDialect = {
  table: (name) => name,
  serialKey: "INTEGER PRIMARY KEY",
  // SQLite's INTEGER holds 64 bits.
  int64: "INTEGER",
  keyedTable: " WITHOUT ROWID",
  activeJobsKey: "lease_expires_at",
  // One counter update per row changed: SQLite has no statement-level triggers.
  jobCounters: () => `
  CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs BEGIN
    UPDATE job_counts SET n = n + 1 WHERE state = NEW.state;
  END;
  CREATE TRIGGER jobs_count_update AFTER UPDATE OF state ON jobs WHEN OLD.state <> NEW.state BEGIN
    UPDATE job_counts SET n = n - 1 WHERE state = OLD.state;
    UPDATE job_counts SET n = n + 1 WHERE state = NEW.state;
  END;
  CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs BEGIN
    UPDATE job_counts SET n = n - 1 WHERE state = OLD.state;
  END;`,
  batchCounters: () => `
  CREATE TRIGGER jobs_batch_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO batch_counts (batch_id, state, n, bytes_total, bytes_done)
      VALUES (NEW.batch_id, NEW.state, 1, coalesce(NEW.size_bytes, 0), NEW.bytes_done)
      ON CONFLICT (batch_id, state) DO UPDATE SET n = n + 1,
        bytes_total = bytes_total + excluded.bytes_total, bytes_done = bytes_done + excluded.bytes_done;
  END;
  CREATE TRIGGER jobs_batch_update AFTER UPDATE OF batch_id, state, size_bytes, bytes_done ON jobs BEGIN
    UPDATE batch_counts SET n = n - 1, bytes_total = bytes_total - coalesce(OLD.size_bytes, 0),
        bytes_done = bytes_done - OLD.bytes_done
      WHERE batch_id = OLD.batch_id AND state = OLD.state;
    INSERT INTO batch_counts (batch_id, state, n, bytes_total, bytes_done)
      VALUES (NEW.batch_id, NEW.state, 1, coalesce(NEW.size_bytes, 0), NEW.bytes_done)
      ON CONFLICT (batch_id, state) DO UPDATE SET n = n + 1,
        bytes_total = bytes_total + excluded.bytes_total, bytes_done = bytes_done + excluded.bytes_done;
  END;
  CREATE TRIGGER jobs_batch_delete AFTER DELETE ON jobs BEGIN
    UPDATE batch_counts SET n = n - 1, bytes_total = bytes_total - coalesce(OLD.size_bytes, 0),
        bytes_done = bytes_done - OLD.bytes_done
      WHERE batch_id = OLD.batch_id AND state = OLD.state;
  END;`,
};

/** The SQL of each schema version, as SQLite runs it. */
export const MIGRATIONS: readonly string[] = SCHEMA_VERSIONS.map((version) => version(SQLITE_SCHEMA));

export { SCHEMA_VERSION };

/** Brings the database to SCHEMA_VERSION; returns the backup's path when one was made. */
export function migrate(
  db: BetterSqlite3.Database,
  file: string,
  now: number,
): Promise<string | null> | null {
  const current = Number(db.pragma("user_version", { simple: true }));
  if (current > SCHEMA_VERSION) {
    throw new SyncError(
      "STORE_TOO_NEW",
      `The queue database ${file} has schema version ${current}; this junmai-sync knows up to ${SCHEMA_VERSION}.`,
    );
  }
  if (current === SCHEMA_VERSION) return null;
  const apply = () => {
    const run = db.transaction(() => {
      for (let version = current; version < SCHEMA_VERSION; version += 1) {
        db.exec(MIGRATIONS[version] ?? "");
      }
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    });
    run.immediate();
  };
  if (current === 0) {
    apply();
    return null;
  }
  const backup = `${file}.v${current}-${new Date(now).toISOString().replace(/[:.]/g, "-")}.bak`;
  return db.backup(backup).then(() => {
    apply();
    return backup;
  });
}
