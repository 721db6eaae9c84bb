/**
 * Watched folders at work:
 * - latency: a file's last write → its job in the queue (goal: the stability window + 0.5 s),
 *   for files arriving one by one and for 1000 dropped at once;
 * - scale: the daemon (a real `junmai-sync daemon` process) watching 100 000 files — time to
 *   scan and queue them, its memory then, and after a restart with every file already queued.
 *   The destination is unreachable on purpose, so the measurement is of watching and queuing,
 *   not of uploading 100 000 files.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SyncService } from "../src/app/sync-service.js";
import { DEFAULT_STABILITY_MS } from "../src/config/watch-schema.js";
import { watchFolders } from "../src/watch/watch-folders.js";

export interface WatchLatency {
  readonly stabilityMs: number;
  /** Last write → job queued, per file written on its own. */
  readonly oneByOneMs: readonly number[];
  /** Last write of 1000 files dropped at once → the last of their jobs queued. */
  readonly thousandAtOnceMs: number;
}

export interface WatchScale {
  readonly files: number;
  /** Daemon start → every file queued. */
  readonly firstScanMs: number;
  readonly rssMbAfterFirstScan: number;
  readonly peakRssMbFirstScan: number;
  /** Restart with every file already queued → scan done and nothing new queued. */
  readonly rescanMs: number;
  readonly rssMbAfterRescan: number;
}

export async function measureWatchLatency(root: string): Promise<WatchLatency> {
  const folder = path.join(root, "watch-latency", "export");
  mkdirSync(folder, { recursive: true });
  const service = await SyncService.open({
    config: {
      destinations: [{ name: "local", remote: path.join(root, "watch-latency", "cloud") }],
      watch: [{ path: folder, to: ["local"] }],
      store: { type: "sqlite" },
    },
    dataDir: path.join(root, "watch-latency", "data"),
    cwd: root,
  });
  const folders = await watchFolders(service);
  const lastWrite = new Map<string, number>();
  try {
    for (let index = 0; index < 20; index += 1) {
      const file = path.join(folder, `single_${index}.jpg`);
      writeFileSync(file, Buffer.alloc(100_000, index));
      lastWrite.set(file, Date.now());
      await sleep(150);
    }
    await waitForJobs(service, 20);
    const single = await service.listJobs({ limit: 1000 });
    const oneByOneMs = single.map((job) => job.createdAt - (lastWrite.get(job.sourcePath) ?? job.createdAt));

    let lastOfThousand = 0;
    for (let index = 0; index < 1000; index += 1) {
      writeFileSync(path.join(folder, `drop_${index}.jpg`), Buffer.alloc(10_000, index));
      lastOfThousand = Date.now();
    }
    await waitForJobs(service, 1020);
    const jobs = await service.listJobs({ afterId: 20, limit: 1000 });
    const thousandAtOnceMs = Math.max(...jobs.map((job) => job.createdAt)) - lastOfThousand;
    return { stabilityMs: DEFAULT_STABILITY_MS, oneByOneMs, thousandAtOnceMs };
  } finally {
    await folders.close();
    await service.close();
  }
}

async function waitForJobs(service: SyncService, jobs: number): Promise<void> {
  for (let tries = 0; tries < 600; tries += 1) {
    const counts = (await service.getQueueStatus()).counts;
    if (Object.values(counts).reduce((sum, n) => sum + n, 0) >= jobs) return;
    await sleep(50);
  }
  throw new Error(`fewer than ${jobs} jobs were queued in 30 s`);
}

export async function measureWatchScale(root: string, cli: string, files = 100_000): Promise<WatchScale> {
  const base = path.join(root, "watch-scale");
  const folder = path.join(base, "export");
  for (let dir = 0; dir < files / 1000; dir += 1) {
    const sub = path.join(folder, `roll_${String(dir).padStart(3, "0")}`);
    mkdirSync(sub, { recursive: true });
    for (let index = 0; index < 1000; index += 1) writeFileSync(path.join(sub, `IMG_${index}.jpg`), "x");
  }
  const config = path.join(base, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      // Port 9 (discard) refuses connections: the destination goes offline and jobs wait.
      destinations: [{ name: "nas", remote: ":webdav,url='http://127.0.0.1:9/':" }],
      watch: [{ path: folder, to: ["nas"] }],
      store: { type: "sqlite" },
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", RCLONE_LOW_LEVEL_RETRIES: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  const dataDir = path.join(base, "data");
  const first = await runDaemonUntilQueued(cli, config, dataDir, env, files);
  const second = await runDaemonUntilQueued(cli, config, dataDir, env, files);
  return {
    files,
    firstScanMs: first.queuedMs,
    rssMbAfterFirstScan: first.rssMb,
    peakRssMbFirstScan: first.peakRssMb,
    rescanMs: second.queuedMs,
    rssMbAfterRescan: second.rssMb,
  };
}

async function runDaemonUntilQueued(
  cli: string,
  config: string,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  files: number,
): Promise<{ queuedMs: number; rssMb: number; peakRssMb: number }> {
  const started = performance.now();
  const daemon = spawn(process.execPath, [cli, "--config", config, "--data-dir", dataDir, "daemon"], {
    env,
    stdio: ["ignore", "pipe", "ignore"],
  });
  let output = "";
  daemon.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  let peak = 0;
  const rss = () => {
    const mb = rssMb(daemon.pid);
    peak = Math.max(peak, mb);
    return mb;
  };
  try {
    let queuedMs = 0;
    for (let tries = 0; tries < 2400 && queuedMs === 0; tries += 1) {
      await sleep(100);
      rss();
      if (/caught up on /.test(output)) queuedMs = performance.now() - started;
    }
    if (queuedMs === 0) throw new Error(`the daemon did not catch up in 4 minutes:\n${output}`);
    const jobs = await queuedJobs(cli, config, dataDir, env);
    if (jobs !== files) throw new Error(`${jobs} jobs for ${files} files:\n${output}`);
    // Memory once the work of scanning is done and the collector had a chance to run.
    await sleep(5_000);
    return { queuedMs, rssMb: rss(), peakRssMb: peak };
  } finally {
    daemon.kill("SIGTERM");
    await new Promise((resolve) => daemon.once("exit", resolve));
  }
}

async function queuedJobs(
  cli: string,
  config: string,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, "--config", config, "--data-dir", dataDir, "status", "--json"],
      {
        env,
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("exit", () => resolve(text));
  });
  const counts = (JSON.parse(output) as { counts: Record<string, number> }).counts;
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** VmRSS of a process in MB (Linux); 0 elsewhere. */
function rssMb(pid: number | undefined): number {
  if (pid === undefined || process.platform !== "linux") return 0;
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
