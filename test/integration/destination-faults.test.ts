/**
 * Faults of a destination, made for real (issue 21): an S3 on a machine that sets AWS_CA_BUNDLE,
 * WebDAV over https with a certificate rclone does not trust, a WebDAV server that answers 507,
 * a local destination on a 2 MB tmpfs, and one on a read-only filesystem. Each asserts the code,
 * rclone's own words where they apply, and that nothing queued or uploaded was lost.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncService } from "../../src/app/sync-service.js";
import type { DestinationStatus } from "../../src/domain/destination-health.js";
import type { Job } from "../../src/domain/job.js";
import { SILENT_LOGGER } from "../../src/engine/events.js";
import { Notifier } from "../../src/notify/notifier.js";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { startFullProxy } from "../fixtures/http-fault-proxy.js";
import { startHttpReceiver } from "../fixtures/http-receiver.js";
import { startWebdav, startWebdavTls } from "../fixtures/rclone-servers.js";
import { startS3 } from "../fixtures/s3-server.js";
import { openTestService } from "../fixtures/service.js";
import { makeSuiteTempDir, makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const ENGINE = { pollIntervalMs: 100, shutdownGraceSeconds: 2, heldCheckSeconds: 1 };

/** Runs the service's workers until `stop` is called (a daemon's loop, in this process). */
function runWorkers(service: SyncService): () => Promise<void> {
  const controller = new AbortController();
  const running = service.runWorkers(controller.signal);
  return async () => {
    controller.abort();
    await running;
  };
}

function statusesOf(service: SyncService): DestinationStatus[] {
  const seen: DestinationStatus[] = [];
  service.on("destination", (status) => seen.push(status));
  return seen;
}

async function jobsOf(service: SyncService, destination: string): Promise<Job[]> {
  return (await service.listJobs({})).filter((job) => job.destination === destination);
}

describe("S3 on a machine that sets AWS_CA_BUNDLE", () => {
  it("uploads: the rcd does not inherit it, rclone gets the bundle as --ca-cert", async () => {
    const dir = makeTempDir();
    const s3 = await startS3(path.join(dir, "s3"));
    const before = process.env.AWS_CA_BUNDLE;
    // A valid PEM bundle, which rclone 1.60 refuses through AWS_CA_BUNDLE.
    process.env.AWS_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
    const service = await openTestService(
      { destinations: [{ name: "s3", remote: s3.remote(), path: "studio" }], engine: ENGINE },
      { dir },
    );
    try {
      const a = writeRandomFile(dir, "export/写真_桜.jpg", 300_000);
      const b = writeRandomFile(dir, "export/b photo.jpg", 20_000);
      await service.uploadBatch([a, b]);
      expect(await service.processQueue()).toEqual({ succeeded: 2, failed: 0 });
      expect(md5(s3.objectFile("studio/写真_桜.jpg"))).toBe(md5(a));
      expect(md5(s3.objectFile("studio/b photo.jpg"))).toBe(md5(b));
    } finally {
      if (before === undefined) delete process.env.AWS_CA_BUNDLE;
      else process.env.AWS_CA_BUNDLE = before;
      await service.close();
      await s3.stop();
    }
  });
});

