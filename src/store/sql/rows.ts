/** The mapping between the tables' rows and the domain's objects, both ways. */

import type { Insertable, Selectable } from "kysely";
import type { Batch } from "../../domain/batch.js";
import type { Delivery } from "../../domain/delivery.js";
import type { DestinationStatus } from "../../domain/destination-health.js";
import { type ErrorInfo, isErrorCode } from "../../domain/errors.js";
import type { Job } from "../../domain/job.js";
import { parsePlan } from "../../domain/rendition.js";
import { isTransportKind } from "../../domain/resume.js";
import type { WorkerKind, WorkerRecord } from "../job-store.js";
import { errorSentences, parseErrorSentences } from "./error-sentences.js";
import type {
  BandwidthLimitsTable,
  BatchesTable,
  DeliveriesTable,
  DestinationStatusTable,
  JobsTable,
  PausesTable,
  WorkersTable,
} from "./tables.js";

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
    transport: row.transport !== null && isTransportKind(row.transport) ? row.transport : null,
    resumedFrom: nullableNumber(row.resumed_from),
    rendition: parsePlan(row.rendition ?? null),
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
    ...errorColumns(job.lastError),
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
    ...errorColumns(status.reason),
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
  error_says: string | null;
  error_temporary?: number | null;
}

/** An error as the columns that keep it (a job's last error, a destination's reason). */
function errorColumns(error: ErrorInfo | null): Omit<ErrorColumns, "error_temporary"> {
  return {
    error_code: error?.code ?? null,
    error_message: error?.message ?? null,
    error_hint: error?.hint ?? null,
    error_detail: error?.detail ?? null,
    error_says: error === null ? null : errorSentences(error),
  };
}

function rowError(row: ErrorColumns): ErrorInfo | null {
  if (row.error_code === null || !isErrorCode(row.error_code)) return null;
  return {
    code: row.error_code,
    message: row.error_message ?? "",
    hint: row.error_hint ?? "",
    temporary: row.error_temporary === undefined ? true : row.error_temporary === 1,
    ...(row.error_detail === null ? {} : { detail: row.error_detail }),
    ...parseErrorSentences(row.error_says),
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

export function rowToWorker(row: Selectable<WorkersTable>): WorkerRecord {
  return {
    owner: row.owner,
    host: row.host,
    pid: Number(row.pid),
    kind: row.kind as WorkerKind,
    startedAt: Number(row.started_at),
    heartbeatAt: Number(row.heartbeat_at),
  };
}
