/**
 * The logical schema shared by both SQL dialects, as Kysely types it: one interface per table.
 * A new column is a field here, its version in store/sql/schema-versions.ts and its mapping in
 * store/sql/rows.ts.
 */
import type { Generated } from "kysely";
import type { DestinationCondition } from "../../domain/destination-health.js";
import type { JobState } from "../../domain/job.js";

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
  /** The error's sentences by catalogue key, as JSON (store/sql/error-sentences.ts); schema version 10. */
  error_says: string | null;
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
  /** Which transport moved the bytes (`rclone`, `s3`, `sftp`); null before the first transfer. */
  transport: string | null;
  /** Bytes a resumed transfer did not send again; null when it started from 0. */
  resumed_from: number | null;
  /** The job's rendition plan as JSON (domain/rendition.ts); null: the original, byte for byte. */
  rendition: string | null;
}

/** A resumable upload under way (S3 multipart, SFTP partial file), one per job. */
export interface ResumeStatesTable {
  job_id: number;
  transport: string;
  destination: string;
  remote_path: string;
  upload_id: string;
  part_size: number;
  source_size: number;
  source_mtime: number;
  created_at: number;
}

/** Each part the server confirmed, by upload: parts of a replaced upload never mix in. */
export interface ResumePartsTable {
  job_id: number;
  upload_id: string;
  part_number: number;
  etag: string;
  size_bytes: number;
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

/** Jobs and bytes of one batch in one state, kept by triggers (schema version 8). */
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
  /** As `jobs.error_says`. */
  error_says: string | null;
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

/** What each worker's uploads to a destination move now (`status`: "20 MiB/s limit · 19.6 MiB/s now"). */
export interface TransferRatesTable {
  owner: string;
  destination: string;
  transfers: number;
  bytes_per_second: number;
  /** The limit in force for these uploads (own rate, or its share of the global one); null: none. */
  limit_bytes_per_second: number | null;
  updated_at: number;
}

export interface Database {
  bandwidth_limits: BandwidthLimitsTable;
  transfer_rates: TransferRatesTable;
  deliveries: DeliveriesTable;
  pauses: PausesTable;
  destination_status: DestinationStatusTable;
  jobs: JobsTable;
  resume_states: ResumeStatesTable;
  resume_parts: ResumePartsTable;
  batches: BatchesTable;
  job_counts: JobCountsTable;
  batch_counts: BatchCountsTable;
  workers: WorkersTable;
}
