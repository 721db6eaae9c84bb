/**
 * The job state machine. `transition` is the only place a job's state changes: stores apply it
 * and write the result with a conditional update, so a lost race is an error, never a silent
 * overwrite. It is pure — the clock comes in as `now`, retry delays come in on the event.
 */

import { type ErrorInfo, retriesExhausted, SyncError } from "./errors.js";
import type { RenditionPlan } from "./rendition.js";
import type { TransportKind } from "./resume.js";

export const JOB_STATES = [
  "pending",
  "uploading",
  "verifying",
  "retrying",
  "completed",
  "failed",
  "cancelled",
  "skipped",
] as const;

export type JobState = (typeof JOB_STATES)[number];

/** Waiting for a worker: a claim may pick these up. */
export const RUNNABLE_STATES = ["pending", "retrying"] as const satisfies readonly JobState[];
/** Owned by a worker under a lease. */
export const ACTIVE_STATES = ["uploading", "verifying"] as const satisfies readonly JobState[];
/** Nothing more will happen without a person asking (retry). */
export const FINAL_STATES = [
  "completed",
  "failed",
  "cancelled",
  "skipped",
] as const satisfies readonly JobState[];
/** Finished well: the file is at the destination, verified. */
export const DELIVERED_STATES = ["completed", "skipped"] as const satisfies readonly JobState[];

/** How far a job has come, 0–100; a delivered job of unknown or zero size is 100. */
export function jobPercent(job: Pick<Job, "state" | "sizeBytes" | "bytesDone">): number {
  if (job.sizeBytes === null || job.sizeBytes === 0)
    return job.state === "completed" || job.state === "skipped" ? 100 : 0;
  return Math.min(100, Math.floor((job.bytesDone / job.sizeBytes) * 100));
}

export function isJobState(value: unknown): value is JobState {
  return typeof value === "string" && (JOB_STATES as readonly string[]).includes(value);
}

/** Whether an earlier attempt of the job ran: a claim sets updatedAt, the first one startedAt. */
export function triedBefore(job: Job): boolean {
  return job.startedAt !== null && job.startedAt < job.updatedAt;
}

export function isFinal(state: JobState): boolean {
  return (FINAL_STATES as readonly JobState[]).includes(state);
}

export function isActive(state: JobState): boolean {
  return (ACTIVE_STATES as readonly JobState[]).includes(state);
}

export interface Job {
  readonly id: number;
  readonly batchId: number;
  readonly destination: string;
  /** Absolute path of the source file on the machine that enqueued it. */
  readonly sourcePath: string;
  /** Path inside the destination's remote, `/`-separated, NFC, including the base path. */
  readonly remotePath: string;
  readonly state: JobState;
  /** Transfers started and not interrupted (an expired lease gives its attempt back). */
  readonly attempts: number;
  readonly maxRetries: number;
  readonly sizeBytes: number | null;
  readonly bytesDone: number;
  readonly hashType: string | null;
  readonly hash: string | null;
  readonly lastError: ErrorInfo | null;
  /** Epoch ms; a `retrying` job is not claimed before this. */
  readonly nextAttemptAt: number | null;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  /** Higher goes first (high 10, normal 0, low -10); FIFO within one priority. */
  readonly priority: number;
  /** A public link to the delivered file (destinations with `link: true`), once made. */
  readonly shareLink: string | null;
  /** Which transport moved the bytes (`rclone`, or a resumable `s3` / `sftp`); null before the first transfer. */
  readonly transport?: TransportKind | null;
  /** Bytes the last transfer did not send again because it resumed; null when it started at 0. */
  readonly resumedFrom?: number | null;
  /** What the destination gets instead of the original (decided when queued); null: the original. */
  readonly rendition: RenditionPlan | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
}

export type JobEvent =
  | { readonly type: "claimed"; readonly owner: string; readonly leaseUntil: number }
  | { readonly type: "progress"; readonly bytesDone: number; readonly sizeBytes?: number }
  | { readonly type: "transferred"; readonly sizeBytes: number }
  | ({ readonly type: "verified" } & Delivered)
  | ({ readonly type: "skippedIdentical" } & Delivered)
  /** A different file is at the remote path and the conflict policy says keep it. */
  | { readonly type: "conflictSkipped"; readonly reason: ErrorInfo }
  | { readonly type: "verifyFailed"; readonly error: ErrorInfo; readonly retryDelayMs: number }
  | { readonly type: "transferFailed"; readonly error: ErrorInfo; readonly retryDelayMs: number }
  /** The owner died or went silent: give the job back without spending its attempt. */
  | { readonly type: "leaseExpired" }
  /** The owner let go on purpose (shutdown, rclone restarted): same as an expired lease. */
  | { readonly type: "released"; readonly reason: ErrorInfo }
  /**
   * Not the job's fault and not worth an attempt: its destination is offline, rate-limiting or
   * over quota, or the source is still changing. Waits until `until`, attempt given back.
   */
  | { readonly type: "deferred"; readonly reason: ErrorInfo; readonly until: number }
  | { readonly type: "retryNow" }
  | { readonly type: "cancel" };

