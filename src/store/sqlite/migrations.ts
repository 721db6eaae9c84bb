/**
 * Versioned schema migrations, tracked in SQLite's `user_version`. Append only: a released
 * migration is never edited. Before migrating a database that already holds a schema, the file
 * is backed up next to itself, so an upgrade can always be undone.
 */
import type BetterSqlite3 from "better-sqlite3";
import { SyncError } from "../../domain/errors.js";
import { JOB_STATES } from "../../domain/job.js";

const STATE_LIST = JOB_STATES.map((state) => `'${state}'`).join(", ");

export const MIGRATIONS: readonly string[] = [
  // 1: jobs, batches, maintained counters, workers.
  `
  CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    name TEXT,
    created_at INTEGER NOT NULL,
    job_count INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    destination TEXT NOT NULL,
    source_path TEXT NOT NULL,
    remote_path TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN (${STATE_LIST})),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_retries INTEGER NOT NULL,
    size_bytes INTEGER,
    bytes_done INTEGER NOT NULL DEFAULT 0,
    hash_type TEXT,
    hash TEXT,
    error_code TEXT,
    error_message TEXT,
    error_hint TEXT,
    error_detail TEXT,
    error_temporary INTEGER,
    next_attempt_at INTEGER,
    lease_owner TEXT,
    lease_expires_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER
  );

  -- The claim query walks this: runnable jobs of one destination in FIFO order.
  CREATE INDEX jobs_runnable ON jobs (destination, id) WHERE state IN ('pending', 'retrying');
  -- Lease recovery only looks at active jobs.
  CREATE INDEX jobs_active ON jobs (lease_expires_at) WHERE state IN ('uploading', 'verifying');
  CREATE INDEX jobs_batch ON jobs (batch_id, state);
  CREATE INDEX jobs_state ON jobs (state, id);

  -- Counts by state kept by triggers: O(1) at a million rows, exact, and in the same
  -- transaction as the change that moved them.
  CREATE TABLE job_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO job_counts (state, n) VALUES ${JOB_STATES.map((state) => `('${state}', 0)`).join(", ")};

  CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs BEGIN
    UPDATE job_counts SET n = n + 1 WHERE state = NEW.state;
  END;
  CREATE TRIGGER jobs_count_update AFTER UPDATE OF state ON jobs WHEN OLD.state <> NEW.state BEGIN
    UPDATE job_counts SET n = n - 1 WHERE state = OLD.state;
    UPDATE job_counts SET n = n + 1 WHERE state = NEW.state;
  END;
  CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs BEGIN
    UPDATE job_counts SET n = n - 1 WHERE state = OLD.state;
  END;

  CREATE TABLE workers (
    owner TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    kind TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
  );
  `,
  // 2: the delivery ledger, and each destination's health for `status`.
  `
  CREATE TABLE deliveries (
    destination TEXT NOT NULL,
    remote_path TEXT NOT NULL,
    source_path TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    hash_type TEXT,
    hash TEXT,
    remote_mod_time TEXT,
    job_id INTEGER NOT NULL,
    delivered_at INTEGER NOT NULL,
    PRIMARY KEY (destination, remote_path)
  ) WITHOUT ROWID;
  CREATE INDEX deliveries_source ON deliveries (source_path);

  CREATE TABLE destination_status (
    destination TEXT PRIMARY KEY,
    condition TEXT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    error_hint TEXT,
    error_detail TEXT,
    since INTEGER NOT NULL,
    until INTEGER,
    concurrency INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  -- A rename moves a job to its final remote path: keep the ledger's key and the job's in step.
  CREATE INDEX jobs_remote ON jobs (destination, remote_path);
  `,
  // 3: watch folders. A job remembers its source's modification time, so a restart can tell a
  // file it already queued from a re-export; batches can stay open for files still arriving,
  // and are announced exactly once.
  `
  ALTER TABLE jobs ADD COLUMN source_mtime INTEGER;
  CREATE INDEX jobs_source ON jobs (destination, source_path);

  ALTER TABLE batches ADD COLUMN open_key TEXT;
  ALTER TABLE batches ADD COLUMN open_until INTEGER;
  ALTER TABLE batches ADD COLUMN announced_at INTEGER;
  CREATE INDEX batches_open ON batches (open_key, id) WHERE open_key IS NOT NULL;
  CREATE INDEX batches_unannounced ON batches (open_until) WHERE announced_at IS NULL AND open_until IS NOT NULL;
  `,
  // 4: scheduling and sharing. Priorities (higher first, FIFO within one), pauses that survive restarts,
  // and the bytes each destination received since a time (daily caps).
  `
  ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jobs ADD COLUMN share_link TEXT;
  DROP INDEX jobs_runnable;
  CREATE INDEX jobs_runnable ON jobs (destination, priority DESC, id) WHERE state IN ('pending', 'retrying');
  CREATE INDEX jobs_delivered ON jobs (destination, finished_at) WHERE state = 'completed';

  CREATE TABLE pauses (scope TEXT PRIMARY KEY, since INTEGER NOT NULL) WITHOUT ROWID;
  -- Limits set live (\`junmai-sync bwlimit\`), overriding the config's; NULL bytes: no limit.
  CREATE TABLE bandwidth_limits (scope TEXT PRIMARY KEY, bytes_per_second INTEGER, since INTEGER NOT NULL) WITHOUT ROWID;
  `,
  // 5: notifications survive a restart. An announced batch whose message did not go out is sent
  // by the next daemon with channels; batches announced before this version count as sent.
  `
  ALTER TABLE batches ADD COLUMN notified_at INTEGER;
  ALTER TABLE batches ADD COLUMN notify_claimed_until INTEGER;
  UPDATE batches SET notified_at = announced_at WHERE announced_at IS NOT NULL;
  CREATE INDEX batches_unnotified ON batches (announced_at) WHERE notified_at IS NULL AND announced_at IS NOT NULL;
  `,
  // 6: each batch's jobs and bytes per state, kept by triggers like job_counts: a batch's
  // summary (status, the dashboard, upload --wait) reads a few rows, not its 100 000 jobs.
  `
  CREATE TABLE batch_counts (
    batch_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    n INTEGER NOT NULL,
    bytes_total INTEGER NOT NULL,
    bytes_done INTEGER NOT NULL,
    PRIMARY KEY (batch_id, state)
  ) WITHOUT ROWID;
  INSERT INTO batch_counts (batch_id, state, n, bytes_total, bytes_done)
    SELECT batch_id, state, count(*), coalesce(sum(size_bytes), 0), coalesce(sum(bytes_done), 0)
    FROM jobs GROUP BY batch_id, state;

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
  END;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

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
