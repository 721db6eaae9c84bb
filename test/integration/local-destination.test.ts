/** Real rclone rcd, a local folder as the destination, real SQLite. */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AWKWARD_NAMES, treeHashes, writeFile, writeRandomFile } from "../fixtures/files.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("local folder destination through rclone rcd", () => {
  it("delivers 50 files with awkward names and nested folders, byte for byte", async () => {
    const dir = makeTempDir();
    const export_ = path.join(dir, "Export 書き出し");
    for (const name of AWKWARD_NAMES) writeRandomFile(export_, name, 1 + Math.floor(Math.random() * 50_000));
    writeFile(export_, "empty.jpg", "");
    for (let index = AWKWARD_NAMES.length + 1; index < 50; index += 1) {
      writeRandomFile(
        export_,
        `roll ${index % 4}/IMG_${String(index).padStart(4, "0")}.jpg`,
        10_000 + index * 997,
      );
    }
    writeFile(export_, ".DS_Store", "junk");
    const cloud = path.join(dir, "cloud");
    const service = await openTestService({ destinations: [{ name: "local", remote: cloud }] }, { dir });
    try {
      const queued = await service.uploadBatch([export_], { subpath: "2026/星空" });
      expect(queued.jobIds).toHaveLength(50);
      const result = await service.processQueue();
      expect(result).toEqual({ succeeded: 50, failed: 0 });

      const sent = treeHashes(export_);
      sent.delete(".DS_Store");
      const arrived = treeHashes(path.join(cloud, "2026", "星空", "Export 書き出し"));
      expect(arrived).toEqual(sent);
      const jobs = await service.listJobs({ limit: 100 });
      // Local → local: rclone offers md5 on both sides, so every job was verified by hash.
      expect(
        jobs.every((job) => job.state === "completed" && job.hashType === "md5" && job.hash !== null),
      ).toBe(true);
      expect((await service.getBatchStatus(queued.batch.id)).status).toBe("completed");
    } finally {
      await service.close();
    }
  });

  it("is idempotent: uploading the same files again skips them", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "src/写真_桜.jpg", 30_000);
    const cloud = path.join(dir, "cloud");
    const service = await openTestService({ destinations: [{ name: "local", remote: cloud }] }, { dir });
    try {
      await service.uploadBatch([source]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      const again = await service.uploadBatch([source]);
      await service.processQueue();
      expect((await service.getUploadStatus(again.jobIds[0] as number)).state).toBe("skipped");
      expect(readdirSync(cloud)).toEqual(["写真_桜.jpg"]);
    } finally {
      await service.close();
    }
  });

  it("records a missing source as a failed job with SOURCE_MISSING while the others upload", async () => {
    const dir = makeTempDir();
    const present = writeRandomFile(dir, "src/a.jpg", 1000);
    const missing = path.join(dir, "src", "gone.jpg");
    const cloud = path.join(dir, "cloud");
    const service = await openTestService({ destinations: [{ name: "local", remote: cloud }] }, { dir });
    try {
      const queued = await service.uploadBatch([present, missing]);
      expect(queued.missing).toEqual([missing]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 1 });
      const failed = await service.listJobs({ states: ["failed"] });
      expect(failed[0]?.lastError).toMatchObject({ code: "SOURCE_MISSING", temporary: false });
      expect(existsSync(path.join(cloud, "a.jpg"))).toBe(true);
    } finally {
      await service.close();
    }
  });

  it("stops its rclone rcd on close", async () => {
    const dir = makeTempDir();
    const service = await openTestService(
      { destinations: [{ name: "local", remote: path.join(dir, "cloud") }] },
      { dir },
    );
    const check = await service.testConnection("local");
    expect(check).toMatchObject({ ok: true });
    expect(check.hashTypes).toContain("md5");
    const records = readdirSync(path.join(dir, "data", "rcd"));
    expect(records).toHaveLength(1);
    const rcdPid = Number(records[0]?.split("-")[1]?.replace(".json", ""));
    await service.close();
    expect(() => process.kill(rcdPid, 0)).toThrow();
    expect(readdirSync(path.join(dir, "data", "rcd"))).toEqual([]);
  });
});
