/**
 * junmai-sync as a library: the SyncService and the types its operations take and return.
 * See docs/library.md.
 */

export { type DoctorCheck, runDoctor } from "./app/doctor.js";
export {
  type BatchUpload,
  type OpenOptions,
  type ProcessOptions,
  type QueueStatus,
  type SyncEvents,
  SyncService,
  type UploadOptions,
} from "./app/sync-service.js";
export type { IntakeResult, WatchedFile, WatchIntake } from "./app/watch-intake.js";
export type { ResolvedConfig } from "./config/resolve.js";
export { type ConfigInput, configJsonSchema, configSchema } from "./config/schema.js";
export type { Batch, BatchStatus, BatchSummary } from "./domain/batch.js";
export type { Destination } from "./domain/destination.js";
export type { Hold, HoldReason } from "./domain/destination-schedule.js";
export { ERROR_CODES, type ErrorCode, type ErrorInfo, isSyncError, SyncError } from "./domain/errors.js";
export {
  JOB_STATES,
  type Job,
  type JobEvent,
  type JobState,
  type StateCounts,
  transition,
} from "./domain/job.js";
export { TEMPLATE_FIELDS } from "./domain/path-template.js";
export { PRIORITY_NAMES } from "./domain/priority.js";
export type { WatchRule } from "./domain/watch-rule.js";
export type { JobProgress, Logger } from "./engine/events.js";
export type {
  DestinationCheck,
  RemoteFile,
  TransferProgress,
  TransferRequest,
  Transport,
} from "./engine/transport.js";
export type { RunResult } from "./engine/upload-engine.js";
export type { JobQuery, JobStore, NewJob, WorkerRecord } from "./store/job-store.js";
export { SqliteJobStore } from "./store/sqlite/sqlite-job-store.js";
export { FolderWatcher, type WatchNotice } from "./watch/folder-watcher.js";
export { type WatchFolders, type WatchFoldersOptions, watchFolders } from "./watch/watch-folders.js";
