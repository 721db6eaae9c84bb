/**
 * What a daemon with nothing to do costs: one watched folder, an empty queue, its dashboard
 * server on. After a settling period, CPU seconds (user + system, the daemon and any rclone it
 * runs) over a measured span, scaled to a minute, and its memory sampled through the span.
 * Linux only (/proc); elsewhere the figures are 0.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { median } from "./timing.js";

export interface IdleDaemon {
  readonly measuredSeconds: number;
  /** CPU seconds per minute: the node process, and rclone processes it started. */
  readonly cpuSecondsPerMinute: number;
  readonly rcloneCpuSecondsPerMinute: number;
  readonly rssMbMedian: number;
  readonly rssMbMax: number;
  /** Whether rclone rcd was still running at the end (it is started only for work). */
  readonly rcloneRunning: boolean;
}

const TICKS_PER_SECOND = 100;

export async function measureIdleDaemon(root: string, cli: string, seconds = 120): Promise<IdleDaemon> {
  const base = path.join(root, "idle");
  const folder = path.join(base, "watch");
  mkdirSync(folder, { recursive: true });
  const config = path.join(base, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      destinations: [{ name: "local", remote: path.join(base, "cloud") }],
      watch: [{ path: folder, to: ["local"] }],
      store: { type: "sqlite" },
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  const daemon = spawn(
    process.execPath,
    [cli, "--config", config, "--data-dir", path.join(base, "data"), "daemon", "--listen", "127.0.0.1:0"],
    { env, stdio: "ignore" },
  );
  try {
    await sleep(10_000);
    const pid = daemon.pid ?? 0;
    const before = cpuTicks(pid);
    const rcloneBefore = childTicks(pid);
    const rss: number[] = [];
    for (let second = 0; second < seconds; second += 5) {
      await sleep(5_000);
      rss.push(rssMb(pid));
    }
    const perMinute = (ticks: number) => ticks / TICKS_PER_SECOND / (seconds / 60);
    const rcloneAfter = childTicks(pid);
    return {
      measuredSeconds: seconds,
      cpuSecondsPerMinute: perMinute(cpuTicks(pid) - before),
      rcloneCpuSecondsPerMinute: perMinute(
        [...rcloneAfter].reduce((sum, [child, ticks]) => sum + ticks - (rcloneBefore.get(child) ?? 0), 0),
      ),
      rssMbMedian: median(rss),
      rssMbMax: Math.max(...rss),
      rcloneRunning: rcloneAfter.size > 0,
    };
  } finally {
    daemon.kill("SIGTERM");
    await new Promise((resolve) => daemon.once("exit", resolve));
  }
}

function cpuTicks(pid: number): number {
  if (process.platform !== "linux") return 0;
  try {
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU ticks of each rclone child process (rclone rcd). */
function childTicks(pid: number): Map<number, number> {
  const ticks = new Map<number, number>();
  if (process.platform !== "linux") return ticks;
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
    for (const child of children) {
      if (child === "" || readFileSync(`/proc/${child}/comm`, "utf8").trim() !== "rclone") continue;
      ticks.set(Number(child), cpuTicks(Number(child)));
    }
  } catch {
    // No children, or not readable.
  }
  return ticks;
}

function rssMb(pid: number): number {
  if (process.platform !== "linux") return 0;
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
