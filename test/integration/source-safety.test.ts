/**
 * Sources through real rclone: one appended to while it uploads waits until it settles and then
 * goes up as it is; one deleted before its turn fails clearly. Sources are never touched.
 */
import { appendFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { openSlowService, openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("source safety", () => {
  it("a file appended to mid-upload is re-queued, not counted as a failure, and arrives whole", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/写真_桜.tif", 8_000_000);
    // Slow enough that the append lands while bytes move.
    const slow = await openSlowService(
      { destinations: [{ name: "local", remote: path.join(dir, "cloud") }] },
      dir,
    );
    const { service, seen } = slow;
    try {
      const { queued, processing } = await slow.uploadWhileMoving([source]);
      appendFileSync(source, Buffer.alloc(500_000, 7));
      const before = md5(source);
      expect(await processing).toEqual({ succeeded: 1, failed: 0 });
      const deferred = seen.find((job) => job.lastError?.code === "SOURCE_CHANGED");
      expect(deferred).toMatchObject({ state: "retrying", attempts: 0 });
      const job = await service.getUploadStatus(queued.jobIds[0] as number);
      expect(job).toMatchObject({ state: "completed", attempts: 1, sizeBytes: 8_500_000 });
      expect(md5(path.join(dir, "cloud", "写真_桜.tif"))).toBe(before);
      // Nothing but the photo: no half copy, no hidden upload name.
      expect(readdirSync(path.join(dir, "cloud"))).toEqual(["写真_桜.tif"]);
      expect(md5(source)).toBe(before);
    } finally {
      await slow.close();
    }
  });

  it("a source deleted before its turn fails with SOURCE_MISSING and a clear message", async () => {
    const dir = makeTempDir();
    const kept = writeRandomFile(dir, "export/kept.jpg", 1000);
    const gone = writeRandomFile(dir, "export/gone.jpg", 1000);
    const service = await openTestService(
      { destinations: [{ name: "local", remote: path.join(dir, "cloud") }] },
      { dir },
    );
    try {
      await service.uploadBatch([path.join(dir, "export")]);
      rmSync(gone);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 1 });
      const [failed] = await service.listJobs({ states: ["failed"] });
      expect(failed).toMatchObject({ sourcePath: gone, attempts: 1 });
      expect(failed?.lastError).toMatchObject({ code: "SOURCE_MISSING", temporary: false });
      expect(failed?.lastError?.message).toContain("gone.jpg");
      expect(statSync(kept).size).toBe(1000);
    } finally {
      await service.close();
    }
  });
});
