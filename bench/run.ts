/**
 * `npm run bench`: junmai-sync against plain rclone, in one run, on this machine.
 *
 *   A  300 × 2 MB  → `rclone serve webdav` on a loopback port
 *   B  2000 × 20 KB → a local folder (rclone's own cost is smallest here, so ours shows most)
 *   C  10 000 × 20 KB → a local folder (large enough that fixed start-up does not decide it)
 *
 * Each way runs 3 times (destination cleaned between runs, the ways interleaved so drift hits
 * both alike) and the median is reported. The prototype's way — one `rclone copyto` process per
 * file, sequential — is timed on 100 files and extrapolated. Then the queue at scale, progress
 * latency, watched folders, the CLI's start and an idle daemon; last, every number beside its
 * target (issue 22). Writes bench/results/<date>.json.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bandwidthLines, measureBandwidth } from "./bandwidth.js";
import { type CliStart, measureCliStart } from "./cli-start.js";
import { type DataSet, makeDataSet } from "./datasets.js";
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
import { median, timeCommand } from "./timing.js";
import { measureWatchLatency, measureWatchScale, type WatchLatency, type WatchScale } from "./watch-scale.js";
import { startWebdavServer } from "./webdav-server.js";

const RUNS = 3;
const SEED_SAMPLE = 100;
const TRANSFERS = 4;
/** `npm run bench -- --profile`: also write a CPU profile of each junmai-sync run (next to the temp folder). */
const PROFILE = process.argv.includes("--profile");
/**
 * `npm run bench -- --only watch`, `--only queue`, `--only progress`, `--only bandwidth`,
 * `--only renditions`, `--only rendition-memory`, `--only start`, `--only idle`, `--only resume` or
 * `--only large`: just those measurements.
 */
const ONLY = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const CLI = fileURLToPath(new URL("../dist/bin/junmai-sync.js", import.meta.url));

interface WayResult {
  readonly way: string;
  readonly ms: number;
  readonly runsMs: readonly number[];
  readonly extrapolated?: boolean;
}

interface SetResult {
  readonly dataSet: Omit<DataSet, "dir">;
  readonly target: string;
  readonly ways: readonly WayResult[];
}

interface Target {
  readonly remote: string;
  /** Where the files land on this machine's disk (for cleaning and counting). */
  readonly dir: string;
  readonly label: string;
}

/** A timed run that moved nothing proves nothing: every file must have arrived. */
function expectDelivered(target: Target, data: DataSet, way: string): void {
  const arrived = existsSync(target.dir) ? readdirSync(target.dir, { recursive: true }).length : 0;
  if (arrived < data.files) {
    throw new Error(`${way} on ${data.name}: ${arrived} of ${data.files} files arrived; the timing is void`);
  }
}

function clean(target: Target): void {
  rmSync(target.dir, { recursive: true, force: true });
}

