/**
 * `npm run bench`: junmai-sync against plain rclone, in one run, on this machine: throughput on
 * four data sets (throughput.ts), then the queue at scale, progress latency, watched folders,
 * bandwidth, renditions, resumed uploads, the CLI's start and an idle daemon; last, every number
 * beside its target (issue 22). Writes bench/results/<date>.json.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bandwidthLines, measureBandwidth } from "./bandwidth.js";
import { type CliStart, measureCliStart } from "./cli-start.js";
import { type IdleDaemon, measureIdleDaemon } from "./idle-daemon.js";
import { largeLines, measureLargeFiles } from "./large-files.js";
import { measureProgressLatency, type ProgressLatency } from "./progress-latency.js";
import { measureQueueScale, type QueueScale } from "./queue-scale.js";
import {
  measureRenditionMemory,
  measureRenditions,
  type RenditionBench,
  renditionLines,
  renditionMemoryLines,
} from "./renditions.js";
import { measureResume, resumeLines } from "./resume.js";
import { targetLines, targetRows } from "./targets.js";
import { measureThroughput, throughputLines } from "./throughput.js";
import { median } from "./timing.js";
import { measureWatchLatency, measureWatchScale, type WatchLatency, type WatchScale } from "./watch-scale.js";

/** `npm run bench -- --profile`: also write a CPU profile of each junmai-sync run (next to the temp folder). */
const PROFILE = process.argv.includes("--profile");
/**
 * `npm run bench -- --only throughput`, `--only watch`, `--only queue`, `--only progress`,
 * `--only bandwidth`, `--only renditions`, `--only rendition-memory`, `--only start`, `--only idle`,
 * `--only resume` or `--only large`: just those measurements.
 */
const ONLY = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const CLI = fileURLToPath(new URL("../dist/bin/junmai-sync.js", import.meta.url));

async function measureWatching(root: string): Promise<{ latency: WatchLatency; scale: WatchScale }> {
  process.stdout.write("measuring watched folders…\n");
  const latency = await measureWatchLatency(root);
  const scale = await measureWatchScale(root, CLI);
  return { latency, scale };
}

function watchLines({ latency, scale }: { latency: WatchLatency; scale: WatchScale }): string[] {
  const window = latency.stabilityMs;
  return [
    `watch: last write → job queued, one by one   median ${median(latency.oneByOneMs).toFixed(0)} ms, max ${Math.max(...latency.oneByOneMs).toFixed(0)} ms (window ${window} ms; goal ≤ ${window + 500} ms; ${latency.oneByOneMs.length} files)`,
    `watch: 1000 files at once → all queued        ${latency.thousandAtOnceMs.toFixed(0)} ms after the last write`,
    `watch: daemon, ${scale.files} files, first start  all queued in ${(scale.firstScanMs / 1000).toFixed(1)} s · RSS ${scale.rssMbAfterFirstScan.toFixed(0)} MB (peak ${scale.peakRssMbFirstScan.toFixed(0)} MB)`,
    `watch: daemon restart, all already queued     caught up in ${(scale.rescanMs / 1000).toFixed(1)} s · RSS ${scale.rssMbAfterRescan.toFixed(0)} MB`,
  ];
}

function queueLines(scale: QueueScale): string[] {
  return [
    `enqueue 100 000 files (one uploadBatch)   ${(scale.enqueue100kMs / 1000).toFixed(2)} s`,
    `counts() at 1 000 000 jobs (median of 50)  ${scale.countsAt1MMs.toFixed(3)} ms`,
    `status --json at 1 000 000 jobs (process)  ${scale.statusJsonAt1MMs.toFixed(0)} ms`,
    `daemon RSS with 100 000 queued             ${scale.daemonRssMbWith100kQueued.toFixed(0)} MB (node process; rclone rcd is separate)`,
  ];
}

