/** Pause and resume across a daemon restart, and priorities, on real uploads (CLI processes). */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Job } from "../../src/domain/job.js";
import { CLI, isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("pause, resume and priorities (CLI)", () => {
  it("a pause holds across a daemon restart; once resumed, high priority goes first", async () => {
    const dir = makeTempDir("junmai-e2e-");
    const env = isolatedEnv(path.join(dir, "data"));
    const config = path.join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({ destinations: [{ name: "studio", remote: path.join(dir, "cloud"), concurrency: 1 }] }),
    );
    const cli = (args: string[]) => runCli(["--config", config, ...args], { cwd: dir, env });
    const startDaemon = () =>
      spawnUntil(process.execPath, [CLI, "--config", config, "daemon"], /junmai-sync daemon \(pid/, {
        cwd: dir,
        env,
      });

    const paused = await cli(["pause"]);
    expect(paused.code).toBe(0);
    expect(paused.stdout).toContain("Paused all uploads");
    for (let index = 0; index < 12; index += 1) writeRandomFile(dir, `archive/IMG_${index}.jpg`, 20_000);
    for (let index = 0; index < 3; index += 1) writeRandomFile(dir, `selects/SEL_${index}.jpg`, 20_000);
    expect((await cli(["upload", "archive", "--priority", "low"])).code).toBe(0);
    expect((await cli(["upload", "selects", "--priority", "high"])).code).toBe(0);

    let daemon = await startDaemon();
    try {
      const status = await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env });
      expect(status.pausedSince).toEqual(expect.any(Number));
      expect(status.destinations[0].hold).toMatchObject({ reason: "paused", everything: true, until: null });
      const text = await cli(["status"]);
      expect(text.stdout).toMatch(/⏸ studio paused with all uploads since .*`junmai-sync resume`/);
    } finally {
      await stopProcess(daemon.child);
    }
    daemon = await startDaemon();
    try {
      // Still paused after the restart: nothing moved.
      const status = await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env });
      expect(status.counts.pending).toBe(15);
      expect(status.destinations[0].hold?.reason).toBe("paused");
      expect((await cli(["resume"])).stdout).toContain("Resumed all uploads");
      await vi.waitFor(
        async () => {
          const counts = (await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env }))
            .counts;
          expect(counts.completed).toBe(15);
        },
        { timeout: 60_000, interval: 300 },
      );
    } finally {
      await stopProcess(daemon.child);
    }
    const order = await completionOrder(dir, env, config);
    expect(order.slice(0, 3).every((job) => job.sourcePath.includes("selects"))).toBe(true);
    expect(order.slice(3).every((job) => job.sourcePath.includes("archive"))).toBe(true);
  });

  it("refuses a bad priority and a pause of an unknown destination, queuing nothing", async () => {
    const dir = makeTempDir("junmai-e2e-");
    const env = isolatedEnv(path.join(dir, "data"));
    writeRandomFile(dir, "a.jpg", 10);
    const bad = await runCli(["upload", "a.jpg", "--priority", "urgent"], { cwd: dir, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--priority must be high, normal, low or a whole number");
    const unknown = await runCli(["pause", "dropbox"], { cwd: dir, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("UNKNOWN_DESTINATION");
    const status = await runCliJson(["status", "--json"], { cwd: dir, env });
    expect(status.counts.pending).toBe(0);
    expect(status.pausedSince).toBeNull();
  });
});

/** Completed jobs in the order they finished. */
async function completionOrder(dir: string, env: NodeJS.ProcessEnv, config: string): Promise<Job[]> {
  const jobs: Job[] = [];
  for (let id = 1; id <= 15; id += 1) {
    jobs.push(await runCliJson(["--config", config, "status", String(id), "--json"], { cwd: dir, env }));
  }
  return jobs.sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0) || a.id - b.id);
}
