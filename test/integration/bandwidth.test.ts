/** Bandwidth limits reach rclone: the limit rclone itself reports, live changes, a restarted rcd. */
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { SyncService } from "../../src/app/sync-service.js";
import { RcdSupervisor } from "../../src/rclone/rcd-supervisor.js";
import { RcloneTransport } from "../../src/rclone/rclone-transport.js";
import { md5, treeHashes, writeRandomFile } from "../fixtures/files.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const MiB = 2 ** 20;

interface BwLimit {
  readonly bytesPerSecondTx: number;
  readonly rate: string;
}

describe("bandwidth limits in rclone", () => {
  it("sets the global limit live, as rclone reports it, and again on a restarted rcd", async () => {
    const dir = makeTempDir();
    const rcd = new RcdSupervisor({ binary: "rclone", dataDir: path.join(dir, "data") });
    const transport = new RcloneTransport(rcd, { progressIntervalMs: 500 });
    const signal = AbortSignal.timeout(20_000);
    try {
      expect(await transport.setBandwidth(2 * MiB, signal)).toBe(2 * MiB);
      const reported = await (await rcd.client()).call<BwLimit>("core/bwlimit", {}, signal);
      expect(reported.bytesPerSecondTx).toBe(2 * MiB);

      const killed = (await rcd.pid()) as number;
      process.kill(killed, "SIGKILL");
      await vi.waitFor(
        async () => {
          const pid = await rcd.pid();
          expect(pid === undefined || pid === killed).toBe(false);
        },
        { timeout: 10_000, interval: 100 },
      );
      // Any use of the new rcd hands it the limit first.
      await transport.hashSource(writeRandomFile(dir, "probe.bin", 10), "md5", signal).catch(() => undefined);
      const again = await (await rcd.client()).call<BwLimit>("core/bwlimit", {}, signal);
      expect(again.bytesPerSecondTx).toBe(2 * MiB);

      expect(await transport.setBandwidth(null, signal)).toBeNull();
      expect((await (await rcd.client()).call<BwLimit>("core/bwlimit", {}, signal)).rate).toBe("off");
    } finally {
      await transport.close();
    }
  });

  it("uploads with a destination's own limit and a global timetable, and delivers intact", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/写真_桜.jpg", 300_000);
    const service = await openTestService(
      {
        destinations: [{ name: "local", remote: path.join(dir, "cloud"), bandwidth: "00:00,64M" }],
        bandwidth: "50M",
        timeZone: "Asia/Tokyo",
      },
      { dir },
    );
    try {
      await service.uploadBatch([source]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      expect(md5(path.join(dir, "cloud", "写真_桜.jpg"))).toBe(md5(source));
      const status = await service.getQueueStatus();
      expect(status.bandwidth).toEqual({ bytesPerSecond: 50 * MiB, until: null, source: "config" });
      expect(status.destinations[0]?.bandwidth).toMatchObject({ bytesPerSecond: 64 * MiB, source: "config" });
    } finally {
      await service.close();
    }
  });

  it("changes a limit live from another process's call, for the running workers", async () => {
    const dir = makeTempDir();
    const rcd = new RcdSupervisor({ binary: "rclone", dataDir: path.join(dir, "data") });
    const transport = new RcloneTransport(rcd, { progressIntervalMs: 500 });
    const config = {
      destinations: [{ name: "local", remote: path.join(dir, "cloud") }],
      bandwidth: "1M",
      engine: { pollIntervalMs: 100 },
      store: { type: "sqlite" as const },
    };
    const worker = await SyncService.open({ config, dataDir: path.join(dir, "data"), cwd: dir, transport });
    // The CLI's `bwlimit` is another SyncService on the same queue.
    const cli = await SyncService.open({ config, dataDir: path.join(dir, "data"), cwd: dir });
    const stop = new AbortController();
    const running = worker.runWorkers(stop.signal);
    const reported = async () =>
      (await (await rcd.client()).call<BwLimit>("core/bwlimit", {}, AbortSignal.timeout(5_000)))
        .bytesPerSecondTx;
    try {
      await vi.waitFor(async () => expect(await reported()).toBe(MiB), { timeout: 10_000, interval: 100 });
      await cli.setBandwidth("3M");
      await vi.waitFor(async () => expect(await reported()).toBe(3 * MiB), {
        timeout: 10_000,
        interval: 100,
      });
      expect((await cli.getQueueStatus()).bandwidth).toEqual({
        bytesPerSecond: 3 * MiB,
        until: null,
        source: "live",
      });
      await cli.setBandwidth("off");
      await vi.waitFor(async () => expect(await reported()).toBe(-1), { timeout: 10_000, interval: 100 });
      await cli.setBandwidth("auto");
      await vi.waitFor(async () => expect(await reported()).toBe(MiB), { timeout: 10_000, interval: 100 });
      await expect(cli.setBandwidth("fast")).rejects.toMatchObject({ code: "USAGE" });
      await expect(cli.setBandwidth("1M", "dropbox")).rejects.toMatchObject({ code: "UNKNOWN_DESTINATION" });
    } finally {
      stop.abort();
      await running;
      await cli.close();
      await worker.close();
    }
  });

  it("runs a destination's uploads in an rclone of its own limited to its whole rate, and status shows the rate", async () => {
    const dir = makeTempDir();
    const sources = [0, 1].map((index) => writeRandomFile(dir, `export/写真 ${index}.jpg`, 700_000));
    const rcd = new RcdSupervisor({ binary: "rclone", dataDir: path.join(dir, "data") });
    const transport = new RcloneTransport(rcd, { progressIntervalMs: 200 });
    const config = {
      destinations: [{ name: "nas", remote: path.join(dir, "cloud"), bandwidth: "256K", concurrency: 2 }],
      bandwidth: "20M",
      engine: { pollIntervalMs: 100, progressIntervalMs: 200 },
      store: { type: "sqlite" as const },
    };
    const worker = await SyncService.open({ config, dataDir: path.join(dir, "data"), cwd: dir, transport });
    const cli = await SyncService.open({ config, dataDir: path.join(dir, "data"), cwd: dir });
    const nas = worker.config.destinations[0];
    if (nas === undefined) throw new Error("no destination");
    try {
      await worker.uploadBatch([path.join(dir, "export")]);
      const running = worker.processQueue();
      const signal = AbortSignal.timeout(30_000);
      // While the two files go up together: the destination's own rclone holds the whole rate
      // (not a half per file), the main one what the global limit leaves it.
      await vi.waitFor(
        async () => {
          const status = await cli.getQueueStatus();
          expect(status.destinations[0]?.rate).toMatchObject({ limitBytesPerSecond: 256 * 1024 });
          expect(status.destinations[0]?.rate?.bytesPerSecond).toBeGreaterThan(0);
        },
        { timeout: 20_000, interval: 100 },
      );
      expect(await transport.bandwidthIn(nas, signal)).toBe(256 * 1024);
      expect(await transport.bandwidthIn(undefined, signal)).toBe(20 * MiB);
      expect(await transport.pidFor(nas)).not.toBe(await transport.pidFor(undefined));
      expect(await running).toEqual({ succeeded: 2, failed: 0 });
      // A limit no longer keeps files apart: they went as one group, recorded together.
      const jobs = await worker.listJobs({ limit: 10 });
      expect(new Set(jobs.map((job) => job.updatedAt)).size).toBe(1);
      for (const source of sources) {
        expect(md5(path.join(dir, "cloud", "export", path.basename(source)))).toBe(md5(source));
      }
    } finally {
      await cli.close();
      await worker.close();
    }
  });

  it("shares a destination's rate between two hosts uploading to it at once", async () => {
    const dir = makeTempDir();
    for (let index = 0; index < 4; index += 1) writeRandomFile(dir, `export/RAW_${index}.dng`, 500_000);
    const config = {
      destinations: [{ name: "nas", remote: path.join(dir, "cloud"), bandwidth: "256K", concurrency: 2 }],
      // Lone uploads: two hosts never run groups of one destination at the same time.
      engine: { pollIntervalMs: 100, progressIntervalMs: 200, groupFiles: 1 },
      store: { type: "sqlite" as const },
    };
    // Two workers on one queue, each with its own rclone: two hosts of a studio.
    const hosts = [0, 1].map(() => {
      const rcd = new RcdSupervisor({ binary: "rclone", dataDir: path.join(dir, "data") });
      return new RcloneTransport(rcd, { progressIntervalMs: 200 });
    });
    const services = await Promise.all(
      hosts.map((transport) =>
        SyncService.open({ config, dataDir: path.join(dir, "data"), cwd: dir, transport }),
      ),
    );
    const [first, second] = services as [SyncService, SyncService];
    const nas = first.config.destinations[0];
    if (nas === undefined) throw new Error("no destination");
    try {
      await first.uploadBatch([path.join(dir, "export")]);
      // One upload at a time on each host: both hosts upload to the destination at once.
      const runs = services.map((service) => service.processQueue({ maxConcurrent: 1 }));
      const signal = AbortSignal.timeout(30_000);
      await vi.waitFor(
        async () => {
          const limits = await Promise.all(hosts.map((transport) => transport.bandwidthIn(nas, signal)));
          expect(limits).toEqual([128 * 1024, 128 * 1024]);
        },
        { timeout: 20_000, interval: 100 },
      );
      const results = await Promise.all(runs);
      expect(results.reduce((sum, result) => sum + result.succeeded, 0)).toBe(4);
      expect(treeHashes(path.join(dir, "cloud", "export"))).toEqual(treeHashes(path.join(dir, "export")));
    } finally {
      await second.close();
      await first.close();
    }
  });
});
