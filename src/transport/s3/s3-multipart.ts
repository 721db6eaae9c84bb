/**
 * S3 multipart uploads that survive kill -9. The UploadId, the part size and every part the
 * server confirmed (number + ETag) are written to the job's ledger before the part's bytes
 * count as sent; a restart continues with the next missing part and completes with the stored
 * list. ListParts is never needed (s3rver and some S3-compatible stores lack it); where the
 * server has it, it only cross-checks the recorded list (s3-checks.ts). A part sent
 * but not recorded when the process died is simply sent again.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { SyncError } from "../../domain/errors.js";
import {
  bytesRecorded,
  missingParts,
  multipartEtag,
  partRange,
  partSizeFor,
  plainEtag,
  type ResumeState,
  type UploadedPart,
} from "../../domain/resume.js";
import { fullObjectChecksum, type ObjectChecksums, partMismatches } from "../../domain/s3-checks.js";
import type { DiscardOutcome } from "../../engine/transport.js";
import { say } from "../../i18n/message.js";
import { ProgressMeter } from "../progress-meter.js";
import { readRange } from "../read-range.js";
import type { ResumableTransfer, ResumableUpload } from "../resumable.js";
import { RunningHash } from "../running-hash.js";
import { fileChecksum, listParts } from "./s3-checks.js";
import { isNoSuchUpload, isNotFound, isNotImplemented, s3Error } from "./s3-errors.js";
import type { S3Target } from "./s3-settings.js";

type SdkModule = typeof import("@aws-sdk/client-s3");

export class S3MultipartUpload implements ResumableUpload {
  readonly kind = "s3" as const;
  readonly #target: S3Target;
  readonly #partSize: number;
  #client: S3Client | undefined;
  #sdk: SdkModule | undefined;

  constructor(target: S3Target, partSize: number) {
    this.#target = target;
    this.#partSize = partSize;
  }

  async upload(transfer: ResumableTransfer): Promise<string | null> {
    const { request, ledger, source, signal } = transfer;
    const key = this.#key(request.remotePath);
    const partSize = partSizeFor(source.size, this.#partSize);
    let state = await ledger.load();
    const why = state === undefined ? null : stale(state, request.remotePath, source, partSize);
    if (state !== undefined && why !== null) {
      transfer.onRestart(why);
      await this.discard(state, signal).catch(() => undefined);
      await ledger.end();
      state = undefined;
    }
    for (let restarts = 0; ; restarts += 1) {
      if (state === undefined) state = await this.#create(transfer, key, partSize);
      try {
        const hash = await this.#sendAndComplete(transfer, key, state);
        await ledger.end();
        return hash;
      } catch (error) {
        if (!isNoSuchUpload(error) || restarts > 0 || signal.aborted) throw s3Error(error, "uploading parts");
        // The server forgot the upload (aborted, expired by a lifecycle rule): its parts are gone.
        transfer.onRestart(`the S3 server no longer knows upload ${state.uploadId} (NoSuchUpload)`);
        await ledger.end();
        state = undefined;
      }
    }
  }

  async discard(state: ResumeState, signal: AbortSignal): Promise<DiscardOutcome> {
    const { client, sdk } = await this.#load();
    try {
      await client.send(
        new sdk.AbortMultipartUploadCommand({
          Bucket: this.#target.bucket,
          Key: this.#key(state.remotePath),
          UploadId: state.uploadId,
        }),
        { abortSignal: signal },
      );
      return "discarded";
    } catch (error) {
      if (isNoSuchUpload(error) || isNotFound(error)) return "gone";
      if (isNotImplemented(error)) return "unsupported";
      throw s3Error(error, "aborting an upload");
    }
  }

  /**
   * The SDK, loaded on first use: it costs ~0.4 s to load, which every CLI command would
   * otherwise pay at start even when no large file goes to S3.
   */
  async #load(): Promise<{ client: S3Client; sdk: SdkModule }> {
    // The pinned SDK runs on Node 20; its warning is about releases after January 2027, which
    // we do not take without moving to Node 22 (docs/providers.md). A user may still turn it on.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    this.#sdk ??= await import("@aws-sdk/client-s3");
    this.#client ??= new this.#sdk.S3Client(this.#target.client);
    return { client: this.#client, sdk: this.#sdk };
  }

  #key(remotePath: string): string {
    return `${this.#target.prefix}${remotePath}`;
  }

  async #create(transfer: ResumableTransfer, key: string, partSize: number): Promise<ResumeState> {
    const { source, signal, ledger } = transfer;
    const metadata: Record<string, string> = { mtime: (source.mtimeMs / 1000).toFixed(3) };
    // rclone reads a multipart object's md5 from here, so its own checks see the real hash. It
    // must be given now, before a byte is sent: known only when the engine hashed the file
    // first (a file was in the way). Reading a large file once more only for this is what we
    // avoid; such an object shows no md5 to rclone, and our checks of it use its parts' ETags
    // (below), its size and modification time, and the job's recorded md5.
    if (source.hashType === "md5" && source.hash !== null) {
      metadata.md5chksum = Buffer.from(source.hash, "hex").toString("base64");
    }
    let uploadId: string | undefined;
    const { client, sdk } = await this.#load();
    try {
      const created = await client.send(
        new sdk.CreateMultipartUploadCommand({
          Bucket: this.#target.bucket,
          Key: key,
          Metadata: metadata,
          ...(this.#target.storageClass === null ? {} : { StorageClass: this.#target.storageClass as never }),
          ...(this.#target.acl === null ? {} : { ACL: this.#target.acl as never }),
        }),
        { abortSignal: signal },
      );
      uploadId = created.UploadId;
    } catch (error) {
      throw s3Error(error, "starting the upload");
    }
    if (uploadId === undefined || uploadId === "") {
      throw new SyncError("TRANSFER_FAILED", say("transport.s3NoUploadId"));
    }
    const state = {
      transport: "s3" as const,
      remotePath: transfer.request.remotePath,
      uploadId,
      partSizeBytes: partSize,
      sourceSize: source.size,
      sourceMtimeMs: source.mtimeMs,
    };
    await ledger.begin(state);
    return {
      ...state,
      jobId: transfer.request.jobId,
      destination: transfer.request.destination.name,
      createdAt: 0,
      parts: [],
    };
  }

  /** Returns the whole file's hash of `source.hashType` (running-hash.ts), or null. */
  async #sendAndComplete(
    transfer: ResumableTransfer,
    key: string,
    state: ResumeState,
  ): Promise<string | null> {
    const { ledger, signal, source } = transfer;
    // Fed with each part's bytes as they are read; parts an earlier process sent are read again.
    const running =
      source.hash === null ? RunningHash.of(transfer.request.sourcePath, source.size, source.hashType) : null;
    const ids = { Bucket: this.#target.bucket, Key: key, UploadId: state.uploadId };
    const parts = new Map<number, UploadedPart>(state.parts.map((part) => [part.partNumber, part]));
    // Resuming: where the server lists its parts, a recorded part it holds differently is sent again.
    if (parts.size > 0) await this.#crossCheck(ids, parts, signal);
    const todo = () => missingParts({ ...state, parts: [...parts.values()] });
    const resumedFrom = bytesRecorded(
      [...parts.values()].filter((part) => !todo().includes(part.partNumber)),
    );
    await ledger.started("s3", resumedFrom > 0 ? resumedFrom : null);
    const meter = new ProgressMeter(source.size, resumedFrom, transfer.onProgress);
    try {
      let sent = resumedFrom;
      // Round 2 sends again what the cross-check before completing found missing or different.
      for (let round = 1; ; round += 1) {
        for (const partNumber of todo()) {
          const part = await this.#sendPart(transfer, key, state, partNumber, meter, running).catch(
            (error: unknown) => {
              meter.set(sent);
              throw error;
            },
          );
          // Recorded before it counts: a crash after this line never sends the part again.
          await ledger.recordPart(state.uploadId, part);
          parts.set(partNumber, part);
          sent += part.sizeBytes;
        }
        const dropped = await this.#crossCheck(ids, parts, signal);
        if (dropped.length === 0) break;
        if (round >= 2) {
          throw new SyncError(
            "TRANSFER_FAILED",
            say("transport.s3PartsDropped", { parts: dropped.join(", ") }),
          );
        }
      }
    } finally {
      meter.stop();
    }
    const all = [...parts.values()].sort((a, b) => a.partNumber - b.partNumber);
    const whole = running === null ? source.hash : await running.digest(signal);
    const { client, sdk } = await this.#load();
    try {
      await client.send(
        new sdk.CompleteMultipartUploadCommand({
          Bucket: this.#target.bucket,
          Key: key,
          UploadId: state.uploadId,
          MultipartUpload: { Parts: all.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      // Completed by us before a crash, then forgotten: the object is there and ours.
      if (!isNoSuchUpload(error) || !(await this.#matches(key, all, transfer, whole))) throw error;
      return whole;
    }
    if (!(await this.#matches(key, all, transfer, whole))) {
      throw new SyncError(
        "VERIFY_MISMATCH",
        say("transport.s3ObjectMismatch", { path: transfer.request.remotePath }),
      );
    }
    return whole;
  }

  async #sendPart(
    transfer: ResumableTransfer,
    key: string,
    state: ResumeState,
    partNumber: number,
    meter: ProgressMeter,
    running: RunningHash | null,
  ): Promise<UploadedPart> {
    const { request, limiter, signal } = transfer;
    const { start, end } = partRange(partNumber, state.partSizeBytes, state.sourceSize);
    // Parts before this one that an earlier process sent: hashed from the disk first.
    await running?.catchUp(start, signal);
    const md5 = createHash("md5");
    const body = Readable.from(
      (async function* () {
        let position = start;
        for await (const chunk of readRange(request.sourcePath, start, end, limiter, signal)) {
          running?.feed(position, chunk);
          position += chunk.length;
          md5.update(chunk);
          meter.add(chunk.length);
          yield chunk;
        }
      })(),
    );
    let etag: string | undefined;
    const { client, sdk } = await this.#load();
    try {
      const answer = await client.send(
        new sdk.UploadPartCommand({
          Bucket: this.#target.bucket,
          Key: key,
          UploadId: state.uploadId,
          PartNumber: partNumber,
          ContentLength: end - start,
          Body: body,
        }),
        { abortSignal: signal },
      );
      etag = answer.ETag;
    } catch (error) {
      body.destroy();
      if (isNoSuchUpload(error)) throw error;
      throw s3Error(error, `sending part ${partNumber}`);
    }
    if (etag === undefined || etag === "") {
      throw new SyncError("TRANSFER_FAILED", say("transport.s3NoEtag", { part: partNumber }));
    }
    const local = md5.digest("hex");
    const remote = plainEtag(etag);
    if (/^[0-9a-f]{32}$/.test(remote) && remote !== local) {
      throw new SyncError("TRANSFER_FAILED", say("transport.s3PartDamaged", { part: partNumber }));
    }
    return { partNumber, etag, sizeBytes: end - start };
  }

  /**
   * ListParts against the recorded parts, where the server has it (its absence is silent): a
   * part missing there or with another ETag or size is forgotten here, so it is sent again.
   * Returns the part numbers forgotten.
   */
  async #crossCheck(
    ids: { readonly Bucket: string; readonly Key: string; readonly UploadId: string },
    parts: Map<number, UploadedPart>,
    signal: AbortSignal,
  ): Promise<number[]> {
    const { client, sdk } = await this.#load();
    const listed = await listParts(client, sdk, ids, signal);
    if (listed === null) return [];
    const mismatches = partMismatches([...parts.values()], listed);
    for (const mismatch of mismatches) parts.delete(mismatch.partNumber);
    return mismatches.map((mismatch) => mismatch.partNumber);
  }

  /** The object has the source's size and the ETag its parts make (or its md5, as some servers give). */
  async #matches(
    key: string,
    parts: readonly UploadedPart[],
    transfer: ResumableTransfer,
    whole: string | null,
  ): Promise<boolean> {
    const { source, signal } = transfer;
    let head: { ContentLength?: number | undefined; ETag?: string | undefined } & ObjectChecksums;
    const { client, sdk } = await this.#load();
    try {
      head = await client.send(
        new sdk.HeadObjectCommand({ Bucket: this.#target.bucket, Key: key, ChecksumMode: "ENABLED" }),
        { abortSignal: signal },
      );
    } catch (error) {
      if (isNotFound(error)) return false;
      throw s3Error(error, "checking the uploaded object");
    }
    if (head.ContentLength !== source.size) return false;
    const etag = plainEtag(head.ETag ?? "");
    if (/-\d+$/.test(etag)) {
      const expected = multipartEtag(parts);
      if (expected !== null && expected !== etag) return false;
    } else if (/^[0-9a-f]{32}$/.test(etag) && source.hashType === "md5" && whole !== null) {
      if (etag !== whole.toLowerCase()) return false;
    }
    // A checksum over the whole object, where the server gives one we can compute: one more read
    // of the file, worth it — the ETag only proves the parts arrived as sent.
    const full = fullObjectChecksum(head);
    if (full === null) return true;
    return (await fileChecksum(transfer.request.sourcePath, full.algorithm, signal)) === full.value;
  }
}

/** Why a stored upload cannot be continued, or null when it can. */
function stale(
  state: ResumeState,
  remotePath: string,
  source: { readonly size: number; readonly mtimeMs: number },
  partSize: number,
): string | null {
  if (state.transport !== "s3") return `it was started by ${state.transport}`;
  if (state.sourceSize !== source.size || Math.abs(state.sourceMtimeMs - source.mtimeMs) > 1) {
    return "the local file changed since the upload started (size or modification time)";
  }
  if (state.partSizeBytes !== partSize) return "the part size changed";
  if (state.remotePath !== remotePath) return "the remote path changed";
  return null;
}
