/**
 * The cross-checks of an S3 upload, pure: the parts the server lists against the parts we
 * recorded (ListParts is only a cross-check — many S3-compatible stores lack it), and which
 * full-object checksum of the object we can compare with the source's.
 */
import { plainEtag, type UploadedPart } from "./resume.js";

/** A part as ListParts gives it; size null when the server leaves it out. */
export interface ListedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly sizeBytes: number | null;
}

/** A recorded part the server does not hold as recorded, and why (for the log). */
export interface PartMismatch {
  readonly partNumber: number;
  readonly reason: "missing" | "etag" | "size";
}

/**
 * Recorded parts the server lists differently or not at all: they are sent again. Parts the
 * server holds but we never recorded are left out of the completion, so they do not matter.
 */
export function partMismatches(
  recorded: readonly UploadedPart[],
  listed: readonly ListedPart[],
): PartMismatch[] {
  const byNumber = new Map(listed.map((part) => [part.partNumber, part]));
  const mismatches: PartMismatch[] = [];
  for (const part of [...recorded].sort((a, b) => a.partNumber - b.partNumber)) {
    const held = byNumber.get(part.partNumber);
    if (held === undefined) mismatches.push({ partNumber: part.partNumber, reason: "missing" });
    else if (plainEtag(held.etag) !== plainEtag(part.etag))
      mismatches.push({ partNumber: part.partNumber, reason: "etag" });
    else if (held.sizeBytes !== null && held.sizeBytes !== part.sizeBytes)
      mismatches.push({ partNumber: part.partNumber, reason: "size" });
  }
  return mismatches;
}

/** The full-object checksums we can compute locally (node:zlib and node:crypto). */
export type ChecksumAlgorithm = "crc32" | "sha1" | "sha256";

export interface FullChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Base64, as S3 sends it. */
  readonly value: string;
}

/** The `x-amz-checksum-*` fields of a HeadObject answer (ChecksumMode ENABLED). */
export interface ObjectChecksums {
  readonly ChecksumType?: string | undefined;
  readonly ChecksumCRC32?: string | undefined;
  readonly ChecksumSHA1?: string | undefined;
  readonly ChecksumSHA256?: string | undefined;
}

/**
 * The object's checksum over all its bytes, if the server gave one we can compute too. A
 * COMPOSITE checksum (a checksum of the parts' checksums, `…-N`) needs per-part checksums we do
 * not send, and CRC32C/CRC64NVME have no implementation in Node: those are not compared.
 */
export function fullObjectChecksum(head: ObjectChecksums): FullChecksum | null {
  if (head.ChecksumType !== undefined && head.ChecksumType !== "FULL_OBJECT") return null;
  const candidates: [ChecksumAlgorithm, string | undefined][] = [
    ["sha256", head.ChecksumSHA256],
    ["sha1", head.ChecksumSHA1],
    ["crc32", head.ChecksumCRC32],
  ];
  for (const [algorithm, value] of candidates) {
    if (value !== undefined && value !== "" && !/-\d+$/.test(value)) return { algorithm, value };
  }
  return null;
}

/** A CRC32 as S3 writes it: the 4 bytes big-endian, base64. */
export function crc32Base64(crc: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc >>> 0);
  return bytes.toString("base64");
}
