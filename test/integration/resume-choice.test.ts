/**
 * Which transport moves a file, for real (rclone rcd + s3rver): large files to S3 go through our
 * resumable multipart upload; small ones, `resumable: "off"` and a remote whose settings we
 * cannot honour (server-side encryption) go through rclone, as before. The object is right either way.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DestinationInput } from "../../src/config/schema.js";
import { writeRandomFile } from "../fixtures/files.js";
import { startS3rver } from "../fixtures/s3rver-process.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const saved = process.env.AWS_CA_BUNDLE;
beforeAll(() => {
  // rclone 1.60's S3 backend (rcd inherits our environment) cannot load it.
  delete process.env.AWS_CA_BUNDLE;
});
afterAll(() => {
  if (saved !== undefined) process.env.AWS_CA_BUNDLE = saved;
});

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function uploadOne(size: number, destination: Partial<DestinationInput>, remoteExtra = "") {
  const dir = makeTempDir("junmai-resume-choice-");
  const s3 = await startS3rver(path.join(dir, "s3"));
  const source = writeRandomFile(path.join(dir, "export"), "clip 桜.mov", size);
  const remote = s3.remote().replace(/:photos$/, `${remoteExtra}:photos`);
  const service = await openTestService(
    {
      destinations: [
        { name: "s3", remote, path: "v", resumableAbove: "10M", partSize: "5M", ...destination },
      ],
    },
    { dir },
  );
  try {
    const queued = await service.uploadBatch([source], { to: ["s3"] });
    expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
    const job = await service.getUploadStatus(queued.jobIds[0] as number);
    expect(sha256(s3.objectFile("v/clip 桜.mov"))).toBe(sha256(source));
    return { job, parts: s3.partsReceived() };
  } finally {
    await service.close();
    await s3.stop();
  }
}

describe("choosing the transport per destination and size", () => {
  it("a file above resumableAbove goes up as our multipart upload, in 5 MiB parts", async () => {
    const { job, parts } = await uploadOne(12 * 1024 * 1024, {});
    expect(job).toMatchObject({ state: "completed", transport: "s3", resumedFrom: null });
    expect(parts).toEqual([1, 2, 3]);
  }, 60_000);

  it("a small file, or resumable: off, goes through rclone", async () => {
    const small = await uploadOne(1024 * 1024, {});
    expect(small.job).toMatchObject({ state: "completed", transport: "rclone" });
    const off = await uploadOne(12 * 1024 * 1024, { resumable: "off" });
    expect(off.job).toMatchObject({ state: "completed", transport: "rclone" });
  }, 60_000);

  it("a remote whose settings we cannot honour (server_side_encryption) falls back to rclone", async () => {
    const { job } = await uploadOne(12 * 1024 * 1024, {}, ",server_side_encryption=AES256");
    expect(job).toMatchObject({ state: "completed", transport: "rclone" });
  }, 60_000);
});
