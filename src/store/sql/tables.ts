/** The logical schema shared by the SQL adapters, and the mapping between rows and domain objects. */
import type { Generated, Insertable, Selectable } from "kysely";
import type { Batch } from "../../domain/batch.js";
import type { Delivery } from "../../domain/delivery.js";
import type { DestinationCondition, DestinationStatus } from "../../domain/destination-health.js";
import { type ErrorInfo, isErrorCode } from "../../domain/errors.js";
import type { Job, JobState } from "../../domain/job.js";

export interface JobsTable {
  id: Generated<number>;
  batch_id: number;
  destination: string;
  source_path: string;
  remote_path: string;
  state: JobState;
  attempts: number;
  max_retries: number;
  size_bytes: number | null;
  bytes_done: number;
  hash_type: string | null;
  hash: string | null;
  error_code: string | null;
  error_message: string | null;
  error_hint: string | null;
  error_detail: string | null;
  error_temporary: number | null;
  next_attempt_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** The source's modification time when queued (ms), so a restart can tell a re-export. */
  source_mtime: number | null;
  /** Higher goes first; FIFO within one priority. */
  priority: Generated<number>;
  /** A public link to the delivered file, where the destination asked for one (`link: true`). */
  share_link: string | null;
}

export interface PausesTable {
  /** A destination's name, or "*" for the whole queue. */
  scope: string;
  since: number;
}

export interface BatchesTable {
  id: Generated<number>;
  name: string | null;
  created_at: number;
  job_count: number;
  /** Jobs enqueued with this key join the batch while `open_until` is in the future. */
  open_key: string | null;
  open_until: number | null;
  announced_at: number | null;
  /** Its notification went out (or was given up); never sent again. */
  notified_at: number | null;
  /** A daemon is sending its notification until then; after, another may. */
  notify_claimed_until: number | null;
}

/** Jobs and bytes of one batch in one state, kept by triggers (migration 6). */
export interface BatchCountsTable {
  batch_id: number;
  state: JobState;
  n: number;
  bytes_total: number;
  bytes_done: number;
}

export interface JobCountsTable {
  state: JobState;
  n: number;
}

export interface WorkersTable {
  owner: string;
  host: string;
  pid: number;
  kind: string;
  started_at: number;
  heartbeat_at: number;
}

export interface DeliveriesTable {
  destination: string;
  remote_path: string;
  source_path: string;
  size_bytes: number;
  hash_type: string | null;
  hash: string | null;
  remote_mod_time: string | null;
  job_id: number;
  delivered_at: number;
}

export interface DestinationStatusTable {
  destination: string;
  condition: DestinationCondition;
  error_code: string | null;
  error_message: string | null;
  error_hint: string | null;
  error_detail: string | null;
  since: number;
  until: number | null;
  concurrency: number;
  updated_at: number;
}

export interface BandwidthLimitsTable {
  /** A destination's name, or "*" for all uploads together. */
  scope: string;
  /** null: explicitly no limit. */
  bytes_per_second: number | null;
  since: number;
}

export interface Database {
  bandwidth_limits: BandwidthLimitsTable;
  deliveries: DeliveriesTable;
  pauses: PausesTable;
  destination_status: DestinationStatusTable;
  jobs: JobsTable;
  batches: BatchesTable;
  job_counts: JobCountsTable;
  batch_counts: BatchCountsTable;
  workers: WorkersTable;
}

export type JobRow = Selectable<JobsTable>;

export function rowToJob(row: JobRow): Job {
  return {
    id: Number(row.id),
    batchId: Number(row.batch_id),
    destination: row.destination,
    sourcePath: row.source_path,
    remotePath: row.remote_path,
    state: row.state,
    attempts: Number(row.attempts),
    maxRetries: Number(row.max_retries),
    sizeBytes: nullableNumber(row.size_bytes),
    bytesDone: Number(row.bytes_done),
    hashType: row.hash_type,
    hash: row.hash,
    lastError: rowError(row),
    nextAttemptAt: nullableNumber(row.next_attempt_at),
    leaseOwner: row.lease_owner,
    leaseExpiresAt: nullableNumber(row.lease_expires_at),
    priority: Number(row.priority),
    shareLink: row.share_link ?? null,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    startedAt: nullableNumber(row.started_at),
    finishedAt: nullableNumber(row.finished_at),
  };
}

