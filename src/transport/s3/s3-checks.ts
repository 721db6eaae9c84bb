/**
 * The optional cross-checks of an S3 upload, where the server offers them: ListParts against
 * the recorded parts (s3rver and some S3-compatible stores lack it: then nothing is said and
 * the recorded list alone is used), and the object's full-object checksum against the file's.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { crc32 } from "node:zlib";
import type { ListPartsCommandOutput, S3Client } from "@aws-sdk/client-s3";
import { crc32Base64, type FullChecksum, type ListedPart } from "../../domain/s3-checks.js";
import { isNoSuchUpload } from "./s3-errors.js";

type SdkModule = typeof import("@aws-sdk/client-s3");

/** At most 10 000 parts, 1 000 a page. */
const MAX_PAGES = 10;

/**
 * The parts the server holds for the upload, or null when it cannot say (no ListParts, an
 * error): a cross-check only, never what the upload relies on. NoSuchUpload is thrown (the
 * upload is gone, the caller starts again).
 */
export async function listParts(
  client: S3Client,
  sdk: SdkModule,
  target: { readonly Bucket: string; readonly Key: string; readonly UploadId: string },
  signal: AbortSignal,
): Promise<ListedPart[] | null> {
  const parts: ListedPart[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    let answer: ListPartsCommandOutput;
    try {
      answer = await client.send(
        new sdk.ListPartsCommand({
          ...target,
          ...(marker === undefined ? {} : { PartNumberMarker: marker }),
        }),
        { abortSignal: signal },
      );
    } catch (error: unknown) {
      if (isNoSuchUpload(error) || signal.aborted) throw error;
      return null;
    }
    for (const part of answer.Parts ?? []) {
      if (part.PartNumber === undefined || part.ETag === undefined) return null;
      parts.push({ partNumber: part.PartNumber, etag: part.ETag, sizeBytes: part.Size ?? null });
    }
    if (answer.IsTruncated !== true || answer.NextPartNumberMarker === undefined) return parts;
    marker = answer.NextPartNumberMarker;
  }
  return null;
}

/** The file's checksum in S3's form (base64), read once from disk. */
export async function fileChecksum(file: string, algorithm: FullChecksum["algorithm"], signal: AbortSignal) {
  const stream = createReadStream(file, { signal, highWaterMark: 1024 * 1024 });
  if (algorithm === "crc32") {
    let crc = 0;
    for await (const chunk of stream) crc = crc32(chunk as Buffer, crc);
    return crc32Base64(crc);
  }
  const hash = createHash(algorithm);
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("base64");
}
