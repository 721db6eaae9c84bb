/**
 * A corrupt or foreign queue (issue 21 item 6), on real SQLite files: a page of the jobs table
 * overwritten, a file that is not a database, and a queue from a newer version. Nothing is ever
 * replaced silently; `repair` keeps the damaged file aside in the data dir and recovers every
 * row it can read.
 */
import { existsSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { repairQueue } from "../../src/app/repair.js";
import { DATABASE_FILE, SqliteJobStore } from "../../src/store/sqlite/sqlite-job-store.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const JOBS = 3000;

async function queueWithJobs(dataDir: string): Promise<string> {
  const store = await SqliteJobStore.open(dataDir);
  await store.enqueue(
    {
      jobs: Array.from({ length: JOBS }, (_, i) => ({
        destination: "nas",
        sourcePath: `/photos/shoot/IMG_${String(i).padStart(5, "0")}-marker.jpg`,
        remotePath: `shoot/IMG_${String(i).padStart(5, "0")}.jpg`,
        sizeBytes: 1000 + i,
        maxRetries: 3,
      })),
    },
    Date.now(),
  );
  await store.close();
  return path.join(dataDir, DATABASE_FILE);
}

/** Overwrites the page that holds job 1500's row with garbage (a torn write, a bad sector). */
function damageJobsPage(file: string): void {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  const at = bytes.indexOf("IMG_01500-marker.jpg");
  expect(at).toBeGreaterThan(0);
  const page = Math.floor(at / pageSize);
  const fd = openSync(file, "r+");
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
}

describe("a damaged queue database", () => {
  it("is reported as STORE_CORRUPT, left untouched, and repaired into a fresh queue with every readable job", async () => {
    const dataDir = path.join(makeTempDir(), "data");
    const file = await queueWithJobs(dataDir);
    damageJobsPage(file);
    const damaged = readFileSync(file);

    // Reading the damaged rows, and the full check the daemon and doctor run, both say so.
    const store = await SqliteJobStore.open(dataDir);
    await expect(store.checkIntegrity()).rejects.toMatchObject({ code: "STORE_CORRUPT" });
    await expect(store.getJob(1501)).rejects.toMatchObject({
      code: "STORE_CORRUPT",
      message: expect.stringContaining(file),
    });
    await store.close();
    expect(readFileSync(file).equals(damaged)).toBe(true);

    const report = await repairQueue(dataDir);
    expect(report.aside).not.toBeNull();
    expect(path.dirname(report.aside as string)).toBe(dataDir);
    expect(readFileSync(report.aside as string).equals(damaged)).toBe(true);
    const jobs = report.perTable.jobs ?? { recovered: 0, lost: 0 };
    expect(jobs.lost).toBeGreaterThan(0);
    expect(jobs.recovered).toBeGreaterThan(JOBS - 200);
    expect(jobs.recovered + jobs.lost).toBeGreaterThanOrEqual(JOBS);

    const fresh = await SqliteJobStore.open(dataDir);
    try {
      await fresh.checkIntegrity();
      const counts = await fresh.counts();
      // The counters are rebuilt by the fresh queue's own triggers.
      expect(counts.pending).toBe(jobs.recovered);
      expect((await fresh.getJob(1))?.remotePath).toBe("shoot/IMG_00000.jpg");
      expect((await fresh.getJob(JOBS))?.remotePath).toBe(`shoot/IMG_0${JOBS - 1}.jpg`);
      expect(await fresh.getJob(1501)).toBeUndefined();
    } finally {
      await fresh.close();
    }
    // A healthy queue is left alone.
    expect((await repairQueue(dataDir)).aside).toBeNull();
  });

  it("a file that is not a database: STORE_CORRUPT on open; repair keeps it aside and starts an empty queue", async () => {
    const dataDir = path.join(makeTempDir(), "data");
    await (await SqliteJobStore.open(dataDir)).close();
    const file = path.join(dataDir, DATABASE_FILE);
    const garbage = Buffer.from("this is a photo catalogue, not a queue ".repeat(300));
    writeFileSync(file, garbage);
    await expect(SqliteJobStore.open(dataDir)).rejects.toMatchObject({ code: "STORE_CORRUPT" });
    expect(readFileSync(file).equals(garbage)).toBe(true);

    const report = await repairQueue(dataDir);
    expect(report).toMatchObject({ recovered: 0, lost: 0 });
    expect(readFileSync(report.aside as string).equals(garbage)).toBe(true);
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${DATABASE_FILE}.damaged-`))).toBe(true);
    const store = await SqliteJobStore.open(dataDir);
    expect((await store.counts()).pending).toBe(0);
    await store.close();
  });

  it("a queue written by a newer version is refused with STORE_TOO_NEW, not opened", async () => {
    const dataDir = path.join(makeTempDir(), "data");
    await (await SqliteJobStore.open(dataDir)).close();
    const file = path.join(dataDir, DATABASE_FILE);
    const db = new BetterSqlite3(file);
    db.pragma("user_version = 999");
    db.close();
    await expect(SqliteJobStore.open(dataDir)).rejects.toMatchObject({ code: "STORE_TOO_NEW" });
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma("user_version", { simple: true })).toBe(999);
    check.close();
    expect(existsSync(`${file}.repairing`)).toBe(false);
  });
});