describe("WebDAV over https with a self-signed certificate", () => {
  it("needs attention at once with rclone's x509 words; jobs held, not failed; one notification", async () => {
    const dir = makeTempDir();
    const server = await startWebdavTls({ root: path.join(dir, "server"), certDir: path.join(dir, "tls") });
    const receiver = await startHttpReceiver();
    const service = await openTestService(
      {
        destinations: [{ name: "dav", remote: server.remote(), path: "studio" }],
        notify: [{ type: "webhook", url: `${receiver.url}/hook` }],
        engine: ENGINE,
      },
      { dir },
    );
    const notifier = new Notifier(service, { logger: SILENT_LOGGER });
    const statuses = statusesOf(service);
    const stop = runWorkers(service);
    try {
      const source = writeRandomFile(dir, "export/a.jpg", 10_000);
      await service.uploadBatch([source]);
      const held = await eventually(() => statuses.find((s) => s.condition === "needs-attention"));
      expect(held.reason?.code).toBe("TLS_FAILED");
      expect(held.reason?.detail).toMatch(/x509|certificate/);
      // Several checks later, the job still waits with its attempt given back.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const [job] = await jobsOf(service, "dav");
      expect(job).toMatchObject({ state: "retrying", attempts: 0, lastError: { code: "TLS_FAILED" } });
      expect(job?.lastError?.detail).toMatch(/x509|certificate/);
      const alerts = await eventually(() =>
        receiver.to("/hook").length > 0 ? receiver.to("/hook") : undefined,
      );
      expect(alerts).toHaveLength(1);
      expect(JSON.parse(alerts[0]?.body ?? "{}")).toMatchObject({
        event: "destination.needs-attention",
        destination: "dav",
        code: "TLS_FAILED",
      });
      expect(statuses.filter((s) => s.condition === "needs-attention")).toHaveLength(1);
    } finally {
      await stop();
      await notifier.close();
      await service.close();
      await receiver.close();
      await server.stop();
    }
  });
});

describe("a WebDAV server that answers 507 Insufficient Storage", () => {
  it("pauses that destination as DESTINATION_FULL, the other carries on, and Retry resumes it", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    const proxy = await startFullProxy(server.port);
    const remote = server.remote().replace(`127.0.0.1:${server.port}`, `127.0.0.1:${proxy.port}`);
    const service = await openTestService(
      {
        destinations: [
          { name: "dav", remote, path: "studio" },
          { name: "nas", remote: path.join(dir, "nas") },
        ],
        engine: { ...ENGINE, heldCheckSeconds: 600 },
      },
      { dir },
    );
    const statuses = statusesOf(service);
    const stop = runWorkers(service);
    try {
      const sources = [0, 1, 2].map((i) => writeRandomFile(dir, `export/p${i}.jpg`, 50_000));
      await service.uploadBatch(sources, { to: ["dav", "nas"] });
      const full = await eventually(() => statuses.find((s) => s.condition === "full"));
      expect(full.reason).toMatchObject({ code: "DESTINATION_FULL" });
      expect(full.reason?.detail).toMatch(/507|Insufficient Storage/i);
      // The other destination is not held up.
      await eventually(async () =>
        (await jobsOf(service, "nas")).every((job) => job.state === "completed") ? true : undefined,
      );
      // The full destination's group says so as soon as rclone's first file fails; its jobs are
      // written back once the group has cleaned up (its staging folder), which may be after the
      // other destination finished: they wait, attempts given back, never failed.
      const waiting = await eventually(async () => {
        const jobs = await jobsOf(service, "dav");
        return jobs.every((job) => job.state === "retrying" || job.state === "pending") ? jobs : undefined;
      });
      expect(waiting.some((job) => job.state === "failed")).toBe(false);
      expect(
        waiting.every((job) => job.lastError?.code === "DESTINATION_FULL" || job.state === "pending"),
      ).toBe(true);
      // Space comes back; the user presses Retry.
      proxy.full = false;
      await service.retryAllFailed();
      await eventually(
        async () =>
          (await jobsOf(service, "dav")).every((job) => job.state === "completed") ? true : undefined,
        60_000,
      );
      for (const [i, source] of sources.entries()) {
        expect(md5(path.join(dir, "server", "studio", `p${i}.jpg`))).toBe(md5(source));
        expect(md5(path.join(dir, "nas", `p${i}.jpg`))).toBe(md5(source));
      }
    } finally {
      await stop();
      await service.close();
      await proxy.close();
      await server.stop();
    }
  });
});

