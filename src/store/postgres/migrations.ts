/**
 * PostgreSQL schema migrations: the same logical schema as SQLite's (store/sql/tables.ts),
 * recorded in `schema_migrations` of the queue's own schema. A session advisory lock makes
 * concurrent starts (two upload hosts booting together) migrate once.
 */
import type pg from "pg";
import { SyncError } from "../../domain/errors.js";
import { JOB_STATES } from "../../domain/job.js";

const STATES = JOB_STATES.map((state) => `'${state}'`).join(", ");

/** Each entry: SQL for one version, given the quoted schema name. Append only. */
export const PG_MIGRATIONS: readonly ((schema: string) => string)[] = [
  (s) => `
  CREATE TABLE ${s}.batches (
    id BIGSERIAL PRIMARY KEY,
    name TEXT,
    created_at BIGINT NOT NULL,
    job_count INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE ${s}.jobs (
    id BIGSERIAL PRIMARY KEY,
    batch_id BIGINT NOT NULL REFERENCES ${s}.batches (id),
    destination TEXT NOT NULL,
    source_path TEXT NOT NULL,
    remote_path TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN (${STATES})),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_retries INTEGER NOT NULL,
    size_bytes BIGINT,
    bytes_done BIGINT NOT NULL DEFAULT 0,
    hash_type TEXT,
    hash TEXT,
    error_code TEXT,
    error_message TEXT,
    error_hint TEXT,
    error_detail TEXT,
    error_temporary INTEGER,
    next_attempt_at BIGINT,
    lease_owner TEXT,
    lease_expires_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT
  );

  CREATE INDEX jobs_runnable ON ${s}.jobs (destination, id) WHERE state IN ('pending', 'retrying');
  CREATE INDEX jobs_active ON ${s}.jobs (destination, lease_expires_at) WHERE state IN ('uploading', 'verifying');
  CREATE INDEX jobs_batch ON ${s}.jobs (batch_id, state);
  CREATE INDEX jobs_state ON ${s}.jobs (state, id);

  CREATE TABLE ${s}.job_counts (state TEXT PRIMARY KEY, n BIGINT NOT NULL);
  INSERT INTO ${s}.job_counts (state, n) VALUES ${JOB_STATES.map((state) => `('${state}', 0)`).join(", ")};

  -- Counts kept per statement from transition tables: one counter update per statement, not
  -- per row (an enqueue of 100 000 jobs touches each counter once), in the same transaction.
  CREATE FUNCTION ${s}.jobs_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE ${s}.job_counts c SET n = c.n + d.k
      FROM (SELECT state, count(*) AS k FROM new_rows GROUP BY state) d
      WHERE c.state = d.state;
    RETURN NULL;
  END $$;
  CREATE TRIGGER jobs_count_insert AFTER INSERT ON ${s}.jobs
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.jobs_count_insert();

  CREATE FUNCTION ${s}.jobs_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE ${s}.job_counts c SET n = c.n + d.k
      FROM (
        SELECT state, sum(k) AS k FROM (
          SELECT o.state, -1 AS k FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.state <> n.state
          UNION ALL
          SELECT n.state, 1 AS k FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.state <> n.state
        ) moved GROUP BY state
      ) d
      WHERE c.state = d.state AND d.k <> 0;
    RETURN NULL;
  END $$;
  CREATE TRIGGER jobs_count_update AFTER UPDATE ON ${s}.jobs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.jobs_count_update();

  CREATE FUNCTION ${s}.jobs_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE ${s}.job_counts c SET n = c.n - d.k
      FROM (SELECT state, count(*) AS k FROM old_rows GROUP BY state) d
      WHERE c.state = d.state;
    RETURN NULL;
  END $$;
  CREATE TRIGGER jobs_count_delete AFTER DELETE ON ${s}.jobs
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.jobs_count_delete();

  CREATE TABLE ${s}.workers (
    owner TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    kind TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
  );
  `,
  // 2: the delivery ledger, and each destination's health for `status`.
  (s) => `
  CREATE TABLE ${s}.deliveries (
    destination TEXT NOT NULL,
    remote_path TEXT NOT NULL,
    source_path TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    hash_type TEXT,
    hash TEXT,
    remote_mod_time TEXT,
    job_id BIGINT NOT NULL,
    delivered_at BIGINT NOT NULL,
    PRIMARY KEY (destination, remote_path)
  );
  CREATE INDEX deliveries_source ON ${s}.deliveries (source_path);

  CREATE TABLE ${s}.destination_status (
    destination TEXT PRIMARY KEY,
    condition TEXT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    error_hint TEXT,
    error_detail TEXT,
    since BIGINT NOT NULL,
    until BIGINT,
    concurrency INTEGER NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE INDEX jobs_remote ON ${s}.jobs (destination, remote_path);
  `,
  // 3: watch folders (see the SQLite migration 3).
  (s) => `
  ALTER TABLE ${s}.jobs ADD COLUMN source_mtime BIGINT;
  CREATE INDEX jobs_source ON ${s}.jobs (destination, source_path);

  ALTER TABLE ${s}.batches ADD COLUMN open_key TEXT;
  ALTER TABLE ${s}.batches ADD COLUMN open_until BIGINT;
  ALTER TABLE ${s}.batches ADD COLUMN announced_at BIGINT;
  CREATE INDEX batches_open ON ${s}.batches (open_key, id) WHERE open_key IS NOT NULL;
  CREATE INDEX batches_unannounced ON ${s}.batches (open_until) WHERE announced_at IS NULL AND open_until IS NOT NULL;
  `,
  // 4: scheduling (see the SQLite migration 4).
  (s) => `
  ALTER TABLE ${s}.jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ${s}.jobs ADD COLUMN share_link TEXT;
  DROP INDEX ${s}.jobs_runnable;
  CREATE INDEX jobs_runnable ON ${s}.jobs (destination, priority DESC, id) WHERE state IN ('pending', 'retrying');
  CREATE INDEX jobs_delivered ON ${s}.jobs (destination, finished_at) WHERE state = 'completed';

  CREATE TABLE ${s}.pauses (scope TEXT PRIMARY KEY, since BIGINT NOT NULL);
  CREATE TABLE ${s}.bandwidth_limits (scope TEXT PRIMARY KEY, bytes_per_second BIGINT, since BIGINT NOT NULL);
  `,
  // 5: notifications survive a restart (see the SQLite migration 5).
  (s) => `
  ALTER TABLE ${s}.batches ADD COLUMN notified_at BIGINT;
  ALTER TABLE ${s}.batches ADD COLUMN notify_claimed_until BIGINT;
  UPDATE ${s}.batches SET notified_at = announced_at WHERE announced_at IS NOT NULL;
  CREATE INDEX batches_unnotified ON ${s}.batches (announced_at) WHERE notified_at IS NULL AND announced_at IS NOT NULL;
  `,
  // 6: each batch's jobs and bytes per state (see the SQLite migration 6), kept per statement
  // from transition tables like job_counts.
  (s) => `
  CREATE TABLE ${s}.batch_counts (
    batch_id BIGINT NOT NULL,
    state TEXT NOT NULL,
    n BIGINT NOT NULL,
    bytes_total BIGINT NOT NULL,
    bytes_done BIGINT NOT NULL,
    PRIMARY KEY (batch_id, state)
  );
  INSERT INTO ${s}.batch_counts (batch_id, state, n, bytes_total, bytes_done)
    SELECT batch_id, state, count(*), coalesce(sum(size_bytes), 0), coalesce(sum(bytes_done), 0)
    FROM ${s}.jobs GROUP BY batch_id, state;

  -- Adds signed deltas (batch_id, state, n, bytes_total, bytes_done), one row per key.
  CREATE FUNCTION ${s}.batch_counts_add(deltas JSONB) RETURNS void LANGUAGE sql AS $$
    INSERT INTO ${s}.batch_counts AS c (batch_id, state, n, bytes_total, bytes_done)
      SELECT (d->>'batch_id')::bigint, d->>'state', sum((d->>'n')::bigint), sum((d->>'bytes_total')::bigint),
             sum((d->>'bytes_done')::bigint)
      FROM jsonb_array_elements(deltas) d GROUP BY 1, 2
    ON CONFLICT (batch_id, state) DO UPDATE SET n = c.n + excluded.n,
      bytes_total = c.bytes_total + excluded.bytes_total, bytes_done = c.bytes_done + excluded.bytes_done;
  $$;

  CREATE FUNCTION ${s}.jobs_batch_insert() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM ${s}.batch_counts_add(coalesce((SELECT jsonb_agg(jsonb_build_object(
      'batch_id', batch_id, 'state', state, 'n', k, 'bytes_total', bt, 'bytes_done', bd))
      FROM (SELECT batch_id, state, count(*) AS k, coalesce(sum(size_bytes), 0) AS bt,
                   coalesce(sum(bytes_done), 0) AS bd FROM new_rows GROUP BY batch_id, state) g), '[]'));
    RETURN NULL;
  END $$;
  CREATE TRIGGER jobs_batch_insert AFTER INSERT ON ${s}.jobs
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.jobs_batch_insert();

  CREATE FUNCTION ${s}.jobs_batch_update() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM ${s}.batch_counts_add(coalesce((SELECT jsonb_agg(jsonb_build_object(
      'batch_id', batch_id, 'state', state, 'n', k, 'bytes_total', bt, 'bytes_done', bd))
      FROM (
        SELECT o.batch_id, o.state, -1 AS k, -coalesce(o.size_bytes, 0) AS bt, -o.bytes_done AS bd
          FROM old_rows o JOIN new_rows w ON w.id = o.id
          WHERE (o.batch_id, o.state, o.size_bytes, o.bytes_done) IS DISTINCT FROM (w.batch_id, w.state, w.size_bytes, w.bytes_done)
        UNION ALL
        SELECT w.batch_id, w.state, 1, coalesce(w.size_bytes, 0), w.bytes_done
          FROM old_rows o JOIN new_rows w ON w.id = o.id
          WHERE (o.batch_id, o.state, o.size_bytes, o.bytes_done) IS DISTINCT FROM (w.batch_id, w.state, w.size_bytes, w.bytes_done)
      ) g), '[]'));
    RETURN NULL;
  END $$;
  CREATE TRIGGER jobs_batch_update AFTER UPDATE ON ${s}.jobs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.jobs_batch_update();

  CREATE FUNCTION ${s}.jobs_batch_delete() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM ${s}.batch_counts_add(coalesce((SELECT jsonb_agg(jsonb_build_object(
      'batch_id', batch_id, 'state', state, 'n', -k, 'bytes_total', -bt, 'bytes_done', -bd))
      FROM (SELECT batch_id, state, count(*) AS k, coalesce(sum(size_bytes), 0) AS bt,
                   coalesce(sum(bytes_done), 0) AS bd FROM old_rows GROUP BY batch_id, state) g), '[]'));
    RETURN NULL;
  END $$;
  CREATE TRIGGER jobs_batch_delete AFTER DELETE ON ${s}.jobs
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.jobs_batch_delete();
  `,
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;

export async function migratePostgres(client: pg.ClientBase, schema: string, now: number): Promise<void> {
  const quoted = `"${schema}"`;
  await client.query("SELECT pg_advisory_lock(hashtext($1))", [`junmai-sync:migrate:${schema}`]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`,
    );
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${quoted}.schema_migrations`,
    );
    const current = Number(rows[0]?.version ?? 0);
    if (current > PG_SCHEMA_VERSION) {
      throw new SyncError(
        "STORE_TOO_NEW",
        `The queue schema "${schema}" has version ${current}; this junmai-sync knows up to ${PG_SCHEMA_VERSION}.`,
      );
    }
    for (let version = current; version < PG_SCHEMA_VERSION; version += 1) {
      await client.query("BEGIN");
      try {
        await client.query((PG_MIGRATIONS[version] as (s: string) => string)(quoted));
        await client.query(`INSERT INTO ${quoted}.schema_migrations (version, applied_at) VALUES ($1, $2)`, [
          version + 1,
          now,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`junmai-sync:migrate:${schema}`]);
  }
}
