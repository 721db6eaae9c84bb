/** Real rclone rcd uploading to `rclone serve webdav` on a loopback port. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Job } from "../../src/domain/job.js";
import { AWKWARD_NAMES, md5, treeHashes, writeRandomFile } from "../fixtures/files.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { openTestService, whenBytesMove } from "../fixtures/service.js";
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
    // Slow the transfer down so the server can be killed while bytes move (the rcd, started on
    // first use, inherits this environment).
    process.env.RCLONE_BWLIMIT = "4M";
    const service = await openTestService(
      { destinations: [{ name: "dav", remote: server.remote() }] },
      { dir },
    );
    const moving = whenBytesMove(service);
    try {
      const queued = await service.uploadBatch([source]);
      const processing = service.processQueue();
      await eventually(moving, 30_000);
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await server.start();
      // rclone's low-level retries usually resend the upload themselves; our retry layer takes
      // over when they give up. Either way: completed, verified, intact.
      expect(await processing).toEqual({ succeeded: 1, failed: 0 });
      expect((await service.getUploadStatus(queued.jobIds[0] as number)).state).toBe("completed");
      expect(md5(path.join(dir, "server", "big.tif"))).toBe(md5(source));
    } finally {
      delete process.env.RCLONE_BWLIMIT;
      await service.close();
      await server.stop();
    }
  });

  it("waits with backoff while the server is down and completes when it returns", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    await server.stop();
    const source = writeRandomFile(dir, "export/写真_桜.jpg", 100_000);
    const service = await openTestService(
      { destinations: [{ name: "dav", remote: server.remote() }] },
      { dir },
    );
    const seen: Job[] = [];
    service.on("changed", (job) => seen.push(job));
    try {
      const queued = await service.uploadBatch([source]);
      const processing = service.processQueue();
      await eventually(() => (seen.some((job) => job.state === "retrying") ? true : undefined), 30_000);
      await server.start();
      expect(await processing).toEqual({ succeeded: 1, failed: 0 });
      const retry = seen.find((job) => job.state === "retrying");
      expect(retry?.lastError).toMatchObject({ code: "REMOTE_UNREACHABLE", temporary: true });
      const job = await service.getUploadStatus(queued.jobIds[0] as number);
      expect(job.state).toBe("completed");
      expect(job.attempts).toBeGreaterThanOrEqual(2);
      expect(md5(path.join(dir, "server", "写真_桜.jpg"))).toBe(md5(source));
    } finally {
      await service.close();
      await server.stop();
    }
  });

  it("fails at once with AUTH_FAILED on a wrong password, without retrying", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    const source = writeRandomFile(dir, "export/a.jpg", 1000);
    const service = await openTestService(
      { destinations: [{ name: "dav", remote: server.remote("wrong-password") }] },
      { dir },
    );
    try {
      const queued = await service.uploadBatch([source]);
      expect(await service.processQueue()).toEqual({ succeeded: 0, failed: 1 });
      const job = await service.getUploadStatus(queued.jobIds[0] as number);
      expect(job).toMatchObject({ state: "failed", attempts: 1 });
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
