/** The daemon as a child process, fed by other CLI processes through the shared SQLite queue. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

function workspace() {
  const dir = makeTempDir("junmai-e2e-");
  return { dir, env: isolatedEnv(path.join(dir, "data")) };
}

function startDaemon(dir: string, env: NodeJS.ProcessEnv) {
  return spawnUntil(process.execPath, [CLI, "daemon"], /junmai-sync daemon \(pid \d+\)/, { cwd: dir, env });
}

describe("junmai-sync daemon, retry and cancel (CLI)", () => {
  it("picks up jobs queued by another process, and `upload --wait` follows its progress", async () => {
    const { dir, env } = workspace();
    const daemon = await startDaemon(dir, env);
    try {
      const source = writeRandomFile(dir, "export/写真_桜.jpg", 120_000);
      const queued = await runCli(["upload", "export/写真_桜.jpg"], { cwd: dir, env });
      expect(queued.code).toBe(0);
      const delivered = path.join(dir, "var", "cloud", "写真_桜.jpg");
      await eventually(
        () => (existsSync(delivered) && md5(delivered) === md5(source) ? true : undefined),
        30_000,
      );

      writeRandomFile(dir, "export/second.jpg", 10_000);
      const waited = await runCli(["upload", "export/second.jpg", "--wait"], { cwd: dir, env });
      expect(waited.code).toBe(0);
      expect(waited.stdout).toMatch(/The daemon \(pid \d+\) is uploading batch 2/);
      expect(waited.stdout).toMatch(/Batch 2: 1 completed/);

      const status = await runCliJson(["status", "--json"], { cwd: dir, env });
      expect(status.counts.completed).toBe(2);
      expect(status.daemon).toMatchObject({ kind: "daemon", pid: daemon.child.pid });
    } finally {
      await stopProcess(daemon.child);
    }
    expect(daemon.child.exitCode).toBe(0);
    expect(daemon.output()).toContain("stopped: 2 delivered, 0 failed this run");
  });

  it("status says which destination is offline, since and until when, and why each job waits", async () => {
    const { dir } = workspace();
    // A WebDAV server that is not there; rclone's own retries kept to one so ours show quickly.
    const server = await startWebdav({ root: path.join(dir, "dav") });
    await server.stop();
    const env = isolatedEnv(path.join(dir, "data"), { RCLONE_LOW_LEVEL_RETRIES: "1" });
    const config = path.join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ destinations: [{ name: "nas", remote: server.remote() }] }));
    writeRandomFile(dir, "export/IMG_0001.jpg", 10_000);
    expect((await runCli(["--config", config, "upload", "export"], { cwd: dir, env })).code).toBe(0);
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /junmai-sync daemon/,
      {
        cwd: dir,
        env,
      },
    );
    try {
      const status = await eventually(
        async () => {
          const now = await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env });
          return now.destinations[0]?.health?.condition === "offline" ? now : undefined;
        },
        60_000,
        500,
      );
      expect(status.destinations[0].health).toMatchObject({
        destination: "nas",
        reason: { code: "REMOTE_UNREACHABLE" },
        since: expect.any(Number),
        until: expect.any(Number),
      });
      expect(status.counts.failed).toBe(0);
      const text = (await runCli(["--config", config, "status"], { cwd: dir, env })).stdout;
      expect(text).toMatch(/⏸ nas offline since .+, next check .+; its jobs wait/);
      expect(text).toContain("REMOTE_UNREACHABLE");
      expect(text).toMatch(/↻ job 1 nas:export\/IMG_0001\.jpg waits until .+: REMOTE_UNREACHABLE/);
      // Back on the same port: the probe finds it and the job is delivered.
      await server.start();
      await eventually(
        async () => {
          const now = await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env });
          return now.counts.completed === 1 ? true : undefined;
        },
        90_000,
        500,
      );
      expect(existsSync(path.join(dir, "dav", "export", "IMG_0001.jpg"))).toBe(true);
    } finally {
      await stopProcess(daemon.child);
      await server.stop();
    }
  });

  it("retry --all re-queues failed jobs with a fresh budget, and the daemon finishes them", async () => {
    const { dir, env } = workspace();
    const failed = await runCli(["upload", "late.jpg", "--wait"], { cwd: dir, env });
    expect(failed.code).toBe(1);
    writeRandomFile(dir, "late.jpg", 5_000);
    const retried = await runCli(["retry", "--all"], { cwd: dir, env });
    expect(retried).toMatchObject({ code: 0, stdout: "Queued 1 failed job again.\n" });
    expect(await runCliJson(["status", "1", "--json"], { cwd: dir, env })).toMatchObject({
      state: "pending",
      attempts: 0,
    });
    const daemon = await startDaemon(dir, env);
    try {
      await eventually(
        async () => {
          const job = await runCliJson(["status", "1", "--json"], { cwd: dir, env });
          return job.state === "completed" ? job : undefined;
        },
        30_000,
        300,
      );
    } finally {
      await stopProcess(daemon.child);
    }
    expect(readFileSync(path.join(dir, "var", "cloud", "late.jpg")).length).toBe(5_000);
  });

  it("retry and cancel say clearly what cannot be done", async () => {
    const { dir, env } = workspace();
    writeRandomFile(dir, "a.jpg", 100);
    await runCli(["upload", "a.jpg"], { cwd: dir, env });
    const cancelled = await runCli(["cancel", "1"], { cwd: dir, env });
    expect(cancelled).toMatchObject({ code: 0, stdout: "Job 1 is cancelled.\n" });
    const again = await runCli(["cancel", "1"], { cwd: dir, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("ILLEGAL_TRANSITION: Job 1 is cancelled");
    expect((await runCli(["retry", "99"], { cwd: dir, env })).stderr).toContain("JOB_NOT_FOUND");
    expect((await runCli(["retry"], { cwd: dir, env })).code).toBe(2);
    expect((await runCli(["status", "abc"], { cwd: dir, env })).stderr).toContain("USAGE: Expected a job id");
    const retried = await runCli(["retry", "1"], { cwd: dir, env });
    expect(retried).toMatchObject({ code: 0, stdout: "Job 1 is queued again.\n" });
  });

  it("reports a database locked by another process with STORE_LOCKED (exit 3), and loses nothing", async () => {
    const { dir, env } = workspace();
    writeRandomFile(dir, "a.jpg", 100);
    await runCli(["upload", "a.jpg"], { cwd: dir, env });
    const database = path.join(dir, "data", "queue.db");
    const holder = await spawnUntil(
      process.execPath,
      [
        "-e",
        `const db = require("better-sqlite3")(${JSON.stringify(database)}); db.exec("BEGIN EXCLUSIVE"); console.log("locked"); setInterval(() => {}, 1000);`,
      ],
      /locked/,
      { cwd: path.resolve(import.meta.dirname, "../..") },
    );
    try {
      const upload = await runCli(["upload", "a.jpg"], { cwd: dir, env });
      expect(upload.code).toBe(3);
      expect(upload.stderr).toContain("STORE_LOCKED");
      expect(upload.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await stopProcess(holder.child);
    }
    const status = await runCliJson(["status", "--json"], { cwd: dir, env });
    expect(status.counts.pending).toBe(1);
  });
});
