/**
 * A resumable upload's record (resume_states, resume_parts), for both SQL dialects: the state
 * is written when an upload starts, each part once the server confirmed it, and both go when
 * the upload completes or is given up. Builders, and the operations SqlJobStore runs.
 */
import type { Kysely, Selectable } from "kysely";
import {
  isTransportKind,
  type NewResumeState,
  type ResumeState,
  type TransportKind,
  type UploadedPart,
} from "../../domain/resume.js";
import { all, changes, first, type Operation } from "./operation.js";
import type { Database, ResumePartsTable, ResumeStatesTable } from "./tables.js";

export function resumeStateOf(db: Kysely<Database>, jobId: number) {
  return db.selectFrom("resume_states").selectAll().where("job_id", "=", jobId);
}

export function resumePartsOf(db: Kysely<Database>, jobId: number, uploadId: string) {
  return db
    .selectFrom("resume_parts")
    .selectAll()
    .where("job_id", "=", jobId)
    .where("upload_id", "=", uploadId)
    .orderBy("part_number");
}

export function deleteResumeState(db: Kysely<Database>, jobId: number) {
  return db.deleteFrom("resume_states").where("job_id", "=", jobId);
}

export function deleteResumeParts(db: Kysely<Database>, jobId: number) {
  return db.deleteFrom("resume_parts").where("job_id", "=", jobId);
}

export function insertResumeState(db: Kysely<Database>, state: NewResumeState) {
  return db.insertInto("resume_states").values({
    job_id: state.jobId,
    transport: state.transport,
    destination: state.destination,
    remote_path: state.remotePath,
    upload_id: state.uploadId,
    part_size: state.partSizeBytes,
    source_size: state.sourceSize,
    source_mtime: state.sourceMtimeMs,
    created_at: state.createdAt,
  });
}

/** A part confirmed again (sent twice after a crash) keeps its newest ETag. */
export function upsertResumePart(db: Kysely<Database>, jobId: number, uploadId: string, part: UploadedPart) {
  return db
    .insertInto("resume_parts")
    .values({
      job_id: jobId,
      upload_id: uploadId,
      part_number: part.partNumber,
      etag: part.etag,
      size_bytes: part.sizeBytes,
    })
    .onConflict((conflict) =>
      conflict
        .columns(["job_id", "upload_id", "part_number"])
        .doUpdateSet({ etag: part.etag, size_bytes: part.sizeBytes }),
    );
}

export function setTransferInfo(
  db: Kysely<Database>,
  jobId: number,
  transport: TransportKind,
  resumedFrom: number | null,
) {
  // A resumed job shows its resumed bytes at once, not 0 until the first progress write.
  return db
    .updateTable("jobs")
    .set({
      transport,
      resumed_from: resumedFrom,
      ...(resumedFrom === null ? {} : { bytes_done: resumedFrom }),
    })
    .where("id", "=", jobId);
}

/** Jobs whose upload nobody continues; a failed job's is kept so `retry` resumes it. */
const OVER = ["completed", "cancelled", "skipped"] as const;

/** Resumable uploads whose job is over (or gone), or that began before `before`: to abort. */
export function staleResumeStates(db: Kysely<Database>, before: number, limit: number) {
  return db
    .selectFrom("resume_states")
    .leftJoin("jobs", "jobs.id", "resume_states.job_id")
    .selectAll("resume_states")
    .where((eb) =>
      eb.or([
        eb("jobs.id", "is", null),
        eb("jobs.state", "in", [...OVER]),
        eb("resume_states.created_at", "<", before),
      ]),
    )
    .orderBy("resume_states.job_id")
    .limit(limit);
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
export function* getResumeState(db: Kysely<Database>, jobId: number): Operation<ResumeState | undefined> {
  const row = yield* first(resumeStateOf(db, jobId));
  if (row === undefined) return undefined;
  return rowToResumeState(row, yield* all(resumePartsOf(db, jobId, row.upload_id)));
}

/** Replaces the job's upload (run in one transaction). */
export function* beginResume(db: Kysely<Database>, state: NewResumeState): Operation<void> {
  yield* changes(deleteResumeParts(db, state.jobId));
  yield* changes(deleteResumeState(db, state.jobId));
  yield* changes(insertResumeState(db, state));
}

/** Forgets the job's upload (run in one transaction). */
export function* endResume(db: Kysely<Database>, jobId: number): Operation<void> {
  yield* changes(deleteResumeParts(db, jobId));
  yield* changes(deleteResumeState(db, jobId));
}

export function* staleResumes(db: Kysely<Database>, before: number, limit: number): Operation<ResumeState[]> {
  const rows = yield* all(staleResumeStates(db, before, limit));
  const states: ResumeState[] = [];
  for (const row of rows) {
    states.push(rowToResumeState(row, yield* all(resumePartsOf(db, Number(row.job_id), row.upload_id))));
  }
  return states;
}
