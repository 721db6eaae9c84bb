/**
 * The queue at scale: one `uploadBatch` of 100 000 files, counts and `status --json` at
 * 1 000 000 jobs, and the daemon's memory while 100 000 jobs wait.
 */

import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SyncService } from "../src/app/sync-service.js";
import { SqliteJobStore } from "../src/store/sqlite/sqlite-job-store.js";
import { median, timeCommand } from "./timing.js";

export interface QueueScale {
  readonly enqueue100kMs: number;
  readonly statusJsonAt100kMs: number;
  readonly countsAt1MMs: number;
  readonly statusJsonAt1MMs: number;
  readonly daemonRssMbWith100kQueued: number;
}

export async function measureQueueScale(root: string, cli: string): Promise<QueueScale> {
  const files = path.join(root, "scale-files");
  mkdirSync(files, { recursive: true });
  for (let index = 0; index < 100_000; index += 1) writeFileSync(path.join(files, `f${index}.jpg`), "");
  const dataDir = path.join(root, "scale-data");
  const config = {
    destinations: [{ name: "local", remote: path.join(root, "scale-cloud"), concurrency: 4 }],
    store: { type: "sqlite" as const },
  };

  const configFile = path.join(root, "scale-config.json");
  writeFileSync(configFile, JSON.stringify(config));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  const statusJson = async () => {
    const runs: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      runs.push(
        await timeCommand(
          process.execPath,
          [cli, "--config", configFile, "--data-dir", dataDir, "status", "--json"],
          env,
        ),
      );
    }
    return median(runs);
  };

  const service = await SyncService.open({ config, dataDir, cwd: root });
  let started = performance.now();
  await service.uploadBatch([files]);
  const enqueue100kMs = performance.now() - started;
  await service.close();
  const statusJsonAt100kMs = await statusJson();

  // Nine more batches of 100 000 straight into the store: 1 000 000 jobs.
  const store = await SqliteJobStore.open(dataDir);
  const more = Array.from({ length: 100_000 }, (_, index) => ({
    destination: "archive",
    sourcePath: `/export/${index}.jpg`,
    remotePath: `${index}.jpg`,
    sizeBytes: 2_000_000,
    maxRetries: 3,
  }));
  for (let batch = 0; batch < 9; batch += 1) await store.enqueue({ jobs: more }, Date.now());
  const samples: number[] = [];
  for (let run = 0; run < 50; run += 1) {
    started = performance.now();
    await store.counts();
    samples.push(performance.now() - started);
  }
  await store.close();

  const statusJsonAt1MMs = await statusJson();

  // The daemon works on the 100 000 local jobs four at a time; memory after it has settled.
  const daemon = spawn(process.execPath, [cli, "--config", configFile, "--data-dir", dataDir, "daemon"], {
    env,
    stdio: "ignore",
  });
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  // VmRSS is Linux-only; elsewhere the figure is reported as 0.
  const rssKb =
    process.platform === "linux"
      ? Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${daemon.pid}/status`, "utf8"))?.[1] ?? 0)
      : 0;
  daemon.kill("SIGTERM");
  await new Promise((resolve) => daemon.once("exit", resolve));

  return {
    enqueue100kMs,
    countsAt1MMs: median(samples),
    statusJsonAt100kMs,
    statusJsonAt1MMs,
    daemonRssMbWith100kQueued: rssKb / 1024,
  };
}