async function benchmarkSet(root: string, data: DataSet, target: Target) {
  const config = path.join(root, `${data.name}-config.json`);
  writeFileSync(
    config,
    JSON.stringify({
      destinations: [{ name: "bench", remote: target.remote, concurrency: TRANSFERS }],
      store: { type: "sqlite" },
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  const baseline: number[] = [];
  const ours: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    clean(target);
    baseline.push(
      await timeCommand("rclone", ["copy", data.dir, target.remote, "--transfers", String(TRANSFERS)]),
    );
    expectDelivered(target, data, "rclone copy");
    clean(target);
    const dataDir = path.join(root, `${data.name}-queue-${run}`);
    ours.push(
      await timeCommand(
        process.execPath,
        [CLI, "--config", config, "--data-dir", dataDir, "upload", data.dir, "--to", "bench", "--wait"],
        env,
        PROFILE ? path.join(root, "..", `junmai-bench-profile-${data.name}-${run}`) : undefined,
      ),
    );
    expectDelivered(target, data, "junmai-sync");
  }
  clean(target);
  const seedStarted = performance.now();
  for (let index = 0; index < SEED_SAMPLE; index += 1) {
    const name = `IMG_${String(index).padStart(5, "0")}.jpg`;
    execFileSync("rclone", ["copyto", path.join(data.dir, name), joinRemote(target.remote, name)]);
  }
  const seedMs = ((performance.now() - seedStarted) / SEED_SAMPLE) * data.files;
  clean(target);
  return {
    dataSet: { name: data.name, description: data.description, files: data.files, bytes: data.bytes },
    target: target.label,
    ways: [
      { way: `rclone copy --transfers ${TRANSFERS}`, ms: median(baseline), runsMs: baseline },
      {
        way: `junmai-sync upload --wait (concurrency ${TRANSFERS}, verified)`,
        ms: median(ours),
        runsMs: ours,
      },
      {
        way: `seed: rclone copyto per file (${SEED_SAMPLE} timed, extrapolated)`,
        ms: seedMs,
        runsMs: [seedMs],
        extrapolated: true,
      },
    ],
  } satisfies SetResult;
}

function joinRemote(remote: string, name: string): string {
  return remote.endsWith(":") ? `${remote}${name}` : `${remote}/${name}`;
}

function printTable(results: readonly SetResult[]): void {
  const rows = [["data set", "way", "wall", "files/s", "MB/s", "ratio"]];
  for (const result of results) {
    const [baseline, ours, seed] = result.ways as [WayResult, WayResult, WayResult];
    for (const way of result.ways) {
      const seconds = way.ms / 1000;
      const ratio =
        way === baseline
          ? "baseline"
          : way === ours
            ? `ours ÷ baseline = ${(ours.ms / baseline.ms).toFixed(2)}`
            : `seed ÷ ours = ${(seed.ms / ours.ms).toFixed(1)}`;
      rows.push([
        way === baseline ? `${result.dataSet.name}: ${result.dataSet.description}` : "",
        way.way,
        `${seconds.toFixed(2)} s`,
        (result.dataSet.files / seconds).toFixed(0),
        (result.dataSet.bytes / 1e6 / seconds).toFixed(1),
        ratio,
      ]);
    }
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  for (const row of rows)
    process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ")}\n`);
}

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
      `--only takes watch, queue, progress, bandwidth, renditions, rendition-memory, start, idle, resume or large, not ${ONLY}`,
    );
  }
  process.stdout.write("generating data sets…\n");
  const a = makeDataSet(root, "A", 300, 2_000_000, "300 × 2 MB → WebDAV");
  const b = makeDataSet(root, "B", 2000, 20_000, "2000 × 20 KB → local folder");
  const c = makeDataSet(root, "C", 10_000, 20_000, "10 000 × 20 KB → local folder");
  const dav = await startWebdavServer(path.join(root, "dav"));
  try {
    process.stdout.write("measuring A…\n");
    const resultA = await benchmarkSet(root, a, {
      remote: `${dav.remote}dst`,
      dir: path.join(root, "dav", "dst"),
      label: "rclone serve webdav (loopback)",
    });
    process.stdout.write("measuring B…\n");
    const localTarget = path.join(root, "local-dst");
    const resultB = await benchmarkSet(root, b, {
      remote: localTarget,
      dir: localTarget,
      label: "local folder",
    });
    process.stdout.write("measuring C…\n");
    const resultC = await benchmarkSet(root, c, {
      remote: localTarget,
      dir: localTarget,
      label: "local folder",
    });
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
    printTable([resultA, resultB, resultC]);
    const pair = (result: SetResult) => [result.ways[0]?.ms ?? 0, result.ways[1]?.ms ?? 0] as const;
    const targets = targetRows({
      a: pair(resultA),
      b: pair(resultB),
      c: pair(resultC),
      filesB: b.files,
      filesC: c.files,
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
      runs: RUNS,
      results: [resultA, resultB, resultC],
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
    await dav.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
