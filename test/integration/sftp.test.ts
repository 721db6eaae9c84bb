/** Real rclone rcd uploading to `rclone serve sftp` on a loopback port: every file verified, its md5 recorded. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { md5, treeHashes, writeRandomFile } from "../fixtures/files.js";
import { startSftp } from "../fixtures/rclone-servers.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("SFTP destination (rclone serve sftp)", () => {
  it("uploads and verifies by size and md5", async () => {
    const dir = makeTempDir();
    const server = await startSftp({ root: path.join(dir, "server") });
    const export_ = path.join(dir, "export");
    writeRandomFile(export_, "写真_桜.jpg", 200_000);
    writeRandomFile(export_, "raw/DSC 0001.arw", 1_500_000);
    // A folder of several: on SFTP they still go one by one (each folder rclone opens would
    // connect anew), and each one's md5 comes from its source: rclone's copy compared it with
    // the server's md5sum already.
    for (let index = 1; index <= 5; index += 1) writeRandomFile(export_, `IMG_000${index}.jpg`, 50_000);
    const service = await openTestService(
      { destinations: [{ name: "nas", remote: server.remote(), path: "photos" }] },
      { dir },
    );
    try {
      await service.uploadBatch([export_], { subpath: "2026-11" });
      expect(await service.processQueue()).toEqual({ succeeded: 7, failed: 0 });
      expect(treeHashes(path.join(dir, "server", "photos", "2026-11", "export"))).toEqual(
        treeHashes(export_),
      );
      const jobs = await service.listJobs({});
      const sakura = jobs.find((job) => job.remotePath.endsWith("写真_桜.jpg"));
      expect(sakura).toMatchObject({
        state: "completed",
        hashType: "md5",
        hash: md5(path.join(export_, "写真_桜.jpg")),
      });
      for (const job of jobs) {
        expect(job).toMatchObject({ state: "completed", hashType: "md5", hash: md5(job.sourcePath) });
      }
    } finally {
      await service.close();
      await server.stop();
    }
  });

  it("holds its jobs at once with AUTH_FAILED on a wrong password: the destination needs attention", async () => {
    const dir = makeTempDir();
    const server = await startSftp({ root: path.join(dir, "server") });
    const source = writeRandomFile(dir, "export/a.jpg", 1000);
    const service = await openTestService(
      { destinations: [{ name: "nas", remote: server.remote("nope") }] },
      { dir },
    );
    try {
      const queued = await service.uploadBatch([source]);
      // A config fault: not the photo's failure; the run ends, the job waits for the fix.
      expect(await service.processQueue()).toEqual({ succeeded: 0, failed: 0 });
      expect(await service.getUploadStatus(queued.jobIds[0] as number)).toMatchObject({
        state: "retrying",
        attempts: 0,
        lastError: expect.objectContaining({ code: "AUTH_FAILED", temporary: false }),
      });
    } finally {
      await service.close();
      await server.stop();
    }
  });
});
