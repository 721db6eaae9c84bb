/**
 * The studio store: one PostgreSQL schema shared by every export machine and upload host.
 * Claims take runnable rows with `FOR UPDATE SKIP LOCKED` (hosts never wait on each other's
 * rows) under a per-destination advisory lock (so a destination's concurrency holds across
 * hosts); every change goes through `transition` and a conditional update, as in SQLite.
 * Enqueues and re-queues send NOTIFY so idle workers wake at once; they poll regardless.
 */
import { Kysely, PostgresDialect, type Selectable, type SqlBool, sql, type Transaction } from "kysely";
import pg from "pg";
import { type Batch, type BatchSummary, batchStatus, countsFrom } from "../../domain/batch.js";
import { type Delivery, deliveryOf } from "../../domain/delivery.js";
import type { DestinationStatus } from "../../domain/destination-health.js";
import { SyncError } from "../../domain/errors.js";
import { type Job, type JobEvent, type JobState, type StateCounts, transition } from "../../domain/job.js";
import { redactSecrets } from "../../domain/redact.js";
import type {
  ApplyGuard,
  BandwidthOverride,
  ClaimRequest,
  EnqueueRequest,
  EnqueueResult,
  FileFingerprint,
  JobChange,
  JobQuery,
  JobStore,
  Pause,
  StoredDestinationStatus,
  WorkerKind,
  WorkerRecord,
} from "../job-store.js";
import { asRefusal } from "../job-store.js";
import { type FingerprintRow, matchFingerprints, pathChunks } from "../sql/fingerprints.js";
import {
  announceBatch,
  bandwidthOverrides,
  batchesAwaitingNotification,
  batchesDueForAnnouncement,
  claimNotification,
  deliveredJobsAt,
  insertBatch,
  jobsBySource,
  joinOpenBatch,
  markNotified,
  openBatch,
  pauses,
  queuedBytes,
  renewLeases,
  setBandwidthOverride,
  setPaused,
  setShareLink,
  uploadedBytesSince,
} from "../sql/queries.js";
import {
  type BatchesTable,
  type Database,
  deliveryRow,
  deliveryUpdate,
  jobChanges,
  rowToBatch,
  rowToDelivery,
  rowToJob,
  rowToOverride,
  rowToPause,
  rowToStatus,
  statusRow,
} from "../sql/tables.js";
import { migratePostgres } from "./migrations.js";
import { toPostgresStoreError } from "./postgres-errors.js";

const RUNNABLE = sql<SqlBool>`state IN ('pending', 'retrying')`;
const ACTIVE = sql<SqlBool>`state IN ('uploading', 'verifying')`;
const UNFINISHED: readonly JobState[] = ["pending", "retrying", "uploading", "verifying"];
const INSERT_CHUNK = 1000;
const MAX_PAGE = 1000;
const RECONNECT_MS = 2_000;

export interface PostgresStoreOptions {
  readonly url: string;
  readonly schema: string;
  readonly poolSize?: number;
  readonly now?: () => number;
}

type Db = Kysely<Database>;

export class PostgresJobStore implements JobStore {
  readonly #db: Db;
  readonly #options: PostgresStoreOptions;
  readonly #where: string;
  readonly #channel: string;

