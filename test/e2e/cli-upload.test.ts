/** The CLI as a user runs it: a child process, its output, its exit code, and what it left behind. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedEnv, runCli } from "../fixtures/cli.js";
import { AWKWARD_NAMES, treeHashes, writeRandomFile } from "../fixtures/files.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

function workspace() {
  const dir = makeTempDir("junmai-e2e-");
  const env = isolatedEnv(path.join(dir, "data"));
  return { dir, env };
}

function writeConfig(dir: string, config: unknown): string {
  const file = path.join(dir, "config.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

async function statusCounts(dir: string, env: NodeJS.ProcessEnv, extra: string[] = []) {
  const status = await runCli([...extra, "status", "--json"], { cwd: dir, env });
  expect(status.code).toBe(0);
  return JSON.parse(status.stdout).counts as Record<string, number>;
}

describe("junmai-sync upload (CLI)", () => {
  it("uploads a folder with --wait to the embedded default and reports it in status --json", async () => {
    const { dir, env } = workspace();
    const export_ = path.join(dir, "export");
    for (const name of AWKWARD_NAMES) writeRandomFile(export_, name, 2_000);
    const upload = await runCli(["upload", "export", "--wait"], { cwd: dir, env });
    expect(upload.stderr).toBe("");
    expect(upload.code).toBe(0);
    expect(upload.stdout).toContain("✓ completed  local:export/写真_桜.jpg");
    expect(upload.stdout).toMatch(/Batch 1: 10 completed, 0 skipped, 0 failed/);
    // The embedded default delivers to ./var/cloud.
    expect(treeHashes(path.join(dir, "var", "cloud", "export"))).toEqual(treeHashes(export_));
    const counts = await statusCounts(dir, env);
    expect(counts).toEqual({
      pending: 0,
      uploading: 0,
      verifying: 0,
      completed: 10,
      retrying: 0,
      failed: 0,
      cancelled: 0,
      skipped: 0,
    });

    const one = await runCli(["status", "1", "--json"], { cwd: dir, env });
    expect(JSON.parse(one.stdout)).toMatchObject({
      id: 1,
      state: "completed",
      percent: 100,
      hashType: "md5",
    });
  });

  it("without --wait, queues and prints the batch id; --json gives the same as data", async () => {
    const { dir, env } = workspace();
    writeRandomFile(dir, "a.jpg", 100);
    const queued = await runCli(["upload", "a.jpg"], { cwd: dir, env });
    expect(queued).toMatchObject({ code: 0, stdout: "Queued batch 1: 1 job → local\n" });
    const json = await runCli(["upload", "a.jpg", "--json", "--batch", "selects"], { cwd: dir, env });
    expect(JSON.parse(json.stdout)).toMatchObject({
      batch: { id: 2, name: "selects" },
      jobs: 1,
      destinations: ["local"],
    });
    expect((await statusCounts(dir, env)).pending).toBe(2);
    expect(existsSync(path.join(dir, "var", "cloud"))).toBe(false);
  });

  it("uploads the other files and exits 1 when one path is missing (SOURCE_MISSING)", async () => {
    const { dir, env } = workspace();
    writeRandomFile(dir, "a.jpg", 100);
    writeRandomFile(dir, "empty.jpg", 0);
    const upload = await runCli(["upload", "a.jpg", "missing.jpg", "empty.jpg", "--wait"], { cwd: dir, env });
    expect(upload.code).toBe(1);
    expect(upload.stderr).toContain("SOURCE_MISSING");
    expect(upload.stdout).toContain("SOURCE_MISSING: The source file");
    expect(upload.stdout).toContain("hint:");
    expect(existsSync(path.join(dir, "var", "cloud", "a.jpg"))).toBe(true);
    expect(readFileSync(path.join(dir, "var", "cloud", "empty.jpg")).length).toBe(0);
    expect(await statusCounts(dir, env)).toMatchObject({ completed: 2, failed: 1 });
  });

  it.each([["../../x"], ["/etc"], ["C:\\Windows"]])(
    "refuses --subpath %s with INVALID_PATH, exit 2, nothing queued",
    async (subpath) => {
      const { dir, env } = workspace();
      writeRandomFile(dir, "a.jpg", 100);
      const upload = await runCli(["upload", "a.jpg", "--subpath", subpath], { cwd: dir, env });
      expect(upload.code).toBe(2);
      expect(upload.stderr).toMatch(/INVALID_PATH: --subpath/);
      expect(upload.stderr).toContain("hint:");
      expect(await statusCounts(dir, env)).toMatchObject({ pending: 0 });
    },
  );

  it("refuses an unknown --to with exit 2 and lists the known destinations", async () => {
    const { dir, env } = workspace();
    writeRandomFile(dir, "a.jpg", 100);
    const upload = await runCli(["upload", "a.jpg", "--to", "dropbox"], { cwd: dir, env });
    expect(upload.code).toBe(2);
    expect(upload.stderr).toContain(
      'UNKNOWN_DESTINATION: There is no destination named "dropbox" (known: local)',
    );
  });

  it("exits 3 with install hints when rclone is not on PATH, and keeps the job queued", async () => {
    const { dir, env } = workspace();
    writeRandomFile(dir, "a.jpg", 100);
    // The CLI itself starts by absolute path; an empty PATH hides rclone.
    const upload = await runCli(["upload", "a.jpg", "--wait"], {
      cwd: dir,
      env: { ...env, PATH: makeTempDir("empty-path-") },
    });
    expect(upload.code).toBe(3);
    expect(upload.stderr).toContain("RCLONE_MISSING");
    expect(upload.stderr).toContain("apt-get install rclone");
    expect(upload.stderr).toContain("brew install rclone");
    expect(upload.stderr).toContain("winget install Rclone.Rclone");
    expect(upload.stderr).not.toMatch(/\n\s+at /);
    expect((await statusCounts(dir, env)).pending).toBe(1);
  });

  it.each([
    ['{ "destinations": [ }', /not valid JSON/],
    [
      '{ "destinations": [{ "name": "x", "remote": "y", "concurrency": "three" }] }',
      /`destinations\[0\]\.concurrency`.*got "three"/,
    ],
    ['{ "destinatons": [] }', /unknown key `destinatons`/],
  ])("exits 2 on a bad config %s, naming what is wrong", async (text, message) => {
    const { dir, env } = workspace();
    writeFileSync(path.join(dir, "config.json"), text);
    const status = await runCli(["--config", "config.json", "status"], { cwd: dir, env });
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/CONFIG_INVALID/);
    expect(status.stderr).toMatch(message);
    expect(status.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 3 with STORE_UNAVAILABLE when the PostgreSQL queue cannot be reached, never printing its password", async () => {
    const { dir, env } = workspace();
    writeRandomFile(dir, "a.jpg", 100);
    const pgEnv = { ...env, JUNMAI_SYNC_PG_URL: "postgres://uploader:hunter2secret@127.0.0.1:1/photos" };
    const upload = await runCli(["upload", "a.jpg", "--json"], { cwd: dir, env: pgEnv });
    expect(upload.code).toBe(3);
    expect(upload.stderr).toContain("STORE_UNAVAILABLE");
    expect(JSON.parse(upload.stdout).error).toMatchObject({ code: "STORE_UNAVAILABLE", temporary: true });
    expect(upload.stdout + upload.stderr).not.toContain("hunter2secret");
  });

  it("exits 3 on a corrupt queue database and leaves the file untouched", async () => {
    const { dir, env } = workspace();
    const database = path.join(dir, "data", "queue.db");
    writeRandomFile(path.join(dir, "data"), "queue.db", 8192);
    const before = readFileSync(database);
    const status = await runCli(["status"], { cwd: dir, env });
    expect(status.code).toBe(3);
    expect(status.stderr).toContain("STORE_CORRUPT");
    expect(status.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(database).equals(before)).toBe(true);
  });

  it("uploads to several destinations at once (--to a --to b) and a WebDAV server", async () => {
    const { dir, env } = workspace();
    const server = await startWebdav({ root: path.join(dir, "dav") });
    try {
      const config = writeConfig(dir, {
        destinations: [
          { name: "nas", remote: "./nas" },
          { name: "dav", remote: server.remote(), path: "delivery" },
        ],
      });
      writeRandomFile(dir, "shoot/IMG_0001.jpg", 50_000);
      const upload = await runCli(
        ["--config", config, "upload", "shoot", "--to", "nas,dav", "--wait", "--json"],
        { cwd: dir, env },
      );
      expect(upload.code).toBe(0);
      expect(JSON.parse(upload.stdout)).toMatchObject({ status: "completed", counts: { completed: 2 } });
      expect(existsSync(path.join(dir, "nas", "shoot", "IMG_0001.jpg"))).toBe(true);
      expect(existsSync(path.join(dir, "dav", "delivery", "shoot", "IMG_0001.jpg"))).toBe(true);
      // The connection string's obscured password never appears in output.
      expect(upload.stdout + upload.stderr).not.toContain("pass=");
    } finally {
      await server.stop();
    }
  });
});
