/**
 * The queue's port. Named after queue operations, leaking no connection or transaction type,
 * so the engine runs unchanged on SQLite (one machine) or PostgreSQL (a studio).
 *
 * Contract, checked by test/contract/job-store.contract.ts against every adapter:
 * - every state change goes through `transition` and is written with a conditional update, so
 *   two workers can never both own a job and a lost race throws instead of overwriting;
 * - `claim` hands each runnable job to exactly one owner, FIFO per destination;
 * - counts are exact and cheap at a million rows.
 */
import type { Batch, BatchSummary } from "../domain/batch.js";
import type { Delivery } from "../domain/delivery.js";
import type { DestinationStatus } from "../domain/destination-health.js";
import { type ErrorCode, SyncError } from "../domain/errors.js";
import type { Job, JobEvent, JobState, StateCounts } from "../domain/job.js";
import type { RenditionPlan } from "../domain/rendition.js";
import type { NewResumeState, ResumeState, TransportKind, UploadedPart } from "../domain/resume.js";

export interface NewJob {
  readonly destination: string;
  readonly sourcePath: string;
  readonly remotePath: string;
  readonly sizeBytes: number | null;
  readonly maxRetries: number;
  /** The source's modification time (ms) when queued; lets a restart tell a re-export. */
  readonly sourceModTimeMs?: number | null;
  /** Higher goes first; default 0 (normal). */
  readonly priority?: number;
  /** The destination's rendition plan for this file; absent or null: the original. */
  readonly rendition?: RenditionPlan | null;
}

/** A pause set by `junmai-sync pause`: of one destination, or of the whole queue (`scope` "*"). */
export interface Pause {
  readonly scope: string;
  readonly since: number;
}

/** A bandwidth limit set live (`junmai-sync bwlimit`), in force instead of the config's. */
export interface BandwidthOverride {
  readonly scope: string;
  /** Bytes per second; null: no limit. */
  readonly bytesPerSecond: number | null;
  readonly since: number;
}

/** What one worker's uploads to one destination move now, as it last reported (every 2 s while they run). */
export interface TransferRate {
  readonly owner: string;
  readonly destination: string;
  /** Uploads sending bytes now. */
  readonly transfers: number;
  readonly bytesPerSecond: number;
  /** The limit these uploads are held to now (the destination's rate, or its share of the global one); null: none. */
  readonly limitBytesPerSecond: number | null;
  readonly updatedAt: number;
}

/** The scope of a pause of the whole queue. */
export const ALL_DESTINATIONS = "*";

export interface EnqueueRequest {
  readonly batchName?: string | null;
  /**
   * Join the newest batch opened under `key` while it is still open (a new one is created when
   * none is), and keep it open `quietMs` after these jobs: the files of one export, arriving
   * one by one, form one batch.
   */
  readonly openBatch?: { readonly key: string; readonly quietMs: number } | undefined;
  readonly jobs: readonly NewJob[];
}

/** A file as the queue remembers it: where it is, its size and its modification time. */
export interface FileFingerprint {
  readonly path: string;
  readonly sizeBytes: number;
  readonly modTimeMs: number;
}

export interface EnqueueResult {
  readonly batch: Batch;
  readonly jobIds: readonly number[];
}

export interface ClaimRequest {
  readonly owner: string;
  readonly destination: string;
  readonly limit: number;
  /**
   * The destination's concurrency: the store never lets more of its jobs be uploading at once
   * (claimed, their bytes not yet sent), counted over every worker on every host sharing the
   * queue. A job being verified and moved into place holds no slot: the next one uploads
   * meanwhile.
   */
  readonly destinationLimit?: number | undefined;
  /**
   * Claim only while no other worker has a job of the destination active, and then up to
   * `limit` jobs: a group transfer takes every one of the destination's slots at once and runs
   * at most `destinationLimit` files at a time itself.
   */
  readonly exclusive?: boolean | undefined;
  readonly leaseMs: number;
  /** Only claim jobs of this batch (`upload --wait` works on its own batch only). */
  readonly batchId?: number | undefined;
}

export interface JobQuery {
  readonly batchId?: number | undefined;
  readonly states?: readonly JobState[] | undefined;
  readonly destination?: string | undefined;
  /** Keyset pagination: jobs with an id greater than this. */
  readonly afterId?: number | undefined;
  readonly limit?: number | undefined;
}

