/**
 * Group transfers through real rclone rcd: `sync/copy` with a raw files-from list into a hidden
 * staging folder, one listing to verify, `sync/move` into place. What a photographer sees is the
 * same as with lone uploads; these tests check the group's own promises.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SyncService } from "../../src/app/sync-service.js";
import { treeHashes, writeRandomFile } from "../fixtures/files.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { openTestService, whenBytesMove } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

/** Names a files-from list could misread: a leading `#` or `;` is a comment in rclone's non-raw lists. */
const LIST_SENSITIVE = ["#1 first.jpg", ";semi.jpg", "写真_桜.jpg", "space in name.jpg", "braces {1}.jpg"];

function allNames(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" });
}

describe("group transfers through rclone", () => {
  it("WebDAV: a folder goes in groups through hidden staging folders, each recorded in one transaction", async () => {
    const dir = makeTempDir();
    const export_ = path.join(dir, "export");
    for (const name of LIST_SENSITIVE) writeRandomFile(export_, name, 20_000);
    for (let index = 0; index < 25; index += 1) writeRandomFile(export_, `IMG_${index}.jpg`, 5_000 + index);
    const server = await startWebdav({ root: path.join(dir, "dav") });
    const service = await openTestService(
      { destinations: [{ name: "dav", remote: server.remote() }] },
      { dir },
    );
    try {
      const queued = await service.uploadBatch([export_], { subpath: "2026" });
      expect(await service.processQueue()).toEqual({ succeeded: 30, failed: 0 });
      expect(treeHashes(path.join(dir, "dav", "2026", "export"))).toEqual(treeHashes(export_));
      // Nothing of the staging folder is left, beside the files or anywhere else.
      expect(allNames(path.join(dir, "dav")).filter((name) => name.includes(".junmai-upload"))).toEqual([]);
      const jobs = await service.listJobs({ batchId: queued.batch.id, limit: 100 });
      // Groups from 3 (slow start from the concurrency) doubling (3, 6, 12, 9 unless the server
      // is slow enough for a smaller one to take a second), each group's outcomes written
      // together: jobs in claim (id) order share their group's last write time.
      const times = [...jobs].sort((a, b) => a.id - b.id).map((job) => job.updatedAt);
      const runs = times.reduce<number[]>((lengths, time, index) => {
        if (index > 0 && time === times[index - 1]) lengths[lengths.length - 1] = (lengths.at(-1) ?? 0) + 1;
        else lengths.push(1);
        return lengths;
      }, []);
      expect(runs[0]).toBe(3);
      expect(runs.length).toBeLessThanOrEqual(10);
      expect(runs.reduce((sum, run) => sum + run, 0)).toBe(30);
      expect(jobs.every((job) => job.state === "completed" && job.attempts === 1)).toBe(true);
    } finally {
      await service.close();
      await server.stop();
    }
  });

  it("shows each file's own progress while its group runs, and a stop mid-group gives back the rest", async () => {
    const dir = makeTempDir();
    const export_ = path.join(dir, "export");
    for (let index = 0; index < 6; index += 1) writeRandomFile(export_, `RAW_${index}.dng`, 1_500_000);
    const cloud = path.join(dir, "cloud");
    const config = {
      destinations: [{ name: "nas", remote: cloud, concurrency: 2 }],
      bandwidth: "1M",
      engine: { pollIntervalMs: 100, shutdownGraceSeconds: 0, progressIntervalMs: 200 },
    };
    let service: SyncService = await openTestService(config, { dir });
    const seen = new Map<number, number>();
    service.on("progress", (progress) => {
      if (progress.bytesDone > 0 && progress.bytesDone < 1_500_000)
        seen.set(progress.job.id, progress.bytesDone);
    });
    const moving = whenBytesMove(service);
    const queued = await service.uploadBatch([export_]);
    const stop = new AbortController();
    const running = service.processQueue({ signal: stop.signal });
    await eventually(() => (seen.size >= 2 ? true : undefined), 30_000, 20);
    expect(moving()).toBe(true);
    // Two files in flight at once, each with its own bytes.
    expect(seen.size).toBeGreaterThanOrEqual(2);
    stop.abort();
    await running;
    await service.close();

    service = await openTestService({ ...config, bandwidth: "off" }, { dir });
    try {
      expect(await service.processQueue()).toEqual({ succeeded: 6, failed: 0 });
      const jobs = await service.listJobs({ batchId: queued.batch.id, limit: 10 });
      // Stopped, not failed: no attempt was spent on the interrupted group.
      expect(jobs.map((job) => job.attempts)).toEqual([1, 1, 1, 1, 1, 1]);
      expect(treeHashes(path.join(cloud, "export"))).toEqual(treeHashes(export_));
      expect(readdirSync(cloud)).toEqual(["export"]);
    } finally {
      await service.close();
    }
  });
});