/** The columns a transition may change (everything but identity and creation). */
export function jobChanges(job: Job): Partial<Insertable<JobsTable>> {
  return {
    remote_path: job.remotePath,
    state: job.state,
    attempts: job.attempts,
    size_bytes: job.sizeBytes,
    bytes_done: job.bytesDone,
    hash_type: job.hashType,
    hash: job.hash,
    error_code: job.lastError?.code ?? null,
    error_message: job.lastError?.message ?? null,
    error_hint: job.lastError?.hint ?? null,
    error_detail: job.lastError?.detail ?? null,
    error_temporary: job.lastError === null ? null : job.lastError.temporary ? 1 : 0,
    next_attempt_at: job.nextAttemptAt,
    lease_owner: job.leaseOwner,
    lease_expires_at: job.leaseExpiresAt,
    updated_at: job.updatedAt,
    started_at: job.startedAt,
    finished_at: job.finishedAt,
  };
}

export function rowToBatch(row: Selectable<BatchesTable>): Batch {
  return {
    id: Number(row.id),
    name: row.name,
    createdAt: Number(row.created_at),
    jobCount: Number(row.job_count),
    openUntil: nullableNumber(row.open_until),
  };
}

export function deliveryRow(delivery: Delivery): Insertable<DeliveriesTable> {
  return {
    destination: delivery.destination,
    remote_path: delivery.remotePath,
    source_path: delivery.sourcePath,
    size_bytes: delivery.sizeBytes,
    hash_type: delivery.hashType,
    hash: delivery.hash,
    remote_mod_time: delivery.remoteModTime,
    job_id: delivery.jobId,
    delivered_at: delivery.deliveredAt,
  };
}

export function rowToDelivery(row: Selectable<DeliveriesTable>): Delivery {
  return {
    destination: row.destination,
    remotePath: row.remote_path,
    sourcePath: row.source_path,
    sizeBytes: Number(row.size_bytes),
    hashType: row.hash_type,
    hash: row.hash,
    remoteModTime: row.remote_mod_time,
    jobId: Number(row.job_id),
    deliveredAt: Number(row.delivered_at),
  };
}

/** The ledger columns an upsert replaces when the same remote path is delivered again. */
export function deliveryUpdate(delivery: Delivery): Partial<Insertable<DeliveriesTable>> {
  const { destination: _destination, remote_path: _remotePath, ...rest } = deliveryRow(delivery);
  return rest;
}

export function statusRow(status: DestinationStatus, now: number): Insertable<DestinationStatusTable> {
  return {
    destination: status.destination,
    condition: status.condition,
    error_code: status.reason?.code ?? null,
    error_message: status.reason?.message ?? null,
    error_hint: status.reason?.hint ?? null,
    error_detail: status.reason?.detail ?? null,
    since: status.since,
    until: status.until,
    concurrency: status.concurrency,
    updated_at: now,
  };
}

export function rowToStatus(
  row: Selectable<DestinationStatusTable>,
): DestinationStatus & { updatedAt: number } {
  return {
    destination: row.destination,
    condition: row.condition,
    reason: rowError(row),
    since: Number(row.since),
    until: nullableNumber(row.until),
    concurrency: Number(row.concurrency),
    updatedAt: Number(row.updated_at),
  };
}

interface ErrorColumns {
  error_code: string | null;
  error_message: string | null;
  error_hint: string | null;
  error_detail: string | null;
  error_temporary?: number | null;
}

function rowError(row: ErrorColumns): ErrorInfo | null {
  if (row.error_code === null || !isErrorCode(row.error_code)) return null;
  return {
    code: row.error_code,
    message: row.error_message ?? "",
    hint: row.error_hint ?? "",
    temporary: row.error_temporary === undefined ? true : row.error_temporary === 1,
    ...(row.error_detail === null ? {} : { detail: row.error_detail }),
  };
}

function nullableNumber(value: number | string | bigint | null): number | null {
  return value === null ? null : Number(value);
}

export function rowToPause(row: Selectable<PausesTable>): { scope: string; since: number } {
  return { scope: row.scope, since: Number(row.since) };
}

export function rowToOverride(row: Selectable<BandwidthLimitsTable>): {
  scope: string;
  bytesPerSecond: number | null;
  since: number;
} {
  return { scope: row.scope, bytesPerSecond: nullableNumber(row.bytes_per_second), since: Number(row.since) };
}
