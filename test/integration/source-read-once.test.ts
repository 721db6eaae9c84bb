/**
 * With real rclone: a lone upload reads its source once. Counted as the bytes the rclone rcd
 * process read (Linux's /proc/<pid>/io `rchar`: every read(2), files and sockets alike): rclone
 * reads the source once to send it, hashing it as it goes, and — a local folder keeping no hashes
 * — the destination copy once when the engine asks for its md5 to verify it (a large file: its
 * source once more instead, beside the copy). Before, the engine
 * had rclone hash the source first: three reads. The read counts of the engine's own steps are
 * in test/unit/source-read-once.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { md5, writeFile, writeRandomFile } from "../fixtures/files.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const SIZE = 24 * 1024 * 1024;
/** Above a local folder's `sourceHashFrom` (rclone-transport.ts): its source is hashed instead. */
const LARGE = 34 * 1024 * 1024;

/** Bytes read so far by the rclone processes this test process started. */
function rcloneBytesRead(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may hold spaces, so split after its closing parenthesis.
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (!stat.includes("(rclone)") || Number(ppid) !== process.pid || state === "Z") continue;
      const io = readFileSync(`/proc/${entry}/io`, "utf8");
      total += Number(/^rchar: (\d+)$/m.exec(io)?.[1] ?? 0);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return total;
}

describe.skipIf(!existsSync("/proc/self/io"))("a lone upload through rclone rcd", () => {
  it.each([
    // The source to send it, and the copy read back for its md5.
    ["reads the source once (and the local destination once, for its md5)", SIZE],
    // The source to send it, and the source for its md5 beside the copy (not the copy after it).
    ["a large file is hashed from its source beside its copy, not read back: still two reads", LARGE],
  ])("%s", async (_, size) => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/clip.mov", size);
    const cloud = path.join(dir, "cloud");
    const service = await openTestService({ destinations: [{ name: "local", remote: cloud }] }, { dir });
    try {
      await service.uploadBatch([source]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      const read = rcloneBytesRead();
      expect(md5(path.join(cloud, "clip.mov"))).toBe(md5(source));
      const job = (await service.listJobs({}))[0];
      expect(job).toMatchObject({ state: "completed", hashType: "md5", hash: md5(source) });
      // Two whole reads and change (rc requests, rclone's own start); a third would be 3 × size.
      expect(read).toBeGreaterThanOrEqual(2 * size);
      expect(read).toBeLessThan(2.5 * size);
    } finally {
      await service.close();
    }
  });

  it("in a group, a large file takes its source's md5 and the small ones are read back for theirs", async () => {
    const dir = makeTempDir();
    const export_ = path.join(dir, "export");
    const large = writeRandomFile(export_, "clip.mov", LARGE);
    const small = [
      writeRandomFile(export_, "写真_桜.jpg", 300_000),
      writeRandomFile(export_, "IMG 2.jpg", 200_000),
    ];
    const cloud = path.join(dir, "cloud");
    const service = await openTestService(
      { destinations: [{ name: "local", remote: cloud, concurrency: 3 }] },
      { dir },
    );
    try {
      await service.uploadBatch([export_]);
      expect(await service.processQueue()).toEqual({ succeeded: 3, failed: 0 });
      const read = rcloneBytesRead();
      for (const file of [large, ...small]) {
        const job = (await service.listJobs({})).find((candidate) => candidate.sourcePath === file);
        expect(job).toMatchObject({ state: "completed", hashType: "md5", hash: md5(file) });
        expect(md5(path.join(cloud, "export", path.basename(file)))).toBe(md5(file));
      }
      expect(read).toBeGreaterThanOrEqual(2 * LARGE);
      expect(read).toBeLessThan(2.5 * LARGE);
    } finally {
      await service.close();
    }
  });

  it("a file of another size at the name is not compared by hash: the source is still read once", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/clip.mov", SIZE);
    const cloud = path.join(dir, "cloud");
    writeFile(cloud, "clip.mov", "an older, different clip");
    const service = await openTestService(
      { destinations: [{ name: "local", remote: cloud, onConflict: "overwrite" }] },
      { dir },
    );
    try {
      await service.uploadBatch([source]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      const read = rcloneBytesRead();
      expect(md5(path.join(cloud, "clip.mov"))).toBe(md5(source));
      expect(read).toBeGreaterThanOrEqual(2 * SIZE);
      expect(read).toBeLessThan(2.5 * SIZE);
    } finally {
      await service.close();
    }
  });

  it("a file of the same size at the name is compared first: the source is read for its hash, then once to send", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/clip.mov", SIZE);
    const cloud = path.join(dir, "cloud");
    writeRandomFile(cloud, "clip.mov", SIZE);
    const service = await openTestService(
      { destinations: [{ name: "local", remote: cloud, onConflict: "version" }] },
      { dir },
    );
    try {
      await service.uploadBatch([source]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      const read = rcloneBytesRead();
      expect(md5(path.join(cloud, "clip.mov"))).toBe(md5(source));
      // The file there for its md5, the source's hash before, the copy, the destination's md5
      // after. ("version" moves the old file away first: replacing a file of the same size,
      // rclone's move would hash both to compare them — its own two reads, not the source's.)
      expect(read).toBeGreaterThanOrEqual(4 * SIZE);
      expect(read).toBeLessThan(4.5 * SIZE);
    } finally {
      await service.close();
    }
  });
});
