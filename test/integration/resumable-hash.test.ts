/**
 * Our resumable S3 upload hashes the whole file while reading it to send it (real s3rver): the
 * job's md5 is the whole file's, rclone never reads the source (it used to hash it first), and
 * an upload resumed from recorded parts — the hash state of the process that sent them gone —
 * reads that prefix again for the hash and still ends with the whole file's md5.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Destination } from "../../src/domain/destination.js";
import type { NewResumeState, ResumeState, TransportKind, UploadedPart } from "../../src/domain/resume.js";
import type { ResumeLedger } from "../../src/engine/transport.js";
import { S3MultipartUpload } from "../../src/transport/s3/s3-multipart.js";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { startS3rver } from "../fixtures/s3rver-process.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const MiB = 1024 * 1024;
const saved = process.env.AWS_CA_BUNDLE;
beforeAll(() => {
  // rclone 1.60's S3 backend (rcd inherits our environment) cannot load it.
  delete process.env.AWS_CA_BUNDLE;
});
afterAll(() => {
  if (saved !== undefined) process.env.AWS_CA_BUNDLE = saved;
});

/** Bytes read so far by the rclone processes this test process started (Linux). */
function rcloneBytesRead(): number | null {
  let total = 0;
  let found = false;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (!stat.includes("(rclone)") || Number(ppid) !== process.pid || state === "Z") continue;
      total += Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${entry}/io`, "utf8"))?.[1] ?? 0);
      found = true;
    } catch {
      // Gone meanwhile.
    }
  }
  return found ? total : null;
}

/** A ledger in memory, as the store keeps it across processes. */
class MemoryLedger implements ResumeLedger {
  state: ResumeState | undefined;
  holding = false;
  onPart: (part: UploadedPart) => void = () => undefined;

  async load(): Promise<ResumeState | undefined> {
    return this.state;
  }
  async begin(state: Omit<NewResumeState, "jobId" | "destination" | "createdAt">): Promise<void> {
    this.state = { ...state, jobId: 1, destination: "s3", createdAt: 0, parts: [] };
    this.holding = true;
  }
  async recordPart(_uploadId: string, part: UploadedPart): Promise<void> {
    if (this.state !== undefined) this.state = { ...this.state, parts: [...this.state.parts, part] };
    this.onPart(part);
  }
  async end(): Promise<void> {
    this.state = undefined;
    this.holding = false;
  }
  async started(_transport: TransportKind, _resumedFrom: number | null): Promise<void> {}
}

describe("resumable S3 uploads hash while they read", () => {
  it("the job's md5 is the whole file's, and rclone never reads the source for it", async () => {
    const dir = makeTempDir("junmai-resumable-hash-");
    const s3 = await startS3rver(path.join(dir, "s3"));
    const size = 24 * MiB;
    const source = writeRandomFile(path.join(dir, "export"), "clip.mov", size);
    const service = await openTestService(
      { destinations: [{ name: "s3", remote: s3.remote(), resumableAbove: "10M", partSize: "5M" }] },
      { dir },
    );
    try {
      const queued = await service.uploadBatch([source], { to: ["s3"] });
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      const job = await service.getUploadStatus(queued.jobIds[0] as number);
      expect(job).toMatchObject({ state: "completed", transport: "s3", hashType: "md5", hash: md5(source) });
      expect(md5(s3.objectFile("clip.mov"))).toBe(md5(source));
      // rclone checked the destination and read the object's metadata: never the 24 MiB.
      const read = rcloneBytesRead();
      if (read !== null) expect(read).toBeLessThan(size / 4);
    } finally {
      await service.close();
      await s3.stop();
    }
  }, 60_000);

  it("resumed from parts an earlier process recorded, it still gives the whole file's md5", async () => {
    const dir = makeTempDir("junmai-resumable-hash-");
    const s3 = await startS3rver(path.join(dir, "s3"));
    const size = 17 * MiB;
    const source = writeRandomFile(path.join(dir, "export"), "clip.mov", size);
    const upload = new S3MultipartUpload(
      {
        client: {
          region: "us-east-1",
          forcePathStyle: true,
          endpoint: `http://127.0.0.1:${s3.port}`,
          credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
          requestChecksumCalculation: "WHEN_REQUIRED",
          responseChecksumValidation: "WHEN_REQUIRED",
          maxAttempts: 1,
        },
        bucket: s3.bucket,
        prefix: "",
        storageClass: null,
        acl: null,
      },
      5 * MiB,
    );
    const ledger = new MemoryLedger();
    const transfer = (signal: AbortSignal) =>
      upload.upload({
        request: {
          jobId: 1,
          attempt: 1,
          sourcePath: source,
          destination: { name: "s3" } as Destination,
          remotePath: "clip.mov",
        },
        ledger,
        source: { size, mtimeMs: statSync(source).mtimeMs, hashType: "md5", hash: null },
        limiter: { take: async () => undefined },
        signal,
        onProgress: () => undefined,
        onRestart: (reason) => {
          throw new Error(`restarted: ${reason}`);
        },
      });
    try {
      // The first process stops once two parts are recorded (its running hash dies with it).
      const first = new AbortController();
      ledger.onPart = (part) => {
        if (part.partNumber === 2) first.abort(new Error("killed"));
      };
      await expect(transfer(first.signal)).rejects.toThrow();
      expect(ledger.state?.parts.map((part) => part.partNumber)).toEqual([1, 2]);
      ledger.onPart = () => undefined;
      const hash = await transfer(new AbortController().signal);
      expect(hash).toBe(md5(source));
      expect(
        createHash("md5")
          .update(readFileSync(s3.objectFile("clip.mov")))
          .digest("hex"),
      ).toBe(hash);
    } finally {
      await s3.stop();
    }
  }, 60_000);
});
