/**
 * A hung or silent rclone, made for real (issue 21 item 5): `kill -STOP` on the rcd mid-transfer
 * (the watchdog kills it by pid and starts a new one; the job comes back with its attempt given
 * back), and a server that goes silent mid-upload (the stall watch stops the transfer and it is
 * retried). Both end with the file delivered intact.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isProcessAlive } from "../../src/platform/process.js";
import { CrashLoop } from "../../src/rclone/rcd-watchdog.js";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { openSlowService, rcdPids } from "../fixtures/service.js";
import { startTcpProxy } from "../fixtures/tcp-proxy.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

describe("a hung rclone rcd", () => {
  it("kill -STOP mid-transfer: killed by pid, restarted, the job delivered with its attempt given back", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/big.tif", 12_000_000);
    const slow = await openSlowService(
      {
        destinations: [{ name: "local", remote: path.join(dir, "cloud") }],
        // A long stall time: the watchdog, not the stall watch, must catch this one.
        engine: {
          pollIntervalMs: 100,
          shutdownGraceSeconds: 5,
          rcdCheckSeconds: 1,
          rcdTimeoutMs: 800,
          stallSeconds: 600,
        },
      },
      dir,
    );
    const { service, seen } = slow;
    let stopped: number | undefined;
    try {
      const { queued, processing } = await slow.uploadWhileMoving([source]);
      [stopped] = rcdPids(path.join(dir, "data"));
      process.kill(stopped as number, "SIGSTOP");
      expect(await processing).toEqual({ succeeded: 1, failed: 0 });
      // The stopped rcd is gone (killed by pid), a new one runs.
      await eventually(() => (isProcessAlive(stopped as number) ? undefined : true), 10_000);
      const [next] = rcdPids(path.join(dir, "data"));
      expect(next).not.toBe(stopped);
      const released = seen.find((job) => job.state === "pending" && job.lastError !== null);
      expect(released?.lastError?.code).toBe("TRANSFER_INTERRUPTED");
      expect(await service.getUploadStatus(queued.jobIds[0] as number)).toMatchObject({
        state: "completed",
        attempts: 1,
      });
      expect(md5(path.join(dir, "cloud", "big.tif"))).toBe(md5(source));
    } finally {
      if (stopped !== undefined && isProcessAlive(stopped)) process.kill(stopped, "SIGKILL");
      await slow.close();
    }
  });

  it("a crash loop (3 exits within a minute) backs off instead of restarting at once", () => {
    const loop = new CrashLoop();
    expect(loop.exited(0)).toMatchObject({ looping: false, delayMs: 250 });
    expect(loop.exited(1_000)).toMatchObject({ looping: false });
    expect(loop.exited(2_000)).toMatchObject({ looping: true, delayMs: 5_000, count: 3 });
    expect(loop.exited(3_000)).toMatchObject({ looping: true, delayMs: 10_000 });
    // A minute of calm forgets the old exits.
    expect(loop.exited(200_000)).toMatchObject({ looping: false, count: 1 });
  });
});

describe("a transfer that stops moving", () => {
  it("is stopped after engine.stallSeconds with TRANSFER_STALLED and retried to completion", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    const proxy = await startTcpProxy("127.0.0.1", server.port);
    const remote = server.remote().replace(`127.0.0.1:${server.port}`, `127.0.0.1:${proxy.port}`);
    const source = writeRandomFile(dir, "export/big.tif", 16_000_000);
    const slow = await openSlowService(
      {
        destinations: [{ name: "dav", remote }],
        engine: { pollIntervalMs: 100, shutdownGraceSeconds: 5, stallSeconds: 2, progressIntervalMs: 200 },
      },
      dir,
    );
    const { service, seen } = slow;
    try {
      const { queued, processing } = await slow.uploadWhileMoving([source]);
      // The server goes silent on the open connection once the upload has carried 1 MB (the
      // first progress can come earlier, and a connection not frozen would just finish); the
      // retry opens a new one.
      await eventually(() => (proxy.freeze() > 0 ? true : undefined), 30_000, 10);
      await eventually(() =>
        seen.some((job) => job.state === "retrying" && job.lastError?.code === "TRANSFER_STALLED")
          ? true
          : undefined,
      );
      // The silent server drops the dead connection at last; the retry goes through.
      proxy.dropFrozen();
      expect(await processing).toEqual({ succeeded: 1, failed: 0 });
      expect((await service.getUploadStatus(queued.jobIds[0] as number)).state).toBe("completed");
      expect(md5(path.join(dir, "server", "big.tif"))).toBe(md5(source));
    } finally {
      await slow.close();
      await proxy.close();
      await server.stop();
    }
  });
});
