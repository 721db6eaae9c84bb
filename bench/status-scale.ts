/**
 * `status --json` as a whole process with 100 000 and 1 000 000 jobs queued, read two ways:
 * directly from the queue (no daemon), and answered by a running daemon over its local API
 * (GET /api/v1/status/report). Every destination is paused first, so the daemon moves nothing
 * and both ways read the same queue. Median of 5 each.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SqliteJobStore } from "../src/store/sqlite/sqlite-job-store.js";
import { median, timeCommand } from "./timing.js";

export interface StatusAtScale {
  readonly jobs: number;
  readonly directMs: number;
  readonly daemonMs: number;
}

export async function measureStatusAtScale(root: string, cli: string): Promise<StatusAtScale[]> {
  const base = path.join(root, "status-scale");
  const dataDir = path.join(base, "data");
  mkdirSync(base, { recursive: true });
  const configFile = path.join(base, "config.json");
  writeFileSync(
    configFile,
    JSON.stringify({
      destinations: [{ name: "local", remote: path.join(base, "cloud") }],
      store: { type: "sqlite" },
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", JUNMAI_SYNC_LISTEN: "127.0.0.1:0" };
  delete env.JUNMAI_SYNC_PG_URL;
  const common = [cli, "--config", configFile, "--data-dir", dataDir];
  await timeCommand(process.execPath, [...common, "pause"], env);

  const results: StatusAtScale[] = [];
  const store = await SqliteJobStore.open(dataDir);
  const jobs = Array.from({ length: 100_000 }, (_, index) => ({
    destination: "local",
    sourcePath: `/export/${index}.jpg`,
    remotePath: `${index}.jpg`,
    sizeBytes: 2_000_000,
    maxRetries: 3,
  }));
  let queued = 0;
  for (const target of [100_000, 1_000_000]) {
    while (queued < target) {
      await store.enqueue({ jobs }, Date.now());
      queued += jobs.length;
    }
    // Without a daemon: status reads the queue itself.
    const direct: number[] = [];
    const status = () => timeCommand(process.execPath, [...common, "status", "--json"], env);
    for (let run = 0; run < 5; run += 1) direct.push(await status());
    // With one: status asks it over the API.
    const daemon = await startDaemon(process.execPath, [...common, "daemon"], env, dataDir);
    const answered: number[] = [];
    try {
      // Its start-up work (lease recovery, the first health and schedule reads) done first.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await status();
      for (let run = 0; run < 5; run += 1) answered.push(await status());
    } finally {
      daemon.kill("SIGTERM");
      await new Promise((resolve) => daemon.once("exit", resolve));
    }
    results.push({ jobs: target, directMs: median(direct), daemonMs: median(answered) });
  }
  await store.close();
  return results;
}

/** Starts the daemon and waits until its lock names the dashboard (its API answers). */
async function startDaemon(
  node: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  dataDir: string,
): Promise<ChildProcess> {
  const child = spawn(node, args, { env, stdio: "ignore" });
  for (let waited = 0; waited < 60_000; waited += 100) {
    try {
      const lock = JSON.parse(readFileSync(path.join(dataDir, "daemon.lock"), "utf8")) as {
        dashboard?: string;
      };
      if (lock.dashboard !== undefined) return child;
    } catch {
      // Not written yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error("the daemon did not start its server within 60 s");
}
