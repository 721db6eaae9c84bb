/**
 * One daemon per data dir, with real processes: a second daemon exits at once, naming the first;
 * a lock left by kill -9, a garbage lock and a lock whose pid now belongs to another program are
 * taken over; a read-only data dir is a clear error. Two data dirs run side by side.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import { processStartTime } from "../../src/platform/process-start.js";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { spawnUntil, stopProcess, track } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const READY = /dashboard (http:\/\/127\.0\.0\.1:\d+)\//;

function workspace() {
  const dir = makeTempDir("junmai-lock-");
  const dataDir = path.join(dir, "data dir 写真");
  return { dir, dataDir, env: isolatedEnv(dataDir) };
}

function startDaemon(dir: string, env: NodeJS.ProcessEnv) {
  return spawnUntil(process.execPath, [CLI, "daemon"], READY, { cwd: dir, env });
}

function lockOf(dataDir: string): { pid: number; dashboard?: string; processStart?: string } {
  return JSON.parse(readFileSync(path.join(dataDir, "daemon.lock"), "utf8"));
}

describe("one daemon per data dir", () => {
  it("refuses a second daemon at once, naming the first one's pid, start and dashboard", async () => {
    const { dir, dataDir, env } = workspace();
    const first = await startDaemon(dir, env);
    const url = first.match[1] as string;
    await eventually(() => (lockOf(dataDir).dashboard === url ? true : undefined), 10_000);

    const second = await runCli(["daemon"], { cwd: dir, env, timeoutMs: 30_000 });
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(
      `DAEMON_RUNNING: another junmai-sync daemon (pid ${first.child.pid}, since `,
    );
    expect(second.stderr).toContain(`, dashboard ${url}) already uses ${dataDir}`);
    // The first one's start is written as `status` writes the same daemon's: one date format,
    // the reader's (Japanese here, in their time zone).
    const reader = { ...env, LANG: "ja_JP.UTF-8", TZ: "Asia/Tokyo" };
    const since = Date.parse(JSON.parse(readFileSync(path.join(dataDir, "daemon.lock"), "utf8")).since);
    const japanese = await runCli(["daemon"], { cwd: dir, env: reader, timeoutMs: 30_000 });
    expect(japanese.code).toBe(3);
    const ja = createTranslator("ja", { timeZone: "Asia/Tokyo" });
    expect(japanese.stderr).toContain(`（pid ${first.child.pid}、${ja.dateTime(since)} から、`);
    const started = JSON.parse((await runCli(["status", "--json"], { cwd: dir, env: reader })).stdout).daemon
      .startedAt as number;
    const status = await runCli(["status"], { cwd: dir, env: reader });
    expect(status.stdout).toContain(`pid ${first.child.pid}、${ja.dateTime(started)} から`);
    expect(ja.dateTime(since)).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
    // `service status` names the same daemon with the same date.
    const service = await runCli(["service", "status"], { cwd: dir, env: reader });
    expect(service.stdout).toContain(`デーモン: pid ${first.child.pid}、${ja.dateTime(since)} から`);
    // `npm start` is the same command, and `watch` the same loop: both refused too.
    const watch = await runCli(["watch"], { cwd: dir, env, timeoutMs: 30_000 });
    expect(watch.code).toBe(3);

    // CLI commands keep working beside the daemon.
    expect((await runCli(["status"], { cwd: dir, env })).code).toBe(0);
    expect(first.child.exitCode).toBeNull();

    await stopProcess(first.child);
    expect(first.child.exitCode).toBe(0);
    expect(existsSync(path.join(dataDir, "daemon.lock"))).toBe(false);
  });

  it("takes over the lock of a daemon killed with kill -9", async () => {
    const { dir, dataDir, env } = workspace();
    const first = await startDaemon(dir, env);
    await stopProcess(first.child, "SIGKILL");
    expect(lockOf(dataDir).pid).toBe(first.child.pid);

    const second = await startDaemon(dir, env);
    expect(lockOf(dataDir).pid).toBe(second.child.pid);
    await stopProcess(second.child);
  });

  it("takes over a garbage lock file", async () => {
    const { dir, dataDir, env } = workspace();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "daemon.lock"), "\0\0garbage{");
    const daemon = await startDaemon(dir, env);
    expect(lockOf(dataDir).pid).toBe(daemon.child.pid);
    await stopProcess(daemon.child);
  });

  it("lets exactly one of two daemons started at once over a stale lock win", async () => {
    const { dir, dataDir, env } = workspace();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "daemon.lock"), "garbage");
    const results = await Promise.allSettled([startDaemon(dir, env), startDaemon(dir, env)]);
    const winners = results.filter((result) => result.status === "fulfilled");
    const losers = results.filter((result) => result.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(String((losers[0] as PromiseRejectedResult).reason)).toMatch(/exited \(3\)[\s\S]*DAEMON_RUNNING/);
    const winner = (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof startDaemon>>>).value;
    expect(lockOf(dataDir).pid).toBe(winner.child.pid);
    await stopProcess(winner.child);
  });

  it("tells a live holder from another program that got its pid (start time compared)", async () => {
    const { dir, dataDir, env } = workspace();
    mkdirSync(dataDir, { recursive: true });
    const other = track(spawn("sleep", ["60"], { stdio: "ignore" }));
    const pid = other.pid as number;
    const started = processStartTime(pid);
    const lock = (processStart: string | undefined) =>
      writeFileSync(
        path.join(dataDir, "daemon.lock"),
        JSON.stringify({
          pid,
          since: new Date().toISOString(),
          host: os.hostname(),
          token: "t",
          processStart,
        }),
      );
    try {
      if (started !== undefined) {
        // The recorded start matches that process: it is the holder, and is left alone.
        lock(started);
        const refused = await runCli(["daemon"], { cwd: dir, env, timeoutMs: 30_000 });
        expect(refused.code).toBe(3);
        expect(refused.stderr).toContain(`(pid ${pid}, since `);
      }
      // The pid is alive but started at another time: a reused pid, not a daemon.
      lock("1");
      const daemon = await startDaemon(dir, env);
      expect(lockOf(dataDir).pid).toBe(daemon.child.pid);
      await stopProcess(daemon.child);
    } finally {
      await stopProcess(other);
    }
  });

  it("runs two daemons on two data dirs side by side", async () => {
    const one = workspace();
    const two = workspace();
    const first = await startDaemon(one.dir, one.env);
    const second = await startDaemon(two.dir, two.env);
    expect(first.child.exitCode).toBeNull();
    expect(second.child.exitCode).toBeNull();
    await Promise.all([stopProcess(first.child), stopProcess(second.child)]);
  });

  it("says clearly when the data dir is read-only", async () => {
    const { dir, dataDir, env } = workspace();
    mkdirSync(dataDir, { recursive: true });
    // root ignores file modes; the immutable attribute holds even for root.
    const root = process.getuid?.() === 0;
    if (root) execFileSync("chattr", ["+i", dataDir]);
    else chmodSync(dataDir, 0o555);
    try {
      const result = await runCli(["daemon"], { cwd: dir, env, timeoutMs: 30_000 });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(
        `DATA_DIR_UNUSABLE: The data directory ${dataDir} is read-only for user`,
      );
      expect(result.stderr).toMatch(/hint: Choose a writable data directory/);
    } finally {
      if (root) execFileSync("chattr", ["-i", dataDir]);
      else chmodSync(dataDir, 0o755);
    }
  });
});