describe("a local destination on a tiny filesystem", () => {
  let mount: string | undefined;
  let skip: string | undefined;

  beforeAll(() => {
    const dir = makeSuiteTempDir("junmai-tmpfs-");
    mount = path.join(dir, "disk");
    mkdirSync(mount);
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mount], { stdio: "pipe" });
    } catch (error: unknown) {
      skip = `mount -t tmpfs refused (needs root): ${String(error)}`;
    }
  });

  afterAll(() => {
    if (mount !== undefined && skip === undefined) execFileSync("umount", ["-l", mount]);
  });

  it("a full disk (rclone's ENOSPC) is DESTINATION_FULL; it resumes by itself once space returns", async (context) => {
    if (skip !== undefined || mount === undefined) {
      context.skip(skip);
      return;
    }
    const dir = makeTempDir();
    const service = await openTestService(
      { destinations: [{ name: "nas", remote: mount }], engine: ENGINE },
      { dir },
    );
    const statuses = statusesOf(service);
    const stop = runWorkers(service);
    try {
      const first = writeRandomFile(dir, "export/first.jpg", 10_000);
      await service.uploadBatch([first]);
      await eventually(async () =>
        (await jobsOf(service, "nas"))[0]?.state === "completed" ? true : undefined,
      );
      // Something else fills the disk after the free space was read (it is read once a minute),
      // so this upload starts and rclone meets ENOSPC itself.
      writeFileSync(path.join(mount, "filler.bin"), Buffer.alloc(1_900_000, 1));
      const second = writeRandomFile(dir, "export/second.tif", 600_000);
      await service.uploadBatch([second]);
      const full = await eventually(() => statuses.find((s) => s.condition === "full"));
      expect(full.reason?.code).toBe("DESTINATION_FULL");
      // rclone's local backend: "preallocate: file too big for remaining disk space" (or ENOSPC).
      expect(full.reason?.detail).toMatch(/remaining disk space|no space left on device/);
      const job = (await jobsOf(service, "nas")).find((j) => j.sourcePath === second);
      expect(job).toMatchObject({ state: "retrying", attempts: 0, lastError: { code: "DESTINATION_FULL" } });
      // Space returns: the destination's own check notices, no Retry needed.
      rmSync(path.join(mount, "filler.bin"));
      await eventually(
        async () =>
          (await jobsOf(service, "nas")).find((j) => j.sourcePath === second)?.state === "completed"
            ? true
            : undefined,
        90_000,
      );
      expect(md5(path.join(mount, "second.tif"))).toBe(md5(second));
    } finally {
      await stop();
      await service.close();
      for (const name of ["first.jpg", "second.tif", "filler.bin"])
        rmSync(path.join(mount, name), { force: true });
    }
  });

  it("a read-only destination needs attention (PERMISSION_DENIED with rclone's words); Retry resumes it", async (context) => {
    if (skip !== undefined || mount === undefined) {
      context.skip(skip);
      return;
    }
    const disk = mount;
    const dir = makeTempDir();
    execFileSync("mount", ["-o", "remount,ro", disk]);
    const service = await openTestService(
      { destinations: [{ name: "nas", remote: disk }], engine: ENGINE },
      { dir },
    );
    const statuses = statusesOf(service);
    const stop = runWorkers(service);
    try {
      const source = writeRandomFile(dir, "export/a.jpg", 10_000);
      await service.uploadBatch([source]);
      const held = await eventually(() => statuses.find((s) => s.condition === "needs-attention"));
      expect(held.reason?.code).toBe("PERMISSION_DENIED");
      expect(held.reason?.detail).toMatch(/read-only file system/);
      expect((await jobsOf(service, "nas"))[0]).toMatchObject({ state: "retrying", attempts: 0 });
      execFileSync("mount", ["-o", "remount,rw", disk]);
      await service.retryAllFailed();
      await eventually(async () =>
        (await jobsOf(service, "nas"))[0]?.state === "completed" ? true : undefined,
      );
      expect(md5(path.join(disk, "a.jpg"))).toBe(md5(source));
    } finally {
      execFileSync("mount", ["-o", "remount,rw", disk]);
      await stop();
      await service.close();
      writeFileSync(path.join(disk, ".keep"), "");
      rmSync(path.join(disk, "a.jpg"), { force: true });
    }
  });
});
