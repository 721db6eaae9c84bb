/**
 * The embedded store: one SQLite file in the data directory, in WAL mode so the CLI can
 * enqueue while a daemon works. Writes that read first run in `BEGIN IMMEDIATE` transactions,
 * so two processes never both decide on the same job.
 *
 * Kysely builds and types every query; better-sqlite3 runs it synchronously from a cache of
 * prepared statements. No transaction ever spans an `await`: with a synchronous driver, a
 * second connection in the same thread waiting on the lock would otherwise block the very
 * thread that holds it until the busy timeout.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  type CompiledQuery,
  type InferResult,
  Kysely,
  type Selectable,
  type SqlBool,
  SqliteDialect,
  sql,
} from "kysely";
import { type Batch, type BatchSummary, batchStatus, countsFrom } from "../../domain/batch.js";
import { type Delivery, deliveryOf } from "../../domain/delivery.js";
import type { DestinationStatus } from "../../domain/destination-health.js";
import { SyncError } from "../../domain/errors.js";
import { type Job, type JobEvent, type JobState, type StateCounts, transition } from "../../domain/job.js";
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
import { matchFingerprints, pathChunks } from "../sql/fingerprints.js";
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
import { migrate } from "./migrations.js";
import { watchQueueFile } from "./queue-file-watch.js";
import { toStoreError } from "./sqlite-errors.js";

// Literal (not bound) so SQLite can match the partial indexes' WHERE clauses.
const RUNNABLE = sql<SqlBool>`state IN ('pending', 'retrying')`;
const ACTIVE = sql<SqlBool>`state IN ('uploading', 'verifying')`;
const INSERT_CHUNK = 1000;
const MAX_PAGE = 1000;

export const DATABASE_FILE = "queue.db";

/** Anything Kysely can compile; the result type rides along for `#all` and `#one`. */
// biome-ignore lint/suspicious/noExplicitAny: Kysely's own Compilable bound; results are typed through InferResult.
type Query = { compile(): CompiledQuery<any> };

export interface SqliteStoreOptions {
  /** Milliseconds to wait for another process's write lock before STORE_LOCKED. */
  readonly busyTimeoutMs?: number;
  readonly now?: () => number;
}

export class SqliteJobStore implements JobStore {
  readonly file: string;
  readonly #sqlite: BetterSqlite3.Database;
  /** Used only to build and type queries; better-sqlite3 executes them. */
  readonly #db: Kysely<Database>;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  private constructor(file: string, sqlite: BetterSqlite3.Database) {
    this.file = file;
    this.#sqlite = sqlite;
    this.#db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }

