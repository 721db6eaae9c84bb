/**
 * Odd sources, made for real (issue 21 item 8): a named pipe, a socket, a link to a device, a
 * symbolic-link loop and a dangling link in an uploaded folder; a file turned into a pipe after
 * it was queued; a file that shrinks mid-upload; a path longer than the destination allows.
 * Each ends with a clear code, and nothing hangs.
 */
import { execFileSync } from "node:child_process";
import { rmSync, symlinkSync, truncateSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { openSlowService, openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("odd sources", () => {
  it("skips a pipe, a socket, a device, a link loop and a dangling link in a folder, each named with its code", async () => {
    const dir = makeTempDir();
    const folder = path.join(dir, "export");
    const photo = writeRandomFile(folder, "写真_桜.jpg", 20_000);
    execFileSync("mkfifo", [path.join(folder, "pipe.jpg")]);
    const socket = net.createServer();
    await new Promise<void>((resolve) => socket.listen(path.join(folder, "sock.jpg"), resolve));
    symlinkSync("/dev/null", path.join(folder, "device.jpg"));
    symlinkSync(path.join(folder, "loop.jpg"), path.join(folder, "loop.jpg"));
    symlinkSync(path.join(folder, "gone.jpg"), path.join(folder, "dangling.jpg"));
    const service = await openTestService(
      { destinations: [{ name: "nas", remote: path.join(dir, "nas") }] },
      { dir },
    );
    try {
      const queued = await service.uploadBatch([folder]);
      expect(queued.jobIds).toHaveLength(1);
      const skipped = Object.fromEntries(queued.skipped.map((odd) => [path.basename(odd.path), odd.code]));
      expect(skipped).toEqual({
        "pipe.jpg": "NOT_A_FILE",
        "sock.jpg": "NOT_A_FILE",
        "device.jpg": "NOT_A_FILE",
        "loop.jpg": "SOURCE_UNREADABLE",
        "dangling.jpg": "SOURCE_MISSING",
      });
      expect(queued.skipped.find((odd) => odd.path.endsWith("pipe.jpg"))?.message).toContain("named pipe");
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      expect(md5(path.join(dir, "nas", "export", "写真_桜.jpg"))).toBe(md5(photo));
      // A pipe named on its own is refused at once, not queued.
      await expect(service.uploadBatch([path.join(folder, "pipe.jpg")])).rejects.toMatchObject({
        code: "NOT_A_FILE",
      });
    } finally {
      socket.close();
      await service.close();
    }
  });

  it("a file that became a pipe after it was queued fails with NOT_A_FILE instead of hanging", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/a.jpg", 1_000);
    const service = await openTestService(
      { destinations: [{ name: "nas", remote: path.join(dir, "nas") }] },
      { dir },
    );
    try {
      const queued = await service.uploadBatch([source]);
      rmSync(source);
      execFileSync("mkfifo", [source]);
      expect(await service.processQueue()).toEqual({ succeeded: 0, failed: 1 });
      const job = await service.getUploadStatus(queued.jobIds[0] as number);
      expect(job).toMatchObject({ state: "failed", lastError: { code: "NOT_A_FILE" } });
    } finally {
      await service.close();
    }
  });

  it("a file that shrinks mid-upload is uploaded again once still, and arrives as it is now", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/big.tif", 12_000_000);
    const slow = await openSlowService(
      { destinations: [{ name: "nas", remote: path.join(dir, "nas") }] },
      dir,
    );
    const { service } = slow;
    try {
      const { queued, processing } = await slow.uploadWhileMoving([source]);
      truncateSync(source, 1_000_000);
      expect(await processing).toEqual({ succeeded: 1, failed: 0 });
      expect(await service.getUploadStatus(queued.jobIds[0] as number)).toMatchObject({
        state: "completed",
        sizeBytes: 1_000_000,
      });
      expect(md5(path.join(dir, "nas", "big.tif"))).toBe(md5(source));
    } finally {
      await slow.close();
    }
  });

  it("a path longer than the destination allows fails with NAME_NOT_ALLOWED and rclone's words", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/a.jpg", 1_000);
    const service = await openTestService(
      { destinations: [{ name: "nas", remote: path.join(dir, "nas") }] },
      { dir },
    );
    try {
      // One folder name of 300 bytes: more than the 255 a Linux filesystem allows.
      const queued = await service.uploadBatch([source], { subpath: "x".repeat(300) });
      expect(await service.processQueue()).toEqual({ succeeded: 0, failed: 1 });
      const job = await service.getUploadStatus(queued.jobIds[0] as number);
      expect(job.lastError?.code).toBe("NAME_NOT_ALLOWED");
      expect(job.lastError?.detail).toMatch(/name too long/i);
      // Not the destination's fault: one attempt, no retry loop.
      expect(job.attempts).toBe(1);
    } finally {
      await service.close();
    }
  });
});
