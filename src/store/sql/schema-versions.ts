/**
 * The queue's schema versions: one list for both dialects, each version written once with the
 * few words where SQLite and PostgreSQL differ (column types, qualified names, the counters'
 * triggers) supplied by the dialect's `SchemaDialect`. Append only: a released version is never
 * edited, since databases at every earlier version upgrade through the versions after theirs.
 * A new column is a new version here, a field in store/sql/tables.ts and its mapping.
 */
import { JOB_STATES } from "../../domain/job.js";

export interface SchemaDialect {
  /** A table (or, in DROP INDEX, an index) by name: qualified with the queue's schema on PostgreSQL. */
  table(name: string): string;
  /** A row id the database assigns (SQLite's rowid, PostgreSQL's BIGSERIAL). */
  readonly serialKey: string;
  /** Milliseconds, bytes and ids of other rows: 64-bit integers. */
  readonly int64: string;
  /** Written after a table whose primary key is all it is looked up by (SQLite: WITHOUT ROWID). */
  readonly keyedTable: string;
  /** The key of the active-jobs index (PostgreSQL leads with the destination, for claims' counts). */
  readonly activeJobsKey: string;
  /** The triggers that keep `job_counts` exact in the transaction of each change to `jobs`. */
  jobCounters(): string;
  /** The triggers that keep `batch_counts` (jobs and bytes per batch and state) exact likewise. */
  batchCounters(): string;
}

export const STATE_LIST = JOB_STATES.map((state) => `'${state}'`).join(", ");