export interface ApplyGuard {
  /** The event is only applied while this owner holds the job's lease. */
  readonly owner?: string;
}

/** Why `apply` may refuse an event for one job; `applyEach` returns these in the job's place. */
const REFUSALS: ReadonlySet<ErrorCode> = new Set(["ILLEGAL_TRANSITION", "LEASE_LOST", "JOB_NOT_FOUND"]);

/**
 * For `applyEach`: the error as one job's refusal of its event, to return in the job's place;
 * anything else (the store failing) is thrown on.
 */
export function asRefusal(error: unknown): SyncError {
  if (error instanceof SyncError && REFUSALS.has(error.code)) return error;
  throw error;
}

/** One job's event in an `applyEach`. */
export interface JobChange {
  readonly id: number;
  readonly event: JobEvent;
}

export interface StoredDestinationStatus extends DestinationStatus {
  /** When it was written; a status nobody refreshed for long may be stale (its worker stopped). */
  readonly updatedAt: number;
}

export const WORKER_KINDS = ["daemon", "cli", "library"] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];

export interface WorkerRecord {
  readonly owner: string;
  readonly host: string;
  readonly pid: number;
  readonly kind: WorkerKind;
  readonly startedAt: number;
  readonly heartbeatAt: number;
}

export interface JobStore {
  /** Creates a batch and its jobs (state `pending`) in one durable transaction. */
  enqueue(request: EnqueueRequest, now: number): Promise<EnqueueResult>;
  getJob(id: number): Promise<Job | undefined>;
  listJobs(query: JobQuery): Promise<Job[]>;
  getBatch(id: number): Promise<BatchSummary | undefined>;
  listBatches(limit: number): Promise<BatchSummary[]>;
  /** True when no job of the batch can move any more; an index lookup, not an aggregate. */
  isBatchFinished(batchId: number): Promise<boolean>;
  /** Jobs per state over the whole queue; O(1) in the number of jobs. */
  counts(): Promise<StateCounts>;

  /** Takes up to `limit` runnable jobs of one destination for `owner`, under a lease. */
  claim(request: ClaimRequest, now: number): Promise<Job[]>;
  /** Applies one event through `transition`; throws ILLEGAL_TRANSITION, LEASE_LOST or JOB_NOT_FOUND. */
  apply(id: number, event: JobEvent, now: number, guard?: ApplyGuard): Promise<Job>;
  /**
   * Applies each change as `apply` would, all in one transaction (a group transfer records its
   * files' outcomes together). A job that cannot take its event comes back as that SyncError,
   * in its place, and does not stop the others; only a failure of the store itself throws.
   */
  applyEach(changes: readonly JobChange[], now: number, guard?: ApplyGuard): Promise<Array<Job | SyncError>>;
  /** Applies one event to every job in the given states (e.g. retry all failed); returns how many. */
  applyToAll(
    filter: { readonly states: readonly JobState[]; readonly batchId?: number | undefined },
    event: JobEvent,
    now: number,
  ): Promise<number>;

  /**
   * Extends `owner`'s leases on `ids`, the jobs it is running; returns those it still holds (a
   * cancelled job is gone). Only the listed jobs: a job whose claim committed but whose answer
   * was lost (the database went away) must not be kept alive by a worker that never ran it.
   */
  renewLeases(
    owner: string,
    ids: readonly number[],
    leaseUntil: number,
    now: number,
  ): Promise<ReadonlySet<number>>;
  /** Returns to `pending` every active job whose lease expired or whose owner is listed as dead. */
  recoverLeases(now: number, deadOwners: readonly string[]): Promise<Job[]>;
  /** Distinct owners of active jobs, so a worker can find dead owners on its own host. */
  leaseOwners(): Promise<string[]>;

  /**
   * Of `files` (source paths), those already queued for `destination` with the same size and
   * modification time, whatever became of the job: a watched folder's files are queued once.
   */
  queuedSources(destination: string, files: readonly FileFingerprint[]): Promise<Set<string>>;
  /**
   * Of `files` (remote paths), those `destination` already received from a file of the same
   * size and modification time (an export moved or renamed locally to the same remote path).
   */
  deliveredRemotePaths(destination: string, files: readonly FileFingerprint[]): Promise<Set<string>>;

