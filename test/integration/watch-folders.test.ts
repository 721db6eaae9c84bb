/**
 * Watched folders on real parts: @parcel/watcher on real folders, real rclone rcd, local destinations,
 * real SQLite. Windows are short (300–1000 ms) to keep the suite quick; the logic is the same.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConfigInput } from "../../src/config/schema.js";
import { jpegWithExif } from "../fixtures/exif-jpeg.js";
import { md5, treeHashes, writeFile, writeRandomFile } from "../fixtures/files.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { startWatching, type WatchingDaemon } from "../fixtures/watching.js";

const running: WatchingDaemon[] = [];
afterEach(async () => {
  for (const daemon of running.splice(0)) await daemon.stop();
});

async function watching(
  config: ConfigInput,
  dir: string,
  options: { readonly usePolling?: boolean } = {},
): Promise<WatchingDaemon> {
  const daemon = await startWatching(config, dir, options);
  running.push(daemon);
  return daemon;
}

async function stopped(daemon: WatchingDaemon): Promise<void> {
  running.splice(running.indexOf(daemon), 1);
  await daemon.stop();
}

async function allDelivered(daemon: WatchingDaemon, jobs: number, timeout = 60_000): Promise<void> {
  await vi.waitFor(
    async () => {
      const counts = await daemon.service.getQueueStatus().then((status) => status.counts);
      expect(counts.completed + counts.skipped + counts.failed).toBe(jobs);
    },
    { timeout, interval: 200 },
  );
  const counts = (await daemon.service.getQueueStatus()).counts;
  expect(counts.failed).toBe(0);
  expect(counts.pending + counts.retrying + counts.uploading + counts.verifying).toBe(0);
}

function setup(rule: Record<string, unknown> = {}, destinations = ["cloud"]) {
  const dir = makeTempDir("junmai-watch-");
  const exportDir = path.join(dir, "Export 書き出し");
  mkdirSync(exportDir, { recursive: true });
  const config: ConfigInput = {
    destinations: destinations.map((name) => ({ name, remote: path.join(dir, name) })),
    watch: [{ path: exportDir, to: destinations, stabilityMs: 300, batchQuietSeconds: 2, ...rule }],
  };
  return { dir, exportDir, config, cloud: (name = "cloud") => path.join(dir, name) };
}

describe("watched folders", () => {
  it("turns 1000 files dropped at once into exactly 1000 jobs, one batch, all delivered intact", async () => {
    const { dir, exportDir, config, cloud } = setup();
    const daemon = await watching(config, dir);
    for (let index = 0; index < 1000; index += 1) {
      writeRandomFile(
        exportDir,
        `roll ${index % 5}/IMG_${String(index).padStart(4, "0")}.jpg`,
        2_000 + index,
      );
    }
    await allDelivered(daemon, 1000, 120_000);
    const jobs = await daemon.service.listJobs({ limit: 1000 });
    expect(jobs).toHaveLength(1000);
    expect(new Set(jobs.map((job) => job.sourcePath)).size).toBe(1000);
    expect(new Set(jobs.map((job) => job.batchId)).size).toBe(1);
    expect(treeHashes(cloud())).toEqual(treeHashes(exportDir));
  }, 180_000);

  it("waits for a file written slowly in chunks and uploads it once, whole", async () => {
    // The default window (2 s) against a write every 420 ms: a loaded machine has a wide margin.
    const { dir, exportDir, config, cloud } = setup({ stabilityMs: 2000 });
    const daemon = await watching(config, dir);
    const file = path.join(exportDir, "slow 写真.tif");
    writeFileSync(file, Buffer.alloc(0));
    let lastWrite = 0;
    for (let chunk = 0; chunk < 12; chunk += 1) {
      appendFileSync(file, Buffer.alloc(100_000, chunk));
      lastWrite = Date.now();
      await sleep(420);
    }
    await allDelivered(daemon, 1);
    const [job] = await daemon.service.listJobs({});
    expect(job?.createdAt).toBeGreaterThanOrEqual(lastWrite);
    expect(md5(path.join(cloud(), "slow 写真.tif"))).toBe(md5(file));
  }, 60_000);

  it("ignores temporary names, delivers the final name once, and does not deliver a moved file twice", async () => {
    const { dir, exportDir, config, cloud } = setup({ subpath: "by-name", exclude: ["*.xmp"] });
    const daemon = await watching(config, dir);
    // An exporter writing under a temporary name, then renaming it into place.
    const partial = writeRandomFile(exportDir, "day1/IMG_0001.jpg.part", 50_000);
    writeRandomFile(exportDir, "~lock.jpg", 10);
    writeRandomFile(exportDir, ".hidden.jpg", 10);
    writeRandomFile(exportDir, "day1/IMG_0001.xmp", 10);
    await sleep(800);
    renameSync(partial, path.join(exportDir, "day1", "IMG_0001.jpg"));
    await allDelivered(daemon, 1);
    // Moved to another subfolder: same content, same remote path (the template drops folders).
    mkdirSync(path.join(exportDir, "day2"));
    renameSync(path.join(exportDir, "day1", "IMG_0001.jpg"), path.join(exportDir, "day2", "IMG_0001.jpg"));
    // A file written after the move settles after it: once it is delivered, the move was seen too.
    await sleep(100);
    writeRandomFile(exportDir, "day2/sentinel.jpg", 1000);
    await allDelivered(daemon, 2);
    const jobs = await daemon.service.listJobs({});
    expect(jobs.map((job) => job.remotePath)).toEqual(["by-name/IMG_0001.jpg", "by-name/sentinel.jpg"]);
    expect([...treeHashes(cloud()).keys()].sort()).toEqual(["by-name/IMG_0001.jpg", "by-name/sentinel.jpg"]);
  }, 60_000);

  it("catches up on exactly the files added while it was stopped", async () => {
    const { dir, exportDir, config, cloud } = setup();
    for (let index = 0; index < 10; index += 1) writeRandomFile(exportDir, `before/${index}.jpg`, 1000);
    const first = await watching(config, dir);
    await allDelivered(first, 10);
    await stopped(first);
    for (let index = 0; index < 50; index += 1) writeRandomFile(exportDir, `while-down/${index}.jpg`, 1000);
    // A re-export of a delivered file while down: a new version, queued again.
    writeRandomFile(exportDir, "before/0.jpg", 1500);
    const second = await watching(config, dir);
    await allDelivered(second, 61);
    const jobs = await second.service.listJobs({ limit: 1000 });
    expect(jobs.filter((job) => job.sourcePath.includes("while-down"))).toHaveLength(50);
    expect(jobs.filter((job) => job.sourcePath.endsWith(`before${path.sep}0.jpg`))).toHaveLength(2);
    expect(treeHashes(cloud())).toEqual(treeHashes(exportDir));
    // A third start with nothing new queues nothing.
    await stopped(second);
    const third = await watching(config, dir);
    await sleep(1500);
    expect((await third.service.getQueueStatus()).counts.pending).toBe(0);
    expect(await third.service.listJobs({ limit: 1000 })).toHaveLength(61);
  }, 90_000);

  it("delivers every file to both destinations of a rule, each on its own", async () => {
    const { dir, exportDir, config, cloud } = setup({}, ["cloud", "nas"]);
    const daemon = await watching(config, dir);
    for (let index = 0; index < 20; index += 1) writeRandomFile(exportDir, `IMG_${index}.jpg`, 5000);
    await allDelivered(daemon, 40);
    expect(treeHashes(cloud("cloud"))).toEqual(treeHashes(exportDir));
    expect(treeHashes(cloud("nas"))).toEqual(treeHashes(exportDir));
  }, 60_000);

  it("places photos by EXIF capture date and camera, keeping Japanese folder names", async () => {
    const { dir, exportDir, config, cloud } = setup({
      subpath: "{yyyy}/{mm}-{dd}/{folder}",
      fileName: "{camera} {name}.{ext}",
    });
    const daemon = await watching(config, dir);
    writeFile(
      exportDir,
      "佐藤家 結婚式/写真_桜.jpg",
      jpegWithExif({ dateTimeOriginal: "2019:07:14 23:30:00", make: "FUJIFILM", model: "X-T4" }, 5000),
    );
    const scan = writeFile(exportDir, "scans/negative.tif", "no exif here");
    const taken = new Date(2021, 2, 9, 12, 0, 0);
    utimesSync(scan, taken, taken);
    await allDelivered(daemon, 2);
    expect([...treeHashes(cloud()).keys()].sort()).toEqual([
      "2019/07-14/佐藤家 結婚式/FUJIFILM X-T4 写真_桜.jpg",
      "2021/03-09/scans/unknown-camera negative.tif",
    ]);
  }, 60_000);

  it("warns when the watched folder disappears and resumes when it is back", async () => {
    const { dir, exportDir, config, cloud } = setup();
    const daemon = await watching(config, dir);
    writeRandomFile(exportDir, "first.jpg", 1000);
    await allDelivered(daemon, 1);
    rmSync(exportDir, { recursive: true, force: true });
    await vi.waitFor(() => expect(daemon.notices.map((notice) => notice.type)).toContain("missing"), {
      timeout: 10_000,
    });
    mkdirSync(exportDir);
    writeRandomFile(exportDir, "second.jpg", 1000);
    await allDelivered(daemon, 2);
    expect(daemon.notices.map((notice) => notice.type)).toContain("back");
    expect(existsSync(path.join(cloud(), "second.jpg"))).toBe(true);
  }, 60_000);

  it("delivers the files of a folder moved in whole (they send no events of their own)", async () => {
    const { dir, exportDir, config, cloud } = setup();
    const daemon = await watching(config, dir);
    const outside = path.join(dir, "staging", "Session 撮影");
    for (let index = 0; index < 30; index += 1) writeRandomFile(outside, `deep/IMG_${index}.jpg`, 3000);
    renameSync(outside, path.join(exportDir, "Session 撮影"));
    await allDelivered(daemon, 30);
    expect(treeHashes(cloud())).toEqual(treeHashes(exportDir));
  }, 60_000);

  it("polls folders that send no events, and a rescan queues nothing twice", async () => {
    const { dir, exportDir, config, cloud } = setup();
    const daemon = await watching(config, dir, { usePolling: true });
    for (let index = 0; index < 10; index += 1) writeRandomFile(exportDir, `IMG_${index}.jpg`, 3000);
    await allDelivered(daemon, 10);
    // Several polling rounds later: still ten jobs; a changed file is queued once more.
    writeRandomFile(exportDir, "IMG_0.jpg", 4000);
    await allDelivered(daemon, 11);
    await sleep(6000);
    expect(await daemon.service.listJobs({ limit: 100 })).toHaveLength(11);
    expect(treeHashes(cloud())).toEqual(treeHashes(exportDir));
  }, 60_000);
});