/** Each entry: the SQL of one version. */
export const SCHEMA_VERSIONS: readonly ((d: SchemaDialect) => string)[] = [
  // 1: jobs, batches, maintained counters, workers.
  (d) => `
  CREATE TABLE ${d.table("batches")} (
    id ${d.serialKey},
    name TEXT,
    created_at ${d.int64} NOT NULL,
    job_count INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE ${d.table("jobs")} (
    id ${d.serialKey},
    batch_id ${d.int64} NOT NULL REFERENCES ${d.table("batches")} (id),
    destination TEXT NOT NULL,
    source_path TEXT NOT NULL,
    remote_path TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN (${STATE_LIST})),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_retries INTEGER NOT NULL,
    size_bytes ${d.int64},
    bytes_done ${d.int64} NOT NULL DEFAULT 0,
    hash_type TEXT,
    hash TEXT,
    error_code TEXT,
    error_message TEXT,
    error_hint TEXT,
    error_detail TEXT,
    error_temporary INTEGER,
    next_attempt_at ${d.int64},
    lease_owner TEXT,
    lease_expires_at ${d.int64},
    created_at ${d.int64} NOT NULL,
    updated_at ${d.int64} NOT NULL,
    started_at ${d.int64},
    finished_at ${d.int64}
  );

  -- The claim query walks this: runnable jobs of one destination in FIFO order.
  CREATE INDEX jobs_runnable ON ${d.table("jobs")} (destination, id) WHERE state IN ('pending', 'retrying');
  -- Lease recovery only looks at active jobs.
  CREATE INDEX jobs_active ON ${d.table("jobs")} (${d.activeJobsKey}) WHERE state IN ('uploading', 'verifying');
  CREATE INDEX jobs_batch ON ${d.table("jobs")} (batch_id, state);
  CREATE INDEX jobs_state ON ${d.table("jobs")} (state, id);

  -- Counts by state kept by triggers: O(1) at a million rows, exact, and in the same
  -- transaction as the change that moved them.
  CREATE TABLE ${d.table("job_counts")} (state TEXT PRIMARY KEY, n ${d.int64} NOT NULL)${d.keyedTable};
  INSERT INTO ${d.table("job_counts")} (state, n) VALUES ${JOB_STATES.map((state) => `('${state}', 0)`).join(", ")};
  ${d.jobCounters()}

  CREATE TABLE ${d.table("workers")} (
    owner TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    kind TEXT NOT NULL,
    started_at ${d.int64} NOT NULL,
    heartbeat_at ${d.int64} NOT NULL
  );
  `,
  // 2: the delivery ledger, and each destination's health for `status`.
  (d) => `
  CREATE TABLE ${d.table("deliveries")} (
    destination TEXT NOT NULL,
    remote_path TEXT NOT NULL,
    source_path TEXT NOT NULL,
    size_bytes ${d.int64} NOT NULL,
    hash_type TEXT,
    hash TEXT,
    remote_mod_time TEXT,
    job_id ${d.int64} NOT NULL,
    delivered_at ${d.int64} NOT NULL,
    PRIMARY KEY (destination, remote_path)
  )${d.keyedTable};
  CREATE INDEX deliveries_source ON ${d.table("deliveries")} (source_path);

  CREATE TABLE ${d.table("destination_status")} (
    destination TEXT PRIMARY KEY,
    condition TEXT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    error_hint TEXT,
    error_detail TEXT,
    since ${d.int64} NOT NULL,
    until ${d.int64},
    concurrency INTEGER NOT NULL,
    updated_at ${d.int64} NOT NULL
  );

  -- A rename moves a job to its final remote path: keep the ledger's key and the job's in step.
  CREATE INDEX jobs_remote ON ${d.table("jobs")} (destination, remote_path);
  `,
  // 3: watch folders. A job remembers its source's modification time, so a restart can tell a
  // file it already queued from a re-export; batches can stay open for files still arriving,
  // and are announced exactly once.
  (d) => `
  ALTER TABLE ${d.table("jobs")} ADD COLUMN source_mtime ${d.int64};
  CREATE INDEX jobs_source ON ${d.table("jobs")} (destination, source_path);

  ALTER TABLE ${d.table("batches")} ADD COLUMN open_key TEXT;
  ALTER TABLE ${d.table("batches")} ADD COLUMN open_until ${d.int64};
  ALTER TABLE ${d.table("batches")} ADD COLUMN announced_at ${d.int64};
  CREATE INDEX batches_open ON ${d.table("batches")} (open_key, id) WHERE open_key IS NOT NULL;
  CREATE INDEX batches_unannounced ON ${d.table("batches")} (open_until) WHERE announced_at IS NULL AND open_until IS NOT NULL;
  `,
  // 4: scheduling and sharing. Priorities (higher first, FIFO within one), pauses that survive
  // restarts, and the bytes each destination received since a time (daily caps).
  (d) => `
  ALTER TABLE ${d.table("jobs")} ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ${d.table("jobs")} ADD COLUMN share_link TEXT;
  DROP INDEX ${d.table("jobs_runnable")};
  CREATE INDEX jobs_runnable ON ${d.table("jobs")} (destination, priority DESC, id) WHERE state IN ('pending', 'retrying');
  CREATE INDEX jobs_delivered ON ${d.table("jobs")} (destination, finished_at) WHERE state = 'completed';

  CREATE TABLE ${d.table("pauses")} (scope TEXT PRIMARY KEY, since ${d.int64} NOT NULL)${d.keyedTable};
  -- Limits set live (\`junmai-sync bwlimit\`), overriding the config's; NULL bytes: no limit.
  CREATE TABLE ${d.table("bandwidth_limits")} (scope TEXT PRIMARY KEY, bytes_per_second ${d.int64}, since ${d.int64} NOT NULL)${d.keyedTable};
  `,
  // 5: notifications survive a restart. An announced batch whose message did not go out is sent
  // by the next daemon with channels; batches announced before this version count as sent.
  (d) => `
  ALTER TABLE ${d.table("batches")} ADD COLUMN notified_at ${d.int64};
  ALTER TABLE ${d.table("batches")} ADD COLUMN notify_claimed_until ${d.int64};
  UPDATE ${d.table("batches")} SET notified_at = announced_at WHERE announced_at IS NOT NULL;
  CREATE INDEX batches_unnotified ON ${d.table("batches")} (announced_at) WHERE notified_at IS NULL AND announced_at IS NOT NULL;
  `,
  // 6: what each worker's uploads to a destination move now, and under which limit, so `status`
  // in any process shows "20 MiB/s limit · 19.6 MiB/s now" and hosts share a destination's rate.
  (d) => `
  CREATE TABLE ${d.table("transfer_rates")} (
    owner TEXT NOT NULL,
    destination TEXT NOT NULL,
    transfers INTEGER NOT NULL,
    bytes_per_second ${d.int64} NOT NULL,
    limit_bytes_per_second ${d.int64},
    updated_at ${d.int64} NOT NULL,
    PRIMARY KEY (owner, destination)
  )${d.keyedTable};
  `,
  // 7: renditions. A job for a destination with a rendition carries its plan (JSON), decided
  // when it was queued; NULL is the original, byte for byte.
  (d) => `
  ALTER TABLE ${d.table("jobs")} ADD COLUMN rendition TEXT;
  `,
  // 8: each batch's jobs and bytes per state, kept by triggers like job_counts: a batch's
  // summary (status, the dashboard, upload --wait) reads a few rows, not its 100 000 jobs.
  (d) => `
  CREATE TABLE ${d.table("batch_counts")} (
    batch_id ${d.int64} NOT NULL,
    state TEXT NOT NULL,
    n ${d.int64} NOT NULL,
    bytes_total ${d.int64} NOT NULL,
    bytes_done ${d.int64} NOT NULL,
    PRIMARY KEY (batch_id, state)
  )${d.keyedTable};
  INSERT INTO ${d.table("batch_counts")} (batch_id, state, n, bytes_total, bytes_done)
    SELECT batch_id, state, count(*), coalesce(sum(size_bytes), 0), coalesce(sum(bytes_done), 0)
    FROM ${d.table("jobs")} GROUP BY batch_id, state;
  ${d.batchCounters()}
  `,
  // 9: resumable uploads (S3 multipart, SFTP offsets). A job says which transport moved it and
  // from which byte it resumed; an upload under way keeps its UploadId (or partial file) and
  // every part the server confirmed, written before the part's bytes count as sent.
  (d) => `
  ALTER TABLE ${d.table("jobs")} ADD COLUMN transport TEXT;
  ALTER TABLE ${d.table("jobs")} ADD COLUMN resumed_from ${d.int64};
  CREATE TABLE ${d.table("resume_states")} (
    job_id ${d.int64} PRIMARY KEY,
    transport TEXT NOT NULL,
    destination TEXT NOT NULL,
    remote_path TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    part_size ${d.int64} NOT NULL,
    source_size ${d.int64} NOT NULL,
    source_mtime ${d.int64} NOT NULL,
    created_at ${d.int64} NOT NULL
  );
  CREATE TABLE ${d.table("resume_parts")} (
    job_id ${d.int64} NOT NULL,
    upload_id TEXT NOT NULL,
    part_number INTEGER NOT NULL,
    etag TEXT NOT NULL,
    size_bytes ${d.int64} NOT NULL,
    PRIMARY KEY (job_id, upload_id, part_number)
  )${d.keyedTable};
  `,
  // 10: a stored error keeps its sentences by catalogue key and parameters (JSON, see
  // store/sql/error-sentences.ts) beside their English text, so each reader sees them in their
  // language; NULL on errors stored before, which are recognised by their English text.
  (d) => `
  ALTER TABLE ${d.table("jobs")} ADD COLUMN error_says TEXT;
  ALTER TABLE ${d.table("destination_status")} ADD COLUMN error_says TEXT;
  `,
];

/** The version a database migrated by this junmai-sync is at. */
export const SCHEMA_VERSION = SCHEMA_VERSIONS.length;
