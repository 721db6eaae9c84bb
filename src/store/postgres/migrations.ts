/**
 * PostgreSQL's words for the shared schema versions (store/sql/schema-versions.ts), and how a
 * queue schema is brought up to date: versions are recorded in `schema_migrations` of the
 * queue's own schema, each applied in its own transaction, and a session advisory lock makes
 * concurrent starts (two upload hosts booting together) migrate once.
 */
import type pg from "pg";
import { SyncError } from "../../domain/errors.js";
import { SCHEMA_VERSION, SCHEMA_VERSIONS, type SchemaDialect } from "../sql/schema-versions.js";

/** PostgreSQL's words for the schema `s` (quoted). */
function postgresSchema(s: string): SchemaDialect {
  return {
    table: (name) => `${s}.${name}`,
    serialKey: "BIGSERIAL PRIMARY KEY",
    int64: "BIGINT",
    keyedTable: "",
    activeJobsKey: "destination, lease_expires_at",
    // Counts kept per statement from transition tables: one counter update per statement, not
    // per row (an enqueue of 100 000 jobs touches each counter once), in the same transaction.
    jobCounters: () => `
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
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.jobs_count_delete();`,
    // Per statement from transition tables, like job_counts; each trigger hands its signed
    // deltas, one row per batch and state, to one upsert.
    batchCounters: () => `
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
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.jobs_batch_delete();`,
  };
}

export async function migratePostgres(client: pg.ClientBase, schema: string, now: number): Promise<void> {
  const quoted = `"${schema}"`;
  const words = postgresSchema(quoted);
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
    if (current > SCHEMA_VERSION) {
      throw new SyncError(
        "STORE_TOO_NEW",
        `The queue schema "${schema}" has version ${current}; this junmai-sync knows up to ${SCHEMA_VERSION}.`,
      );
    }
    for (const [index, version] of SCHEMA_VERSIONS.entries()) {
      if (index < current) continue;
      await client.query("BEGIN");
      try {
        await client.query(version(words));
        await client.query(`INSERT INTO ${quoted}.schema_migrations (version, applied_at) VALUES ($1, $2)`, [
          index + 1,
          now,
        ]);
        await client.query("COMMIT");
      } catch (error: unknown) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`junmai-sync:migrate:${schema}`]);
  }
}
