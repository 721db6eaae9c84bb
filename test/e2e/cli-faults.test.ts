/**
 * What a person sees at the terminal when things are really wrong (issue 21): `upload --wait`
 * against WebDAV over https with an untrusted certificate stops at once with rclone's words;
 * `status JOB` shows them; a folder holding a named pipe names it on one line; a damaged queue
 * stops `status` and the daemon with STORE_CORRUPT and the recovery command, and `repair` works.
 */
import { execFileSync } from "node:child_process";
import { openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedEnv, runCli } from "../fixtures/cli.js";
import { writeRandomFile } from "../fixtures/files.js";
import { startWebdavTls } from "../fixtures/rclone-servers.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

function workspace() {
  const dir = makeTempDir("junmai-e2e-");
  return { dir, env: isolatedEnv(path.join(dir, "data")) };
}

function writeConfig(dir: string, config: unknown): string {
  const file = path.join(dir, "config.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe("faults at the terminal", () => {
  it("upload --wait stops at once on a destination that needs attention, with rclone's words", async () => {
    const { dir, env } = workspace();
    const server = await startWebdavTls({ root: path.join(dir, "dav"), certDir: path.join(dir, "tls") });
    try {
      const config = writeConfig(dir, {
        destinations: [{ name: "dav", remote: server.remote(), path: "delivery" }],
        engine: { heldCheckSeconds: 600 },
      });
      writeRandomFile(dir, "shoot/IMG_0001.jpg", 20_000);
      const upload = await runCli(["--config", config, "upload", "shoot", "--to", "dav", "--wait"], {
        cwd: dir,
        env,
        timeoutMs: 60_000,
      });
      expect(upload.code).toBe(1);
      expect(upload.stderr).toContain("needs attention");
      expect(upload.stderr).toContain("TLS_FAILED");
      expect(upload.stderr).toMatch(/rclone said: .*(x509|certificate)/);
      // Held, not failed: the job waits with its attempt given back.
      const job = JSON.parse(
        (await runCli(["--config", config, "status", "1", "--json"], { cwd: dir, env })).stdout,
      );
      expect(job).toMatchObject({ state: "retrying", attempts: 0, lastError: { code: "TLS_FAILED" } });
      const shown = await runCli(["--config", config, "status", "1"], { cwd: dir, env });
      expect(shown.stdout).toMatch(/rclone said: .*(x509|certificate)/);
    } finally {
      await server.stop();
    }
  });

  it("names a source skipped while expanding a folder on one line with its code", async () => {
    const { dir, env } = workspace();
    writeRandomFile(dir, "shoot/a.jpg", 1_000);
    execFileSync("mkfifo", [path.join(dir, "shoot", "pipe.jpg")]);
    const upload = await runCli(["upload", "shoot"], { cwd: dir, env });
    expect(upload.code).toBe(0);
    expect(upload.stderr).toMatch(/^skipped shoot\/pipe\.jpg: NOT_A_FILE a named pipe, not a regular file/m);
    expect(upload.stdout).toContain("1 job →");
  });

  it("a damaged queue: status and the daemon exit 3 with STORE_CORRUPT and `repair`; repair recovers it", async () => {
    const { dir, env } = workspace();
    writeRandomFile(dir, "shoot/a.jpg", 1_000);
    expect((await runCli(["upload", "shoot"], { cwd: dir, env })).code).toBe(0);
    // A torn page in the middle of the queue (the header stays readable).
    const database = path.join(dir, "data", "queue.db");
    const size = readFileSync(database).length;
    const fd = openSync(database, "r+");
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
    const damaged = readFileSync(database);

    const daemon = await runCli(["daemon"], { cwd: dir, env, timeoutMs: 60_000 });
    expect(daemon.code).toBe(3);
    expect(daemon.stderr).toContain("STORE_CORRUPT");
    expect(daemon.stderr).toContain("junmai-sync repair");
    expect(readFileSync(database).equals(damaged)).toBe(true);

    const repair = await runCli(["repair"], { cwd: dir, env });
    expect(repair.stdout).toMatch(
      /Recovered \d+ job\(s\) \(\d+ rows in all\), lost \d+ row\(s\); the damaged file is kept at .*queue\.db\.damaged-/,
    );
    const status = await runCli(["status", "--json"], { cwd: dir, env });
    expect(status.code).toBe(0);
  });
});