function writeResults(name: string, value: object): void {
  const file = fileURLToPath(new URL(`./results/${name}.json`, import.meta.url));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

function machine(rcloneVersion: string) {
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    rclone: rcloneVersion,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function startLines(start: CliStart): string[] {
  return [
    `CLI start, whole process (median of ${start.runs})  node -e 0 ${start.nodeMs.toFixed(0)} ms · upload one.jpg ${start.uploadMs.toFixed(0)} ms · status --json ${start.statusMs.toFixed(0)} ms`,
    ...start.statusAtScale.map(
      (scale) =>
        `status --json at ${scale.jobs.toLocaleString("en-US").replaceAll(",", " ")} jobs (process, median of 5)  read directly ${scale.directMs.toFixed(0)} ms · answered by the daemon ${scale.daemonMs.toFixed(0)} ms`,
    ),
  ];
}

function idleLines(idle: IdleDaemon): string[] {
  return [
    `idle daemon (one watched folder, ${idle.measuredSeconds} s)  ${idle.cpuSecondsPerMinute.toFixed(3)} CPU-s/min node + ${idle.rcloneCpuSecondsPerMinute.toFixed(3)} rclone · RSS median ${idle.rssMbMedian.toFixed(0)} MB, max ${idle.rssMbMax.toFixed(0)} MB`,
  ];
}

function progressLines(progress: ProgressLatency): string[] {
  return [
    `progress: first bytes at the destination → shown over SSE  median ${median(progress.firstProgressMs).toFixed(0)} ms, max ${Math.max(...progress.firstProgressMs).toFixed(0)} ms (${progress.firstProgressMs.length} uploads)`,
    `progress: interval between SSE updates                     ${progress.intervalMs.toFixed(0)} ms (median)`,
  ];
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), "junmai-bench-"));
  const rcloneVersion = execFileSync("rclone", ["version"], { encoding: "utf8" }).split("\n")[0] ?? "";
  process.stdout.write(
    `junmai-sync bench · ${rcloneVersion} · node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}\n`,
  );
  const profileDir = PROFILE ? path.dirname(root) : undefined;
  if (ONLY === "throughput") {
    try {
      const throughput = await measureThroughput(root, CLI, profileDir);
      const lines = [...throughputLines(throughput), "", ...targetLines(targetRows(throughput))];
      process.stdout.write(`\n${lines.join("\n")}\n\n`);
      writeResults(`${new Date().toISOString().slice(0, 10)}-throughput`, {
        date: new Date().toISOString(),
        machine: machine(rcloneVersion),
        throughput,
        load: os.loadavg(),
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return;
  }
  if (ONLY === "resume") {
    try {
      const resume = await measureResume(root, CLI);
      process.stdout.write(`\n${resumeLines(resume).join("\n")}\n\n`);
      writeResults(`${new Date().toISOString().slice(0, 10)}-resume`, {
        date: new Date().toISOString(),
        machine: machine(rcloneVersion),
        resume,
        load: os.loadavg(),
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return;
  }
  if (ONLY === "large") {
    try {
      const large = await measureLargeFiles(root, CLI);
      process.stdout.write(`\n${largeLines(large).join("\n")}\n\n`);
      writeResults(`${new Date().toISOString().slice(0, 10)}-large`, {
        date: new Date().toISOString(),
        machine: machine(rcloneVersion),
        large,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return;
  }
  if (ONLY === "rendition-memory") {
    try {
      const memory = await measureRenditionMemory(root, CLI);
      process.stdout.write(`\n${renditionMemoryLines(memory).join("\n")}\n\n`);
      writeResults(`${new Date().toISOString().slice(0, 10)}-rendition-memory`, {
        date: new Date().toISOString(),
        machine: machine(rcloneVersion),
        memory,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return;
  }
  if (
    ONLY === "watch" ||
    ONLY === "queue" ||
    ONLY === "progress" ||
    ONLY === "bandwidth" ||
    ONLY === "renditions" ||
    ONLY === "start" ||
    ONLY === "idle"
  ) {
    try {
      const watch = ONLY === "watch" ? await measureWatching(root) : undefined;
      const queue = ONLY === "queue" ? await measureQueueScale(root, CLI) : undefined;
      const progress = ONLY === "progress" ? await measureProgressLatency(root) : undefined;
      const bandwidth = ONLY === "bandwidth" ? await measureBandwidth(root, CLI) : undefined;
      const renditions: RenditionBench | undefined =
        ONLY === "renditions" ? await measureRenditions(root, CLI) : undefined;
      const start = ONLY === "start" ? await measureCliStart(root, CLI) : undefined;
      const idle = ONLY === "idle" ? await measureIdleDaemon(root, CLI) : undefined;
      const lines = [
        ...(watch === undefined ? [] : watchLines(watch)),
        ...(queue === undefined ? [] : queueLines(queue)),
        ...(progress === undefined ? [] : progressLines(progress)),
        ...(bandwidth === undefined ? [] : bandwidthLines(bandwidth)),
        ...(renditions === undefined ? [] : renditionLines(renditions)),
        ...(start === undefined ? [] : startLines(start)),
        ...(idle === undefined ? [] : idleLines(idle)),
        "",
        ...targetLines(targetRows({ queue, start, idle })),
      ];
      const measured = { watch, queue, progress, bandwidth, renditions, start, idle };
      process.stdout.write(`\n${lines.join("\n")}\n\n`);
      writeResults(`${new Date().toISOString().slice(0, 10)}-${ONLY}`, {
        date: new Date().toISOString(),
        machine: machine(rcloneVersion),
        ...measured,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return;
  }
  if (ONLY !== undefined) {
    throw new Error(
      `--only takes throughput, watch, queue, progress, bandwidth, renditions, rendition-memory, start, idle, resume or large, not ${ONLY}`,
    );
  }
  try {
    const throughput = await measureThroughput(root, CLI, profileDir);
    process.stdout.write("measuring the CLI's start…\n");
    const start = await measureCliStart(root, CLI);
    process.stdout.write("measuring an idle daemon (2 minutes)…\n");
    const idle = await measureIdleDaemon(root, CLI);
    process.stdout.write("measuring the queue at scale…\n");
    const scale = await measureQueueScale(root, CLI);
    process.stdout.write("measuring progress latency…\n");
    const progress = await measureProgressLatency(root);
    const watching = await measureWatching(root);
    const bandwidth = await measureBandwidth(root, CLI);
    process.stdout.write("measuring renditions…\n");
    const renditions = await measureRenditions(root, CLI);
    process.stdout.write("measuring resumed uploads (S3, SFTP)…\n");
    const resume = await measureResume(root, CLI);
    process.stdout.write("\n");
    process.stdout.write(`${throughputLines(throughput).join("\n")}\n`);
    const targets = targetRows({
      ...throughput,
      queue: scale,
      start,
      idle,
    });
    process.stdout.write(
      [
        "",
        ...queueLines(scale),
        ...progressLines(progress),
        ...watchLines(watching),
        ...bandwidthLines(bandwidth),
        ...renditionLines(renditions),
        ...resumeLines(resume),
        ...startLines(start),
        ...idleLines(idle),
        "",
        ...targetLines(targets),
        "",
      ].join("\n"),
    );
    writeResults(new Date().toISOString().slice(0, 10), {
      date: new Date().toISOString(),
      machine: machine(rcloneVersion),
      throughput,
      queue: scale,
      start,
      idle,
      targets,
      progress,
      watch: watching,
      bandwidth,
      renditions,
      resume,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
