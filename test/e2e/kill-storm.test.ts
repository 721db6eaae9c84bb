/**
 * The photographer's promise under fire: 200 photos to a WebDAV server while the daemon is
 * killed with SIGKILL five times at random moments. Every photo arrives exactly once, byte for
 * byte; no half file, no hidden upload name, no "IMG_0001 (1).jpg"; nothing failed; no rclone
 * left running.
 */
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isProcessAlive } from "../../src/platform/process.js";
import { CLI, isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { treeHashes, writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const FILES = 200;
const KILLS = 5;

function rcdPids(dataDir: string): number[] {
  return readdirSync(path.join(dataDir, "rcd")).map((name) =>
    Number(name.split("-")[1]?.replace(".json", "")),
  );
}

describe("kill -9 storm", () => {
  it(`${FILES} photos to WebDAV, daemon killed ${KILLS} times: each arrives exactly once, intact`, async () => {
    const dir = makeTempDir("junmai-storm-");
    const dataDir = path.join(dir, "data");
    const server = await startWebdav({ root: path.join(dir, "dav") });
    // Throttled so the whole batch takes ~20 s and every kill lands while bytes move.
    const env = isolatedEnv(dataDir, { RCLONE_BWLIMIT: "10M" });
    const config = path.join(dir, "config.json");
    // Groups of 8 (~0.8 s each): files complete all along, so every kill lands mid-group too.
    writeFileSync(
      config,
      JSON.stringify({ destinations: [{ name: "dav", remote: server.remote() }], engine: { groupFiles: 8 } }),
    );
    const export_ = path.join(dir, "export");
    for (let index = 0; index < FILES; index += 1)
      writeRandomFile(export_, `IMG_${String(index).padStart(4, "0")}.jpg`, 1_000_000);
    const cli = (args: string[]) => runCli(["--config", config, ...args], { cwd: dir, env });
    const cliJson = (args: string[]) => runCliJson(["--config", config, ...args], { cwd: dir, env });
    const counts = async () => (await cliJson(["status", "--json"])).counts;
    expect((await cli(["upload", "export"])).code).toBe(0);

    const started = Date.now();
    const seenRcds = new Set<number>();
    const doneAtKill: number[] = [];
    try {
      for (let kill = 0; kill < KILLS; kill += 1) {
        const daemon = await spawnUntil(
          process.execPath,
          [CLI, "--config", config, "daemon"],
          /↑|✓ completed/,
          {
            cwd: dir,
            env,
            timeoutMs: 60_000,
          },
        );
        for (const pid of rcdPids(dataDir)) seenRcds.add(pid);
        await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 2_500));
        await stopProcess(daemon.child, "SIGKILL");
        const now = await counts();
        doneAtKill.push(now.completed + now.skipped);
      }
      const last = await spawnUntil(
        process.execPath,
        [CLI, "--config", config, "daemon"],
        /junmai-sync daemon/,
        {
          cwd: dir,
          env,
        },
      );
      for (const pid of rcdPids(dataDir)) seenRcds.add(pid);
      try {
        const final = await eventually(
          async () => {
            const now = await counts();
            return now.completed + now.skipped === FILES ? now : undefined;
          },
          180_000,
          500,
        );
        expect(final.failed).toBe(0);
      } finally {
        await stopProcess(last.child);
      }
      // Each killed daemon left its rcd running; the next start stopped it.
      expect([...seenRcds].filter((pid) => isProcessAlive(pid))).toEqual([]);
    } finally {
      await server.stop();
      // Should the test fail early, no rclone it started may outlive it.
      for (const pid of seenRcds) if (isProcessAlive(pid)) process.kill(pid, "SIGKILL");
    }
    const seconds = (Date.now() - started) / 1000;
    // Every kill landed mid-batch, with work still to do.
    expect(doneAtKill.every((done) => done < FILES)).toBe(true);
    expect(seenRcds.size).toBeGreaterThanOrEqual(KILLS);
    // Exactly the sent files, byte for byte, each once.
    const arrived = treeHashes(path.join(dir, "dav"));
    const sent = new Map([...treeHashes(export_)].map(([name, hash]) => [`export/${name}`, hash]));
    expect(arrived).toEqual(sent);
    const jobs = await cliJson(["status", "--json"]);
    expect(jobs.counts.failed).toBe(0);
    console.log(
      `kill storm: ${FILES} files, ${KILLS} kills (delivered at each: ${doneAtKill.join(", ")}), ` +
        `${seconds.toFixed(1)} s, ${arrived.size} at the destination, duplicates 0, mismatches 0`,
    );
  });
});
