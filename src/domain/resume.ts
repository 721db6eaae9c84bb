/**
 * What a resumable upload remembers between processes, and the arithmetic of S3 parts. Pure:
 * the transports (transport/s3, transport/sftp) and the store use these shapes; nothing here
 * does I/O.
 */
import { createHash } from "node:crypto";

/** S3's smallest part (except the last) and its most parts per upload. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PARTS = 10_000;
const MiB = 1024 * 1024;

/** Which transport moved (or is moving) a job's bytes; `rclone` for everything not resumable. */
export const TRANSPORT_KINDS = ["rclone", "s3", "sftp"] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

export function isTransportKind(value: string): value is TransportKind {
  return (TRANSPORT_KINDS as readonly string[]).includes(value);
}

/** One part the server confirmed, recorded before its bytes count as sent. */
export interface UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly sizeBytes: number;
}

/**
 * A resumable upload under way: written when it starts, before any byte counts as sent.
 * `uploadId` is S3's UploadId, or for SFTP the partial file's path. The source's size and
 * modification time tell a restart whether the bytes already sent still belong to this file.
 */
export interface ResumeState {
  readonly jobId: number;
  readonly transport: TransportKind;
  readonly destination: string;
  readonly remotePath: string;
  readonly uploadId: string;
  readonly partSizeBytes: number;
  readonly sourceSize: number;
  readonly sourceMtimeMs: number;
  readonly createdAt: number;
  /** S3 only: the parts recorded so far, by part number. */
  readonly parts: readonly UploadedPart[];
}

export type NewResumeState = Omit<ResumeState, "parts">;

/** The part size for a file: the configured one, grown (in whole MiB) so no upload needs more than 10 000 parts. */
export function partSizeFor(sizeBytes: number, wanted: number): number {
  const least = Math.ceil(sizeBytes / MAX_PARTS / MiB) * MiB;
  return Math.max(MIN_PART_SIZE, wanted, least);
}

export function partCount(sizeBytes: number, partSize: number): number {
  return Math.max(1, Math.ceil(sizeBytes / partSize));
}

/** Byte range [start, end) of a 1-based part. */
export function partRange(partNumber: number, partSize: number, sizeBytes: number) {
  const start = (partNumber - 1) * partSize;
  return { start, end: Math.min(sizeBytes, start + partSize) };
}

/** The parts still to send, in order: every number not recorded with the right size. */
export function missingParts(state: Pick<ResumeState, "parts" | "partSizeBytes" | "sourceSize">): number[] {
  const count = partCount(state.sourceSize, state.partSizeBytes);
  const done = new Set(
    state.parts
      .filter((part) => {
        const { start, end } = partRange(part.partNumber, state.partSizeBytes, state.sourceSize);
        return part.sizeBytes === end - start;
      })
      .map((part) => part.partNumber),
  );
  return Array.from({ length: count }, (_, index) => index + 1).filter((number) => !done.has(number));
}

/** Bytes already confirmed by the server: where a resumed upload starts counting. */
export function bytesRecorded(parts: readonly UploadedPart[]): number {
  return parts.reduce((sum, part) => sum + part.sizeBytes, 0);
}

/** An ETag without its quotes, lower case. */
export function plainEtag(etag: string): string {
  return etag.replace(/"/g, "").toLowerCase();
}

/**
 * The ETag S3 gives a multipart object: md5 of the parts' binary md5s, then `-N`. Null when a
 * part's ETag is not an md5 (encrypted buckets, some S3-compatible stores).
 */
export function multipartEtag(parts: readonly UploadedPart[]): string | null {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  const hash = createHash("md5");
  for (const part of sorted) {
    const etag = plainEtag(part.etag);
    if (!/^[0-9a-f]{32}$/.test(etag)) return null;
    hash.update(Buffer.from(etag, "hex"));
  }
  return `${hash.digest("hex")}-${sorted.length}`;
}
