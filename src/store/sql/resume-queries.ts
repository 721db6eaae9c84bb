/**
 * A resumable upload's record (resume_states, resume_parts), for both SQL dialects: the state
 * is written when an upload starts, each part once the server confirmed it, and both go when
 * the upload completes or is given up. Statements, and the operations SqlJobStore runs.
 */
import type { Selectable } from "kysely";
import {
  isTransportKind,
  type NewResumeState,
  type ResumeState,
  type TransportKind,
  type UploadedPart,
} from "../../domain/resume.js";
import { all, changes, first, type Operation, type Statement, statement } from "./operation.js";
import type { ResumePartsTable, ResumeStatesTable } from "./tables.js";

export function resumeStateOf(jobId: number): Statement<Selectable<ResumeStatesTable>> {
  return statement("SELECT * FROM resume_states WHERE job_id = ?", [jobId]);
}

export function resumePartsOf(jobId: number, uploadId: string): Statement<Selectable<ResumePartsTable>> {
  return statement("SELECT * FROM resume_parts WHERE job_id = ? AND upload_id = ? ORDER BY part_number", [
    jobId,
    uploadId,
  ]);
}

export function deleteResumeState(jobId: number): Statement {
  return statement("DELETE FROM resume_states WHERE job_id = ?", [jobId]);
}

export function deleteResumeParts(jobId: number): Statement {
  return statement("DELETE FROM resume_parts WHERE job_id = ?", [jobId]);
}

export function insertResumeState(state: NewResumeState): Statement {
  return statement(
    "INSERT INTO resume_states (job_id, transport, destination, remote_path, upload_id, part_size, source_size, source_mtime, created_at) " +
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [
      state.jobId,
      state.transport,
      state.destination,
      state.remotePath,
      state.uploadId,
      state.partSizeBytes,
      state.sourceSize,
      state.sourceMtimeMs,
      state.createdAt,
    ],
  );
}

/** A part confirmed again (sent twice after a crash) keeps its newest ETag. */
export function upsertResumePart(jobId: number, uploadId: string, part: UploadedPart): Statement {
  return statement(
    "INSERT INTO resume_parts (job_id, upload_id, part_number, etag, size_bytes) VALUES (?, ?, ?, ?, ?) " +
      "ON CONFLICT (job_id, upload_id, part_number) DO UPDATE SET etag = excluded.etag, size_bytes = excluded.size_bytes",
    [jobId, uploadId, part.partNumber, part.etag, part.sizeBytes],
  );
}

export function setTransferInfo(
  jobId: number,
  transport: TransportKind,
  resumedFrom: number | null,
): Statement {
  // A resumed job shows its resumed bytes at once, not 0 until the first progress write.
  return resumedFrom === null
    ? statement("UPDATE jobs SET transport = ?, resumed_from = NULL WHERE id = ?", [transport, jobId])
    : statement("UPDATE jobs SET transport = ?, resumed_from = ?, bytes_done = ? WHERE id = ?", [
        transport,
        resumedFrom,
        resumedFrom,
        jobId,
      ]);
}

/** Jobs whose upload nobody continues; a failed job's is kept so `retry` resumes it. */
const OVER = ["completed", "cancelled", "skipped"] as const;

/** Resumable uploads whose job is over (or gone), or that began before `before`: to abort. */
export function staleResumeStates(before: number, limit: number): Statement<Selectable<ResumeStatesTable>> {
  return statement(
    "SELECT resume_states.* FROM resume_states LEFT JOIN jobs ON jobs.id = resume_states.job_id " +
      `WHERE jobs.id IS NULL OR jobs.state IN (${OVER.map((state) => `'${state}'`).join(", ")}) OR resume_states.created_at < ? ` +
      "ORDER BY resume_states.job_id LIMIT ?",
    [before, limit],
  );
}

export function rowToResumeState(
  row: Selectable<ResumeStatesTable>,
  parts: readonly Selectable<ResumePartsTable>[],
): ResumeState {
  return {
    jobId: Number(row.job_id),
    transport: isTransportKind(row.transport) ? row.transport : "rclone",
    destination: row.destination,
    remotePath: row.remote_path,
    uploadId: row.upload_id,
    partSizeBytes: Number(row.part_size),
    sourceSize: Number(row.source_size),
    sourceMtimeMs: Number(row.source_mtime),
    createdAt: Number(row.created_at),
    parts: parts.map((part) => ({
      partNumber: Number(part.part_number),
      etag: part.etag,
      sizeBytes: Number(part.size_bytes),
    })),
  };
}

/** The job's upload and its parts (of that upload only), or undefined. */
export function* getResumeState(jobId: number): Operation<ResumeState | undefined> {
  const row = yield* first(resumeStateOf(jobId));
  if (row === undefined) return undefined;
  return rowToResumeState(row, yield* all(resumePartsOf(jobId, row.upload_id)));
}

/** Replaces the job's upload (run in one transaction). */
export function* beginResume(state: NewResumeState): Operation<void> {
  yield* changes(deleteResumeParts(state.jobId));
  yield* changes(deleteResumeState(state.jobId));
  yield* changes(insertResumeState(state));
}

/** Forgets the job's upload (run in one transaction). */
export function* endResume(jobId: number): Operation<void> {
  yield* changes(deleteResumeParts(jobId));
  yield* changes(deleteResumeState(jobId));
}

export function* staleResumes(before: number, limit: number): Operation<ResumeState[]> {
  const rows = yield* all(staleResumeStates(before, limit));
  const states: ResumeState[] = [];
  for (const row of rows) {
    states.push(rowToResumeState(row, yield* all(resumePartsOf(Number(row.job_id), row.upload_id))));
  }
  return states;
}
