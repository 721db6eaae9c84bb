/** Real rclone rcd uploading to `rclone serve webdav` on a loopback port. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Job } from "../../src/domain/job.js";
import { AWKWARD_NAMES, md5, treeHashes, writeRandomFile } from "../fixtures/files.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { openSlowService, openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

describe("WebDAV destination (rclone serve webdav)", () => {
  it("uploads awkward names and verifies them by size (the server offers no hash)", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    const export_ = path.join(dir, "export");
    for (const name of AWKWARD_NAMES) writeRandomFile(export_, name, 5_000);
    const service = await openTestService(
      { destinations: [{ name: "dav", remote: server.remote(), path: "studio" }] },
      { dir },
    );
    try {
      await service.uploadBatch([export_]);
      expect(await service.processQueue()).toEqual({ succeeded: AWKWARD_NAMES.length, failed: 0 });
      expect(treeHashes(path.join(dir, "server", "studio", "export"))).toEqual(treeHashes(export_));
      const jobs = await service.listJobs({});
      expect(jobs.every((job) => job.state === "completed" && job.hashType === null)).toBe(true);
    } finally {
      await service.close();
      await server.stop();
    }
  });

  it("survives the server dying mid-transfer: the file arrives intact once it is back", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    const source = writeRandomFile(dir, "export/big.tif", 16_000_000);
    // Slow enough that the server can be killed while bytes move.
    const slow = await openSlowService({ destinations: [{ name: "dav", remote: server.remote() }] }, dir);
    const { service } = slow;
    try {
      const { queued, processing } = await slow.uploadWhileMoving([source]);
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await server.start();
      // rclone's low-level retries usually resend the upload themselves; our retry layer takes
      // over when they give up. Either way: completed, verified, intact.
      expect(await processing).toEqual({ succeeded: 1, failed: 0 });
      expect((await service.getUploadStatus(queued.jobIds[0] as number)).state).toBe("completed");
      expect(md5(path.join(dir, "server", "big.tif"))).toBe(md5(source));
    } finally {
      await slow.close();
      await server.stop();
    }
  });

  it("waits with backoff while the server is down and completes when it returns", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    await server.stop();
    const source = writeRandomFile(dir, "export/写真_桜.jpg", 100_000);
    // rclone's own low-level retries would spend ~30 s per attempt before we hear of the
    // outage; with one, our layer takes over at once and the test stays short.
    process.env.RCLONE_LOW_LEVEL_RETRIES = "1";
    const service = await openTestService(
      { destinations: [{ name: "dav", remote: server.remote() }] },
      { dir },
    );
    const seen: Job[] = [];
    service.on("changed", (job) => seen.push(job));
    try {
      const queued = await service.uploadBatch([source]);
      const processing = service.processQueue();
      // Three failures in a row mark it offline; from then on its jobs wait for a probe.
      const offline = await eventually(async () => {
        const health = (await service.getQueueStatus()).destinations[0]?.health;
        return health?.condition === "offline" ? health : undefined;
      }, 60_000);
      expect(offline.reason).toMatchObject({ code: "REMOTE_UNREACHABLE" });
      expect(offline.until).toBeGreaterThan(offline.since);
      await server.start();
      expect(await processing).toEqual({ succeeded: 1, failed: 0 });
      const retry = seen.find((job) => job.state === "retrying");
      expect(retry?.lastError).toMatchObject({ code: "REMOTE_UNREACHABLE", temporary: true });
      const job = await service.getUploadStatus(queued.jobIds[0] as number);
      expect(job.state).toBe("completed");
      // Attempts 1 and 2 failed; the third failure was given back once it went offline.
      expect(job.attempts).toBeGreaterThanOrEqual(2);
      expect(job.attempts).toBeLessThanOrEqual(job.maxRetries + 1);
      expect(md5(path.join(dir, "server", "写真_桜.jpg"))).toBe(md5(source));
    } finally {
      delete process.env.RCLONE_LOW_LEVEL_RETRIES;
      await service.close();
      await server.stop();
    }
  });

  it("a 20 s outage mid-batch: nothing fails, nothing arrives twice or half", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    const export_ = path.join(dir, "export");
    for (let index = 0; index < 10; index += 1) writeRandomFile(export_, `IMG_${index}.jpg`, 2_000_000);
    const slow = await openSlowService(
      { destinations: [{ name: "dav", remote: server.remote(), retries: 2 }] },
      dir,
    );
    const { service } = slow;
    try {
      const { processing } = await slow.uploadWhileMoving([export_]);
      await server.stop();
      // Down for 20 s — longer than 2 retries' backoff (2 s + 4 s) — then back on the same port.
      // rclone's low-level retries usually ride it out inside the transfers; where they give
      // up, the destination goes offline and its jobs wait without spending attempts.
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      await server.start();
      expect(await processing).toEqual({ succeeded: 10, failed: 0 });
      for (const job of await service.listJobs({})) expect(job.attempts).toBeLessThanOrEqual(3);
      // Exactly the sent files: no half file left by the killed server, no "IMG_1 (1).jpg".
      expect(treeHashes(path.join(dir, "server", "export"))).toEqual(treeHashes(export_));
    } finally {
      await slow.close();
      await server.stop();
    }
  });

  it("holds its jobs at once with AUTH_FAILED on a wrong password, without retrying in a loop", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    const source = writeRandomFile(dir, "export/a.jpg", 1000);
    const service = await openTestService(
      { destinations: [{ name: "dav", remote: server.remote("wrong-password") }] },
      { dir },
    );
    try {
      const queued = await service.uploadBatch([source]);
      // A config fault: the destination needs attention; the job waits, its attempt given back.
      expect(await service.processQueue()).toEqual({ succeeded: 0, failed: 0 });
      const job = await service.getUploadStatus(queued.jobIds[0] as number);
      expect(job).toMatchObject({ state: "retrying", attempts: 0 });
      expect(job.lastError).toMatchObject({ code: "AUTH_FAILED", temporary: false });
      expect(job.lastError?.hint).toMatch(/credentials/);
      // The obscured password rclone echoed back must not be stored.
      expect(JSON.stringify(job)).not.toContain(server.remote("wrong-password").match(/pass=([^:]+)/)?.[1]);
      const check = await service.testConnection("dav");
      expect(check).toMatchObject({ ok: false, error: expect.objectContaining({ code: "AUTH_FAILED" }) });
    } finally {
      await service.close();
      await server.stop();
    }
  });
});
