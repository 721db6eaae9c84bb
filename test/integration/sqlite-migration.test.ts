/** A queue written by an older junmai-sync: backed up first, then upgraded, nothing lost. */
import { readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/app/describe-error.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/sqlite/migrations.js";
import { DATABASE_FILE, SqliteJobStore } from "../../src/store/sqlite/sqlite-job-store.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("SQLite schema upgrade", () => {
  it("copies the version-1 file aside, upgrades it, and keeps every queued job", async () => {
    const dir = makeTempDir("junmai-migrate-");
    const file = path.join(dir, DATABASE_FILE);
    const seeded = new Database(file);
    seeded.exec(MIGRATIONS[0] as string);
    seeded.pragma("user_version = 1");
    seeded.exec(`INSERT INTO batches (id, name, created_at, job_count) VALUES (1, '桜', 1, 1);
      INSERT INTO jobs (id, batch_id, destination, source_path, remote_path, state, max_retries, created_at, updated_at)
      VALUES (1, 1, 'nas', 'C:\\写真\\桜.jpg', '写真/桜.jpg', 'pending', 3, 1, 1);`);
    seeded.close();
    const upgraded = await SqliteJobStore.open(dir);
    try {
      expect(await upgraded.getJob(1)).toMatchObject({ state: "pending", remotePath: "写真/桜.jpg" });
      expect(await upgraded.findDelivery("nas", "写真/桜.jpg")).toBeUndefined();
      const backups = readdirSync(dir).filter((name) => name.endsWith(".bak"));
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatch(/^queue\.db\.v1-.*\.bak$/);
      const copy = new Database(path.join(dir, backups[0] as string), { readonly: true });
      expect(copy.pragma("user_version", { simple: true })).toBe(1);
      expect(copy.prepare("SELECT source_path FROM jobs").get()).toEqual({ source_path: "C:\\写真\\桜.jpg" });
      copy.close();
      const current = new Database(file, { readonly: true });
      expect(current.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      current.close();
    } finally {
      await upgraded.close();
    }
  });

  it("counts batches announced before notifications were kept as notified, so none is sent again", async () => {
    const dir = makeTempDir("junmai-migrate-");
    const file = path.join(dir, DATABASE_FILE);
    const seeded = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 4)) seeded.exec(migration);
    seeded.pragma("user_version = 4");
    seeded.exec(`INSERT INTO batches (id, name, created_at, job_count, announced_at) VALUES (1, 'old', 1, 0, 5000);
      INSERT INTO batches (id, name, created_at, job_count) VALUES (2, 'running', 1, 0);`);
    seeded.close();
    const upgraded = await SqliteJobStore.open(dir);
    try {
      expect(await upgraded.batchesAwaitingNotification(6000, 0, 10)).toEqual([]);
      expect(await upgraded.announceBatch(2, 7000)).toBe(true);
      expect(await upgraded.batchesAwaitingNotification(8000, 0, 10)).toEqual([2]);
    } finally {
      await upgraded.close();
    }
  });

  it("reads a failed job's error stored before its sentences were kept by key, and still translates it", async () => {
    const dir = makeTempDir("junmai-migrate-");
    const file = path.join(dir, DATABASE_FILE);
    const seeded = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 9)) seeded.exec(migration);
    seeded.pragma("user_version = 9");
    seeded.exec(`INSERT INTO batches (id, name, created_at, job_count) VALUES (1, '桜', 1, 1);
      INSERT INTO jobs (id, batch_id, destination, source_path, remote_path, state, attempts, max_retries,
        error_code, error_message, error_hint, error_temporary, created_at, updated_at)
      VALUES (1, 1, 'nas', '/写真/桜.jpg', '写真/桜.jpg', 'failed', 1, 3, 'SOURCE_MISSING',
        'The source file /写真/桜.jpg does not exist.',
        'Check that the file still exists at that path, then run \`junmai-sync retry <job>\`.',
        0, 1, 1);`);
    seeded.close();
    const upgraded = await SqliteJobStore.open(dir);
    try {
      const job = await upgraded.getJob(1);
      expect(job?.lastError).not.toHaveProperty("says");
      const ja = createTranslator("ja");
      const old = job?.lastError ?? { code: "USAGE" as const, message: "", hint: "", temporary: false };
      expect(describeError(ja, old)).toEqual({
        code: "SOURCE_MISSING",
        message: "元ファイル /写真/桜.jpg がありません。",
        hint: ja.t("errors.SOURCE_MISSING.hint"),
      });
    } finally {
      await upgraded.close();
    }
  });
});