/** What a successful end records about the file at the destination (and so in the ledger). */
export interface Delivered {
  /** The delivered file's size (the job may have been queued without one). */
  readonly sizeBytes: number;
  readonly hashType: string | null;
  readonly hash: string | null;
  /** Where the file ended up, when the conflict policy chose another name (`photo (1).jpg`). */
  readonly remotePath?: string;
  /** The destination's modification time of the file, for later "is it still ours?" checks. */
  readonly remoteModTime?: string | null;
}

export type JobEventType = JobEvent["type"];

/** Which states each event may be applied to. */
const ALLOWED_FROM: Readonly<Record<JobEventType, readonly JobState[]>> = Object.freeze({
  claimed: ["pending", "retrying"],
  progress: ["uploading"],
  transferred: ["uploading"],
  // From uploading: the check before transfer found our own earlier attempt's file complete.
  verified: ["uploading", "verifying"],
  skippedIdentical: ["uploading"],
  conflictSkipped: ["uploading"],
  verifyFailed: ["verifying"],
  transferFailed: ["uploading", "verifying"],
  leaseExpired: ["uploading", "verifying"],
  released: ["uploading", "verifying"],
  deferred: ["uploading", "verifying"],
  retryNow: ["failed", "retrying", "cancelled"],
  cancel: ["pending", "retrying", "uploading", "verifying", "failed"],
});

export function canApply(state: JobState, type: JobEventType): boolean {
  return ALLOWED_FROM[type].includes(state);
}

const NO_LEASE = { leaseOwner: null, leaseExpiresAt: null } as const;

export function transition(job: Job, event: JobEvent, now: number): Job {
  if (!canApply(job.state, event.type)) {
    throw new SyncError(
      "ILLEGAL_TRANSITION",
      `Job ${job.id} is ${job.state}; it cannot take \`${event.type}\`.`,
    );
  }
  const base = { ...job, updatedAt: now };
  switch (event.type) {
    case "claimed":
      return {
        ...base,
        state: "uploading",
        attempts: job.attempts + 1,
        bytesDone: 0,
        nextAttemptAt: null,
        leaseOwner: event.owner,
        leaseExpiresAt: event.leaseUntil,
        startedAt: job.startedAt ?? now,
      };
    case "progress":
      return { ...base, bytesDone: event.bytesDone, sizeBytes: event.sizeBytes ?? job.sizeBytes };
    case "transferred":
      return { ...base, state: "verifying", sizeBytes: event.sizeBytes, bytesDone: event.sizeBytes };
    case "verified":
      return finish(withDelivered(base, event), "completed", event.hashType, event.hash, now);
    case "skippedIdentical":
      return finish(withDelivered(base, event), "skipped", event.hashType, event.hash, now);
    case "conflictSkipped":
      return { ...finish(base, "skipped", null, null, now), lastError: event.reason };
    case "verifyFailed":
    case "transferFailed":
      return failOrRetry(base, event.error, event.retryDelayMs, now);
    case "leaseExpired":
    case "released":
      return {
        ...base,
        ...NO_LEASE,
        state: "pending",
        attempts: Math.max(0, job.attempts - 1),
        bytesDone: 0,
        lastError: event.type === "released" ? event.reason : job.lastError,
      };
    case "deferred":
      return {
        ...base,
        ...NO_LEASE,
        state: "retrying",
        attempts: Math.max(0, job.attempts - 1),
        bytesDone: 0,
        lastError: event.reason,
        nextAttemptAt: event.until,
      };
    case "retryNow":
      return {
        ...base,
        ...NO_LEASE,
        state: "pending",
        // A person asked for it: a failed or cancelled job gets a fresh retry budget.
        attempts: job.state === "retrying" ? job.attempts : 0,
        nextAttemptAt: null,
        finishedAt: null,
      };
    case "cancel":
      return { ...base, ...NO_LEASE, state: "cancelled", nextAttemptAt: null, finishedAt: now };
  }
}

function withDelivered(job: Job, delivered: Delivered): Job {
  const sized = { ...job, sizeBytes: delivered.sizeBytes };
  return delivered.remotePath === undefined ? sized : { ...sized, remotePath: delivered.remotePath };
}

function finish(
  job: Job,
  state: "completed" | "skipped",
  hashType: string | null,
  hash: string | null,
  now: number,
): Job {
  return {
    ...job,
    ...NO_LEASE,
    state,
    hashType,
    hash,
    lastError: null,
    nextAttemptAt: null,
    bytesDone: job.sizeBytes ?? job.bytesDone,
    finishedAt: now,
  };
}

function failOrRetry(job: Job, error: ErrorInfo, retryDelayMs: number, now: number): Job {
  // `attempts` counts the attempt that just failed; retries are the attempts after the first.
  const retriesLeft = job.attempts <= job.maxRetries;
  if (error.temporary && retriesLeft) {
    return {
      ...job,
      ...NO_LEASE,
      state: "retrying",
      lastError: error,
      bytesDone: 0,
      nextAttemptAt: now + Math.max(0, retryDelayMs),
    };
  }
  const lastError = error.temporary ? retriesExhausted(error, job.attempts) : error;
  return { ...job, ...NO_LEASE, state: "failed", lastError, nextAttemptAt: null, finishedAt: now };
}

export type StateCounts = Record<JobState, number>;

export function emptyCounts(): StateCounts {
  return Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as StateCounts;
}