  private constructor(options: PostgresStoreOptions, pool: pg.Pool) {
    this.#options = options;
    // Kysely owns the pool from here: `close()` → `destroy()` ends it.
    this.#db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    this.#where = `${redactSecrets(options.url)} (schema ${options.schema})`;
    this.#channel = `junmai_sync:${options.schema}`;
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresJobStore> {
    const pool = new pg.Pool(PostgresJobStore.#clientConfig(options, options.poolSize ?? 5));
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
      return new PostgresJobStore(options, pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw toPostgresStoreError(error, where);
    }
  }

  static #clientConfig(options: PostgresStoreOptions, max: number): pg.PoolConfig {
    return {
      connectionString: options.url,
      max,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      options: `-c search_path="${options.schema}"`,
      application_name: "junmai-sync",
    };
  }

  async enqueue(request: EnqueueRequest, now: number): Promise<EnqueueResult> {
    return this.#guard(() =>
      this.#db.transaction().execute(async (trx) => {
        const batchRow = await this.#batchFor(trx, request, now);
        const jobIds: number[] = [];
        for (let start = 0; start < request.jobs.length; start += INSERT_CHUNK) {
          const rows = request.jobs.slice(start, start + INSERT_CHUNK).map((job) => ({
            batch_id: batchRow.id,
            destination: job.destination,
            source_path: job.sourcePath,
            remote_path: job.remotePath,
            state: "pending" as const,
            attempts: 0,
            bytes_done: 0,
            max_retries: job.maxRetries,
            size_bytes: job.sizeBytes,
            source_mtime: job.sourceModTimeMs ?? null,
            priority: job.priority ?? 0,
            created_at: now,
            updated_at: now,
          }));
          const inserted = await trx.insertInto("jobs").values(rows).returning("id").execute();
          // One statement's serial ids rise in VALUES order; sorting makes that explicit.
          jobIds.push(...inserted.map((row) => Number(row.id)).sort((a, b) => a - b));
        }
        await this.#notify(trx);
        return { batch: rowToBatch(batchRow), jobIds };
      }),
    );
  }

  async getJob(id: number): Promise<Job | undefined> {
    return this.#guard(async () => {
      const row = await this.#db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : rowToJob(row);
    });
  }

  async listJobs(query: JobQuery): Promise<Job[]> {
    return this.#guard(async () => {
      let select = this.#db.selectFrom("jobs").selectAll();
      if (query.batchId !== undefined) select = select.where("batch_id", "=", query.batchId);
      if (query.destination !== undefined) select = select.where("destination", "=", query.destination);
      if (query.states !== undefined && query.states.length > 0)
        select = select.where("state", "in", query.states);
      if (query.afterId !== undefined) select = select.where("id", ">", query.afterId);
      const limit = Math.min(Math.max(1, query.limit ?? 100), MAX_PAGE);
      return (await select.orderBy("id").limit(limit).execute()).map(rowToJob);
    });
  }

  async getBatch(id: number): Promise<BatchSummary | undefined> {
    return this.#guard(async () => {
      const row = await this.#db.selectFrom("batches").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : this.#summarise(rowToBatch(row));
    });
  }

  async listBatches(limit: number): Promise<BatchSummary[]> {
    return this.#guard(async () => {
      const rows = await this.#db
        .selectFrom("batches")
        .selectAll()
        .orderBy("id", "desc")
        .limit(Math.min(Math.max(1, limit), MAX_PAGE))
        .execute();
      return Promise.all(rows.map((row) => this.#summarise(rowToBatch(row))));
    });
  }

  async isBatchFinished(batchId: number): Promise<boolean> {
    return this.#guard(async () => {
      const row = await this.#db
        .selectFrom("jobs")
        .select("id")
        .where("batch_id", "=", batchId)
        .where("state", "in", UNFINISHED)
        .limit(1)
        .executeTakeFirst();
      return row === undefined;
    });
  }

  async queuedSources(destination: string, files: readonly FileFingerprint[]): Promise<Set<string>> {
    return this.#guard(async () => {
      const rows: FingerprintRow[] = [];
      for (const paths of pathChunks(files))
        rows.push(...(await jobsBySource(this.#db, destination, paths).execute()));
      return matchFingerprints(files, rows);
    });
  }

  async deliveredRemotePaths(destination: string, files: readonly FileFingerprint[]): Promise<Set<string>> {
    return this.#guard(async () => {
      const rows: FingerprintRow[] = [];
      for (const paths of pathChunks(files))
        rows.push(...(await deliveredJobsAt(this.#db, destination, paths).execute()));
      return matchFingerprints(files, rows);
    });
  }

  async setPaused(scope: string, paused: boolean, now: number): Promise<void> {
    return this.#guard(async () => {
      await setPaused(this.#db, scope, paused, now).execute();
      // Resuming is new work for every worker.
      if (!paused) await sql`SELECT pg_notify(${this.#channel}, '')`.execute(this.#db);
    });
  }

  async listPauses(): Promise<Pause[]> {
    return this.#guard(async () => (await pauses(this.#db).execute()).map(rowToPause));
  }

  async setBandwidthOverride(
    scope: string,
    bytesPerSecond: number | null | undefined,
    now: number,
  ): Promise<void> {
    return this.#guard(async () => {
      await setBandwidthOverride(this.#db, scope, bytesPerSecond, now).execute();
    });
  }

  async listBandwidthOverrides(): Promise<BandwidthOverride[]> {
    return this.#guard(async () => (await bandwidthOverrides(this.#db).execute()).map(rowToOverride));
  }

  async setShareLink(id: number, url: string): Promise<void> {
    return this.#guard(async () => {
      await setShareLink(this.#db, id, url).execute();
    });
  }

  async queuedBytes(destination: string): Promise<number> {
    return this.#guard(async () =>
      Number((await queuedBytes(this.#db, destination).executeTakeFirst())?.bytes ?? 0),
    );
  }

  async uploadedBytesSince(destination: string, since: number): Promise<number> {
    return this.#guard(async () => {
      const row = await uploadedBytesSince(this.#db, destination, since).executeTakeFirst();
      return Number(row?.bytes ?? 0);
    });
  }

  async findOpenBatch(key: string, now: number): Promise<Batch | undefined> {
    return this.#guard(async () => {
      const row = await openBatch(this.#db, key, now).executeTakeFirst();
      return row === undefined ? undefined : rowToBatch(row);
    });
  }

  async announceBatch(batchId: number, now: number): Promise<boolean> {
    return this.#guard(async () => {
      const result = await announceBatch(this.#db, batchId, now).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  async batchesDueForAnnouncement(now: number, limit: number): Promise<number[]> {
    return this.#guard(async () => {
      const rows = await batchesDueForAnnouncement(this.#db, now, limit).execute();
      return rows.map((row) => Number(row.id));
    });
  }

  async claimNotification(batchId: number, now: number, until: number): Promise<boolean> {
    return this.#guard(async () => {
      const result = await claimNotification(this.#db, batchId, now, until).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  async markNotified(batchId: number, now: number): Promise<void> {
    return this.#guard(async () => {
      await markNotified(this.#db, batchId, now).execute();
    });
  }

  async batchesAwaitingNotification(now: number, since: number, limit: number): Promise<number[]> {
    return this.#guard(async () => {
      const rows = await batchesAwaitingNotification(this.#db, now, since, limit).execute();
      return rows.map((row) => Number(row.id));
    });
  }

  async counts(): Promise<StateCounts> {
    return this.#guard(async () => {
      const rows = await this.#db.selectFrom("job_counts").select(["state", "n"]).execute();
      return countsFrom(rows.map((row) => ({ state: row.state, n: Number(row.n) })));
    });
  }

  async claim(request: ClaimRequest, now: number): Promise<Job[]> {
    if (request.limit <= 0) return [];
    return this.#guard(() =>
      this.#db.transaction().execute(async (trx) => {
        let limit = request.limit;
        if (request.exclusive) {
          await this.#lockClaims(trx, request.destination);
          if ((await this.#activeCount(trx, request.destination, request.owner)) > 0) return [];
        } else if (request.destinationLimit !== undefined) {
          await this.#lockClaims(trx, request.destination);
          limit = Math.min(
            limit,
            request.destinationLimit - (await this.#activeCount(trx, request.destination)),
          );
          if (limit <= 0) return [];
        }
        let select = trx
          .selectFrom("jobs")
          .selectAll()
          .where("destination", "=", request.destination)
          .where(RUNNABLE)
          .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]));
        if (request.batchId !== undefined) select = select.where("batch_id", "=", request.batchId);
        const rows = await select
          .orderBy("priority", "desc")
          .orderBy("id")
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .execute();
        const event: JobEvent = { type: "claimed", owner: request.owner, leaseUntil: now + request.leaseMs };
        const claimed: Job[] = [];
        for (const row of rows) claimed.push(await this.#write(trx, rowToJob(row), event, now));
        return claimed;
      }),
    );
  }

  async apply(id: number, event: JobEvent, now: number, guard: ApplyGuard = {}): Promise<Job> {
    return this.#guard(() =>
      this.#db.transaction().execute((trx) => this.#applyOne(trx, id, event, now, guard)),
    );
  }

  async applyEach(
    changes: readonly JobChange[],
    now: number,
    guard: ApplyGuard = {},
  ): Promise<Array<Job | SyncError>> {
    if (changes.length === 0) return [];
    return this.#guard(() =>
      this.#db.transaction().execute(async (trx) => {
        const results: Array<Job | SyncError> = [];
        // A refusal is decided before any statement fails, so the transaction goes on for the rest.
        for (const change of changes) {
          results.push(await this.#applyOne(trx, change.id, change.event, now, guard).catch(asRefusal));
        }
        return results;
      }),
    );
  }

  async #applyOne(
    trx: Transaction<Database>,
    id: number,
    event: JobEvent,
    now: number,
    guard: ApplyGuard,
  ): Promise<Job> {
    const row = await trx.selectFrom("jobs").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (row === undefined) throw new SyncError("JOB_NOT_FOUND", `There is no job ${id}.`);
    const job = rowToJob(row);
    if (guard.owner !== undefined && job.leaseOwner !== guard.owner) {
      throw new SyncError("LEASE_LOST", `Job ${id} is no longer held by this worker (it is ${job.state}).`);
    }
    return this.#write(trx, job, event, now);
  }

  /** Serialises claims per destination across hosts, so the active count cannot be raced. */
  async #lockClaims(trx: Transaction<Database>, destination: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`junmai-sync:claim:${this.#options.schema}:${destination}`}))`.execute(
      trx,
    );
  }

  /** Active jobs of the destination; of other owners than `exceptOwner` when given. */
  async #activeCount(trx: Transaction<Database>, destination: string, exceptOwner?: string): Promise<number> {
    let select = trx
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("destination", "=", destination)
      .where(ACTIVE);
    if (exceptOwner !== undefined) select = select.where("lease_owner", "!=", exceptOwner);
    const active = await select.executeTakeFirst();
    return Number(active?.n ?? 0);
  }

  async applyToAll(
    filter: { readonly states: readonly JobState[]; readonly batchId?: number | undefined },
    event: JobEvent,
    now: number,
  ): Promise<number> {
    if (filter.states.length === 0) return 0;
    return this.#guard(() =>
      this.#db.transaction().execute(async (trx) => {
        let select = trx.selectFrom("jobs").selectAll().where("state", "in", filter.states);
        if (filter.batchId !== undefined) select = select.where("batch_id", "=", filter.batchId);
        // Rows another host holds right now are left to it; the rest change together.
        const rows = await select.orderBy("id").forUpdate().skipLocked().execute();
        for (const row of rows) await this.#write(trx, rowToJob(row), event, now);
        return rows.length;
      }),
    );
  }

  async renewLeases(
    owner: string,
    ids: readonly number[],
    leaseUntil: number,
    now: number,
  ): Promise<ReadonlySet<number>> {
    if (ids.length === 0) return new Set();
    return this.#guard(async () => {
      const rows = await renewLeases(this.#db, owner, ids, leaseUntil, now).execute();
      return new Set(rows.map((row) => Number(row.id)));
    });
  }

  async recoverLeases(now: number, deadOwners: readonly string[]): Promise<Job[]> {
    return this.#guard(() =>
      this.#db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom("jobs")
          .selectAll()
          .where(ACTIVE)
          .where((eb) => {
            const expired = eb("lease_expires_at", "<", now);
            return deadOwners.length === 0 ? expired : eb.or([expired, eb("lease_owner", "in", deadOwners)]);
          })
          .forUpdate()
          .skipLocked()
          .execute();
        const recovered: Job[] = [];
        for (const row of rows)
          recovered.push(await this.#write(trx, rowToJob(row), { type: "leaseExpired" }, now));
        return recovered;
      }),
    );
  }

  async leaseOwners(): Promise<string[]> {
    return this.#guard(async () => {
      const rows = await this.#db
        .selectFrom("jobs")
        .select("lease_owner")
        .distinct()
        .where(ACTIVE)
        .where("lease_owner", "is not", null)
        .execute();
      return rows.flatMap((row) => (row.lease_owner === null ? [] : [row.lease_owner]));
    });
  }

  async findDelivery(destination: string, remotePath: string): Promise<Delivery | undefined> {
    return this.#guard(async () => {
      const row = await this.#db
        .selectFrom("deliveries")
        .selectAll()
        .where("destination", "=", destination)
        .where("remote_path", "=", remotePath)
        .executeTakeFirst();
      return row === undefined ? undefined : rowToDelivery(row);
    });
  }

  async listDeliveries(sourcePath: string): Promise<Delivery[]> {
    return this.#guard(async () => {
      const rows = await this.#db
        .selectFrom("deliveries")
        .selectAll()
        .where("source_path", "=", sourcePath)
        .orderBy("delivered_at", "desc")
        .execute();
      return rows.map(rowToDelivery);
    });
  }

  async setDestinationStatus(status: DestinationStatus, now: number): Promise<void> {
    const row = statusRow(status, now);
    const { destination: _destination, ...update } = row;
    await this.#guard(() =>
      this.#db
        .insertInto("destination_status")
        .values(row)
        .onConflict((conflict) => conflict.column("destination").doUpdateSet(update))
        .execute(),
    );
  }

  async listDestinationStatus(): Promise<StoredDestinationStatus[]> {
    return this.#guard(async () => {
      const rows = await this.#db
        .selectFrom("destination_status")
        .selectAll()
        .orderBy("destination")
        .execute();
      return rows.map(rowToStatus);
    });
  }

  async upsertWorker(worker: WorkerRecord): Promise<void> {
    await this.#guard(async () => {
      await this.#db
        .insertInto("workers")
        .values({
          owner: worker.owner,
          host: worker.host,
          pid: worker.pid,
          kind: worker.kind,
          started_at: worker.startedAt,
          heartbeat_at: worker.heartbeatAt,
        })
        .onConflict((oc) => oc.column("owner").doUpdateSet({ heartbeat_at: worker.heartbeatAt }))
        .execute();
    });
  }

  async removeWorker(owner: string): Promise<void> {
    await this.#guard(async () => {
      await this.#db.deleteFrom("workers").where("owner", "=", owner).execute();
    });
  }

  async listWorkers(): Promise<WorkerRecord[]> {
    return this.#guard(async () => {
      const rows = await this.#db.selectFrom("workers").selectAll().orderBy("started_at").execute();
      return rows.map((row) => ({
        owner: row.owner,
        host: row.host,
        pid: Number(row.pid),
        kind: row.kind as WorkerKind,
        startedAt: Number(row.started_at),
        heartbeatAt: Number(row.heartbeat_at),
      }));
    });
  }

  async subscribe(listener: () => void): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const reconnect = () => {
      if (stopped || timer !== undefined) return;
      const dropped = client;
      client = undefined;
      void dropped?.end().catch(() => undefined);
      timer = setTimeout(() => {
        timer = undefined;
        void connect(true);
      }, RECONNECT_MS);
    };
    const connect = async (again: boolean) => {
      const next = new pg.Client(PostgresJobStore.#clientConfig(this.#options, 1));
      next.on("notification", () => listener());
      next.on("error", reconnect);
      next.on("end", reconnect);
      try {
        await next.connect();
        await next.query(`LISTEN "${this.#channel}"`);
        client = next;
        // Whatever was queued while we were not listening.
        if (again) listener();
      } catch {
        void next.end().catch(() => undefined);
        reconnect();
      }
    };
    await connect(false);
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  async #summarise(batch: BatchSummary["batch"]): Promise<BatchSummary> {
    // Kept by triggers (migration 6): a few rows whatever the batch's size.
    const rows = await this.#db
      .selectFrom("batch_counts")
      .select(["state", "n", "bytes_total", "bytes_done"])
      .where("batch_id", "=", batch.id)
      .execute();
    const counts = countsFrom(rows.map((row) => ({ state: row.state, n: Number(row.n) })));
    return {
      batch,
      counts,
      status: batchStatus(counts),
      bytesTotal: rows.reduce((sum, row) => sum + Number(row.bytes_total ?? 0), 0),
      bytesDone: rows.reduce((sum, row) => sum + Number(row.bytes_done ?? 0), 0),
    };
  }

  /** Applies `event` and writes it only if nobody changed the job in between. */
  async #write(trx: Transaction<Database>, job: Job, event: JobEvent, now: number): Promise<Job> {
    const next = transition(job, event, now);
    const result = await trx
      .updateTable("jobs")
      .set(jobChanges(next))
      .where("id", "=", job.id)
      .where("state", "=", job.state)
      .where("updated_at", "=", job.updatedAt)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new SyncError(
        "LEASE_LOST",
        `Job ${job.id} was changed by another worker; \`${event.type}\` not applied.`,
      );
    }
    const delivery = deliveryOf(next, event);
    if (delivery !== null) {
      await trx
        .insertInto("deliveries")
        .values(deliveryRow(delivery))
        .onConflict((conflict) =>
          conflict.columns(["destination", "remote_path"]).doUpdateSet(deliveryUpdate(delivery)),
        )
        .execute();
    }
    if (next.state === "pending") await this.#notify(trx);
    return next;
  }

  /** NOTIFY is transactional: idle workers hear it when the change commits. */
  /** The open batch `request` joins (its count and quiet period extended), or a new batch. */
  async #batchFor(
    trx: Transaction<Database>,
    request: EnqueueRequest,
    now: number,
  ): Promise<Selectable<BatchesTable>> {
    const open = request.openBatch;
    if (open !== undefined) {
      // Two hosts enqueueing the same export at once must join one batch, not open two.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`junmai-sync:batch:${this.#options.schema}:${open.key}`}))`.execute(
        trx,
      );
      const joined = await joinOpenBatch(trx, open, request.jobs.length, now).executeTakeFirst();
      if (joined !== undefined) return joined;
    }
    return insertBatch(trx, request, now).executeTakeFirstOrThrow();
  }

  async #notify(trx: Transaction<Database>): Promise<void> {
    await sql`SELECT pg_notify(${this.#channel}, '')`.execute(trx);
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toPostgresStoreError(error, this.#where);
    }
  }
}