  /** The newest batch still open under `key` at `now`, if any. */
  findOpenBatch(key: string, now: number): Promise<Batch | undefined>;
  /** Pauses (or resumes) one destination or, with ALL_DESTINATIONS, the whole queue; survives restarts. */
  setPaused(scope: string, paused: boolean, now: number): Promise<void>;
  listPauses(): Promise<Pause[]>;
  /** Sets (a number, or null for no limit) or removes (undefined: back to the config) a live bandwidth limit. */
  setBandwidthOverride(scope: string, bytesPerSecond: number | null | undefined, now: number): Promise<void>;
  listBandwidthOverrides(): Promise<BandwidthOverride[]>;
  /** Keeps the public link made for a delivered job. */
  setShareLink(id: number, url: string): Promise<void>;
  /** Bytes of `destination`'s jobs waiting to upload (free-space planning). */
  queuedBytes(destination: string): Promise<number>;
  /** Bytes of `destination`'s jobs completed at or after `since` (daily caps). */
  uploadedBytesSince(destination: string, since: number): Promise<number>;

  /** Marks a batch announced; true for the first caller only, so each batch is announced once. */
  announceBatch(batchId: number, now: number): Promise<boolean>;
  /**
   * Ids of batches that were held open for late files, have closed by `now`, have no job left
   * to move and were never announced; oldest first.
   */
  batchesDueForAnnouncement(now: number, limit: number): Promise<number[]>;
  /**
   * Claims sending an announced batch's notification until `until`; true for one claimer at a
   * time (another may claim once `until` has passed without `markNotified`).
   */
  claimNotification(batchId: number, now: number, until: number): Promise<boolean>;
  /** The batch's notification went out, or was given up: it is never sent again. */
  markNotified(batchId: number, now: number): Promise<void>;
  /** Batches announced since `since` whose notification has not gone out and is not claimed now; oldest first. */
  batchesAwaitingNotification(now: number, since: number, limit: number): Promise<number[]>;

  /** The ledger's record of what we delivered at this remote path, if anything. */
  findDelivery(destination: string, remotePath: string): Promise<Delivery | undefined>;
  /** Deliveries of one source file, newest first (receipts, re-exports). */
  listDeliveries(sourcePath: string): Promise<Delivery[]>;

  /** Records a destination's health, for `status` and for other processes to read. */
  setDestinationStatus(status: DestinationStatus, now: number): Promise<void>;
  listDestinationStatus(): Promise<StoredDestinationStatus[]>;

  /**
   * Resumable uploads (transport/s3, transport/sftp). The state is written when an upload
   * starts and each part once the server confirmed it, before its bytes count as sent, so a
   * restart after kill -9 continues with the next missing part.
   */
  getResumeState(jobId: number): Promise<ResumeState | undefined>;
  /** Starts (or replaces) the job's resumable upload; parts of an earlier one are forgotten. */
  beginResume(state: NewResumeState): Promise<void>;
  recordPart(jobId: number, uploadId: string, part: UploadedPart): Promise<void>;
  /** Forgets the job's resumable upload (completed, or given up and aborted). */
  endResume(jobId: number): Promise<void>;
  /** Which transport moves the job's bytes, and from which byte it resumed (null: from 0; else also its bytes done). */
  setTransferInfo(jobId: number, transport: TransportKind, resumedFrom: number | null): Promise<void>;
  /** Resumable uploads whose job completed, was cancelled or skipped, or is gone, or that began before `before`. */
  staleResumes(before: number, limit: number): Promise<ResumeState[]>;
  /** Replaces what `owner` last reported of its uploads' rates (an empty list removes its rows). */
  reportTransferRates(
    owner: string,
    rates: readonly Omit<TransferRate, "owner" | "updatedAt">[],
    now: number,
  ): Promise<void>;
  listTransferRates(): Promise<TransferRate[]>;

  upsertWorker(worker: WorkerRecord): Promise<void>;
  removeWorker(owner: string): Promise<void>;
  listWorkers(): Promise<WorkerRecord[]>;

  /**
   * Calls `listener` soon after jobs are queued by any process (PostgreSQL: LISTEN/NOTIFY).
   * Optional: workers poll regardless, so a store without it only wakes them later.
   * Resolves with a function that stops listening.
   */
  subscribe?(listener: () => void): Promise<() => Promise<void>>;

  /**
   * A full integrity check (SQLite: PRAGMA quick_check); throws STORE_CORRUPT. Optional: a
   * server database checks itself. Only for daemon start and `doctor`: it reads everything.
   */
  checkIntegrity?(): Promise<void>;

  close(): Promise<void>;
}