  /** Opens (creating and migrating as needed) the queue database in `dataDir`. */
  static async open(dataDir: string, options: SqliteStoreOptions = {}): Promise<SqliteJobStore> {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new SyncError("DATA_DIR_UNUSABLE", `The data directory ${dataDir} cannot be created.`, {
        cause: error,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    return SqliteJobStore.openFile(path.join(dataDir, DATABASE_FILE), options);
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
    } catch (error) {
      sqlite?.close();
      throw toStoreError(error, file);
    }
  }

  async enqueue(request: EnqueueRequest, now: number): Promise<EnqueueResult> {
    return this.#guard(() => {
      this.#sqlite.pragma("synchronous = FULL");
      try {
        return this.#immediate(() => {
          const batchRow = this.#batchFor(request, now);
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
            for (const row of this.#all(this.#db.insertInto("jobs").values(rows).returning("id"))) {
              jobIds.push(Number(row.id));
            }
          }
          return { batch: rowToBatch(batchRow), jobIds };
        });
      } finally {
        this.#sqlite.pragma("synchronous = NORMAL");
      }
    });
  }

  async getJob(id: number): Promise<Job | undefined> {
    return this.#guard(() => {
      const row = this.#one(this.#db.selectFrom("jobs").selectAll().where("id", "=", id));
      return row === undefined ? undefined : rowToJob(row);
    });
  }

  async listJobs(query: JobQuery): Promise<Job[]> {
    return this.#guard(() => {
      let select = this.#db.selectFrom("jobs").selectAll();
      if (query.batchId !== undefined) select = select.where("batch_id", "=", query.batchId);
      if (query.destination !== undefined) select = select.where("destination", "=", query.destination);
      if (query.states !== undefined && query.states.length > 0)
        select = select.where("state", "in", query.states);
      if (query.afterId !== undefined) select = select.where("id", ">", query.afterId);
      const limit = Math.min(Math.max(1, query.limit ?? 100), MAX_PAGE);
      return this.#all(select.orderBy("id").limit(limit)).map(rowToJob);
    });
  }

  async getBatch(id: number): Promise<BatchSummary | undefined> {
    return this.#guard(() => {
      const row = this.#one(this.#db.selectFrom("batches").selectAll().where("id", "=", id));
      return row === undefined ? undefined : this.#summarise(rowToBatch(row));
    });
  }

  async listBatches(limit: number): Promise<BatchSummary[]> {
    return this.#guard(() => {
      const rows = this.#all(
        this.#db
          .selectFrom("batches")
          .selectAll()
          .orderBy("id", "desc")
          .limit(Math.min(Math.max(1, limit), MAX_PAGE)),
      );
      return rows.map((row) => this.#summarise(rowToBatch(row)));
    });
  }

  async isBatchFinished(batchId: number): Promise<boolean> {
    return this.#guard(() => {
      const row = this.#one(
        this.#db
          .selectFrom("jobs")
          .select("id")
          .where("batch_id", "=", batchId)
          .where("state", "in", ["pending", "retrying", "uploading", "verifying"])
          .limit(1),
      );
      return row === undefined;
    });
  }

  async queuedSources(destination: string, files: readonly FileFingerprint[]): Promise<Set<string>> {
    return this.#guard(() =>
      matchFingerprints(
        files,
        pathChunks(files).flatMap((paths) => this.#all(jobsBySource(this.#db, destination, paths))),
      ),
    );
  }

  async deliveredRemotePaths(destination: string, files: readonly FileFingerprint[]): Promise<Set<string>> {
    return this.#guard(() =>
      matchFingerprints(
        files,
        pathChunks(files).flatMap((paths) => this.#all(deliveredJobsAt(this.#db, destination, paths))),
      ),
    );
  }

  async setPaused(scope: string, paused: boolean, now: number): Promise<void> {
    return this.#guard(() => {
      this.#run(setPaused(this.#db, scope, paused, now));
    });
  }

  async listPauses(): Promise<Pause[]> {
    return this.#guard(() => this.#all(pauses(this.#db)).map(rowToPause));
  }

  async setBandwidthOverride(
    scope: string,
    bytesPerSecond: number | null | undefined,
    now: number,
  ): Promise<void> {
    return this.#guard(() => {
      this.#run(setBandwidthOverride(this.#db, scope, bytesPerSecond, now));
    });
  }

  async listBandwidthOverrides(): Promise<BandwidthOverride[]> {
    return this.#guard(() => this.#all(bandwidthOverrides(this.#db)).map(rowToOverride));
  }

  async setShareLink(id: number, url: string): Promise<void> {
    return this.#guard(() => {
      this.#run(setShareLink(this.#db, id, url));
    });
  }

  async queuedBytes(destination: string): Promise<number> {
    return this.#guard(() => Number(this.#one(queuedBytes(this.#db, destination))?.bytes ?? 0));
  }

  async uploadedBytesSince(destination: string, since: number): Promise<number> {
    return this.#guard(() => Number(this.#one(uploadedBytesSince(this.#db, destination, since))?.bytes ?? 0));
  }

  async findOpenBatch(key: string, now: number): Promise<Batch | undefined> {
    return this.#guard(() => {
      const row = this.#one(openBatch(this.#db, key, now));
      return row === undefined ? undefined : rowToBatch(row);
    });
  }

  async announceBatch(batchId: number, now: number): Promise<boolean> {
    return this.#guard(() => this.#run(announceBatch(this.#db, batchId, now)) === 1);
  }

  async batchesDueForAnnouncement(now: number, limit: number): Promise<number[]> {
    return this.#guard(() =>
      this.#all(batchesDueForAnnouncement(this.#db, now, limit)).map((row) => Number(row.id)),
    );
  }

  async claimNotification(batchId: number, now: number, until: number): Promise<boolean> {
    return this.#guard(() => this.#run(claimNotification(this.#db, batchId, now, until)) === 1);
  }

  async markNotified(batchId: number, now: number): Promise<void> {
    return this.#guard(() => {
      this.#run(markNotified(this.#db, batchId, now));
    });
  }

  async batchesAwaitingNotification(now: number, since: number, limit: number): Promise<number[]> {
    return this.#guard(() =>
      this.#all(batchesAwaitingNotification(this.#db, now, since, limit)).map((row) => Number(row.id)),
    );
  }

  async counts(): Promise<StateCounts> {
    return this.#guard(() => {
      const rows = this.#all(this.#db.selectFrom("job_counts").select(["state", "n"]));
      return countsFrom(rows.map((row) => ({ state: row.state, n: Number(row.n) })));
    });
  }

  async claim(request: ClaimRequest, now: number): Promise<Job[]> {
    if (request.limit <= 0) return [];
    return this.#guard(() =>
      this.#immediate(() => {
        let select = this.#db
          .selectFrom("jobs")
          .selectAll()
          .where("destination", "=", request.destination)
          .where(RUNNABLE)
          .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]));
        if (request.batchId !== undefined) select = select.where("batch_id", "=", request.batchId);
        const limit = request.exclusive
          ? this.#activeCount(request.destination, request.owner) === 0
            ? request.limit
            : 0
          : Math.min(request.limit, this.#destinationRoom(request));
        if (limit <= 0) return [];
        const event: JobEvent = { type: "claimed", owner: request.owner, leaseUntil: now + request.leaseMs };
        return this.#all(select.orderBy("priority", "desc").orderBy("id").limit(limit)).map((row) =>
          this.#write(rowToJob(row), event, now),
        );
      }),
    );
  }

  async apply(id: number, event: JobEvent, now: number, guard: ApplyGuard = {}): Promise<Job> {
    return this.#guard(() => this.#immediate(() => this.#applyOne(id, event, now, guard)));
  }

  async applyEach(
    changes: readonly JobChange[],
    now: number,
    guard: ApplyGuard = {},
  ): Promise<Array<Job | SyncError>> {
    if (changes.length === 0) return [];
    return this.#guard(() =>
      this.#immediate(() =>
        changes.map((change) => {
          try {
            return this.#applyOne(change.id, change.event, now, guard);
          } catch (error) {
            return asRefusal(error);
          }
        }),
      ),
    );
  }

  #applyOne(id: number, event: JobEvent, now: number, guard: ApplyGuard): Job {
    const row = this.#one(this.#db.selectFrom("jobs").selectAll().where("id", "=", id));
    if (row === undefined) throw new SyncError("JOB_NOT_FOUND", `There is no job ${id}.`);
    const job = rowToJob(row);
    if (guard.owner !== undefined && job.leaseOwner !== guard.owner) {
      throw new SyncError("LEASE_LOST", `Job ${id} is no longer held by this worker (it is ${job.state}).`);
    }
    return this.#write(job, event, now);
  }

  async applyToAll(
    filter: { readonly states: readonly JobState[]; readonly batchId?: number | undefined },
    event: JobEvent,
    now: number,
  ): Promise<number> {
    if (filter.states.length === 0) return 0;
    return this.#guard(() =>
      this.#immediate(() => {
        let select = this.#db.selectFrom("jobs").selectAll().where("state", "in", filter.states);
        if (filter.batchId !== undefined) select = select.where("batch_id", "=", filter.batchId);
        const rows = this.#all(select.orderBy("id"));
        for (const row of rows) this.#write(rowToJob(row), event, now);
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
    return this.#guard(
      () =>
        new Set(this.#all(renewLeases(this.#db, owner, ids, leaseUntil, now)).map((row) => Number(row.id))),
    );
  }

  async recoverLeases(now: number, deadOwners: readonly string[]): Promise<Job[]> {
    return this.#guard(() =>
      this.#immediate(() => {
        const rows = this.#all(
          this.#db
            .selectFrom("jobs")
            .selectAll()
            .where(ACTIVE)
            .where((eb) => {
              const expired = eb("lease_expires_at", "<", now);
              return deadOwners.length === 0
                ? expired
                : eb.or([expired, eb("lease_owner", "in", deadOwners)]);
            }),
        );
        return rows.map((row) => this.#write(rowToJob(row), { type: "leaseExpired" }, now));
      }),
    );
  }

  async leaseOwners(): Promise<string[]> {
    return this.#guard(() => {
      const rows = this.#all(
        this.#db
          .selectFrom("jobs")
          .select("lease_owner")
          .distinct()
          .where(ACTIVE)
          .where("lease_owner", "is not", null),
      );
      return rows.flatMap((row) => (row.lease_owner === null ? [] : [row.lease_owner]));
    });
  }

  async findDelivery(destination: string, remotePath: string): Promise<Delivery | undefined> {
    return this.#guard(() => {
      const row = this.#one(
        this.#db
          .selectFrom("deliveries")
          .selectAll()
          .where("destination", "=", destination)
          .where("remote_path", "=", remotePath),
      );
      return row === undefined ? undefined : rowToDelivery(row);
    });
  }

  async listDeliveries(sourcePath: string): Promise<Delivery[]> {
    return this.#guard(() =>
      this.#all(
        this.#db
          .selectFrom("deliveries")
          .selectAll()
          .where("source_path", "=", sourcePath)
          .orderBy("delivered_at", "desc"),
      ).map(rowToDelivery),
    );
  }

  async setDestinationStatus(status: DestinationStatus, now: number): Promise<void> {
    const row = statusRow(status, now);
    const { destination: _destination, ...update } = row;
    await this.#guard(() =>
      this.#run(
        this.#db
          .insertInto("destination_status")
          .values(row)
          .onConflict((conflict) => conflict.column("destination").doUpdateSet(update)),
      ),
    );
  }

  async listDestinationStatus(): Promise<StoredDestinationStatus[]> {
    return this.#guard(() =>
      this.#all(this.#db.selectFrom("destination_status").selectAll().orderBy("destination")).map(
        rowToStatus,
      ),
    );
  }

  async upsertWorker(worker: WorkerRecord): Promise<void> {
    this.#guard(() =>
      this.#run(
        this.#db
          .insertInto("workers")
          .values({
            owner: worker.owner,
            host: worker.host,
            pid: worker.pid,
            kind: worker.kind,
            started_at: worker.startedAt,
            heartbeat_at: worker.heartbeatAt,
          })
          .onConflict((oc) => oc.column("owner").doUpdateSet({ heartbeat_at: worker.heartbeatAt })),
      ),
    );
  }

  async removeWorker(owner: string): Promise<void> {
    this.#guard(() => this.#run(this.#db.deleteFrom("workers").where("owner", "=", owner)));
  }

  async listWorkers(): Promise<WorkerRecord[]> {
    return this.#guard(() =>
      this.#all(this.#db.selectFrom("workers").selectAll().orderBy("started_at")).map((row) => ({
        owner: row.owner,
        host: row.host,
        pid: Number(row.pid),
        kind: row.kind as WorkerKind,
        startedAt: Number(row.started_at),
        heartbeatAt: Number(row.heartbeat_at),
      })),
    );
  }

  /** Any process's write to the queue file (see queue-file-watch.ts); workers poll regardless. */
  async subscribe(listener: () => void): Promise<() => Promise<void>> {
    const stop = watchQueueFile(this.file, listener);
    return async () => stop();
  }

  async close(): Promise<void> {
    this.#statements.clear();
    if (this.#sqlite.open) this.#sqlite.close();
  }

  #summarise(batch: BatchSummary["batch"]): BatchSummary {
    // Kept by triggers (migration 6): a few rows whatever the batch's size.
    const rows = this.#all(
      this.#db
        .selectFrom("batch_counts")
        .select(["state", "n", "bytes_total", "bytes_done"])
        .where("batch_id", "=", batch.id),
    );
    const counts = countsFrom(rows.map((row) => ({ state: row.state, n: Number(row.n) })));
    return {
      batch,
      counts,
      status: batchStatus(counts),
      bytesTotal: rows.reduce((sum, row) => sum + Number(row.bytes_total ?? 0), 0),
      bytesDone: rows.reduce((sum, row) => sum + Number(row.bytes_done ?? 0), 0),
    };
  }

  /** The open batch `request` joins (its count and quiet period extended), or a new batch. */
  #batchFor(request: EnqueueRequest, now: number): Selectable<BatchesTable> {
    const open = request.openBatch;
    const joined =
      open === undefined ? undefined : this.#one(joinOpenBatch(this.#db, open, request.jobs.length, now));
    const batch = joined ?? this.#one(insertBatch(this.#db, request, now));
    if (batch === undefined) throw new SyncError("STORE_FAILED", "The batch could not be created.");
    return batch;
  }

  /** How many more jobs of the destination may become active, over all workers sharing this file. */
  #destinationRoom(request: ClaimRequest): number {
    if (request.destinationLimit === undefined) return Number.POSITIVE_INFINITY;
    return request.destinationLimit - this.#activeCount(request.destination);
  }

  /** Active jobs of the destination; of other owners than `exceptOwner` when given. */
  #activeCount(destination: string, exceptOwner?: string): number {
    let select = this.#db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("destination", "=", destination)
      .where(ACTIVE);
    if (exceptOwner !== undefined) select = select.where("lease_owner", "!=", exceptOwner);
    const row = this.#one(select);
    return Number(row?.n ?? 0);
  }

  /** Applies `event` to `job` and writes it only if nobody changed the job in between. */
  #write(job: Job, event: JobEvent, now: number): Job {
    const next = transition(job, event, now);
    const changes = this.#run(
      this.#db
        .updateTable("jobs")
        .set(jobChanges(next))
        .where("id", "=", job.id)
        .where("state", "=", job.state)
        .where("updated_at", "=", job.updatedAt),
    );
    if (changes !== 1) {
      throw new SyncError(
        "LEASE_LOST",
        `Job ${job.id} was changed by another worker; \`${event.type}\` not applied.`,
      );
    }
    const delivery = deliveryOf(next, event);
    if (delivery !== null) {
      this.#run(
        this.#db
          .insertInto("deliveries")
          .values(deliveryRow(delivery))
          .onConflict((conflict) =>
            conflict.columns(["destination", "remote_path"]).doUpdateSet(deliveryUpdate(delivery)),
          ),
      );
    }
    return next;
  }

  #statement(text: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.#sqlite.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  #all<Q extends Query>(query: Q): InferResult<Q> {
    const compiled = query.compile();
    return this.#statement(compiled.sql).all(...compiled.parameters) as InferResult<Q>;
  }

  #one<Q extends Query>(query: Q): InferResult<Q>[number] | undefined {
    const compiled = query.compile();
    return this.#statement(compiled.sql).get(...compiled.parameters) as InferResult<Q>[number] | undefined;
  }

  #run(query: Query): number {
    const compiled = query.compile();
    return this.#statement(compiled.sql).run(...(compiled.parameters as unknown[])).changes;
  }

  /** BEGIN IMMEDIATE: the write lock is taken up front, so a read-then-write never fails half-way. */
  #immediate<T>(work: () => T): T {
    return this.#sqlite.transaction(work).immediate();
  }

  /** Runs synchronous store work, mapping SQLite failures to SyncErrors. */
  #guard<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(toStoreError(error, this.file));
    }
  }
}
