/**
 * `npm run bench -- --only large`: large files at rclone's speed (issue 22, item 2).
 *
 *   L1  one 1 GiB file         (a lone upload: run-job.ts)
 *   L4  4 × 256 MiB, one folder (one group of four)
 *
 * each to `rclone serve webdav` on a loopback port and to a local folder, beside plain rclone
 * (`rclone copyto` for the one file, `rclone copy --transfers 4` for the folder) in the same
 * run, the ways interleaved, median of BENCH_LARGE_RUNS (3) runs. Before each timed run the
 * destination is emptied and `sync` flushes what the previous run left to write, so no run pays
 * for another's write-back. The 1 GiB sets also run ours with everything that polls during a
 * lone transfer ten times as often — progress read from rclone every 100 ms instead of 1000 ms,
 * the queue every 50 ms instead of 500 ms: what polling costs, ten times over. With
 * BENCH_BASE_CLI=<an older dist/bin/junmai-sync.js> the older build runs beside ours (before/after).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { median, timeCommand } from "./timing.js";

/** GNU time, where installed: CPU seconds of a command with the children it waited for (our rcd). */
const GNU_TIME = "/usr/bin/time";

import { startWebdavServer } from "./webdav-server.js";

const GIB = 1024 * 1024 * 1024;
const TRANSFERS = 4;
/** The target of issue 22: ours ÷ rclone. */
export const LARGE_TARGET = 1.05;

export interface LargeWay {
  readonly way: string;
  readonly ms: number;
  readonly runsMs: readonly number[];
  /** CPU seconds (user + system, the process and the rclone it started), median; null without GNU time. */
  readonly cpuS: number | null;
  readonly runsCpuS: readonly number[];
}

export interface LargeSet {
  readonly name: string;
  readonly description: string;
  readonly target: string;
  readonly files: number;
  readonly bytes: number;
  /** rclone first, ours second, then the variants. */
  readonly ways: readonly LargeWay[];
}

export interface LargeBench {
  readonly sets: readonly LargeSet[];
  /** Load averages (1, 5, 15 min) at the start and at the end. */
  readonly load: { readonly start: readonly number[]; readonly end: readonly number[] };
}

interface Source {
  readonly name: string;
  readonly description: string;
  /** The file (L1) or folder (L4) given to both tools. */
  readonly path: string;
  readonly files: number;
  readonly bytes: number;
  readonly single: boolean;
}

interface Target {
  readonly label: string;
  readonly remote: string;
  /** Where the files land on this machine's disk. */
  readonly dir: string;
}

function writeRandom(file: string, size: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, "w");
  const block = 16 * 1024 * 1024;
  try {
    for (let written = 0; written < size; written += block)
      writeSync(fd, randomBytes(Math.min(block, size - written)));
  } finally {
    closeSync(fd);
  }
}

/** Wall ms and, through GNU time, CPU seconds of one run. */
async function timed(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  scratch: string,
): Promise<{ ms: number; cpuS: number | null }> {
  if (!existsSync(GNU_TIME)) return { ms: await timeCommand(command, args, env), cpuS: null };
  const out = path.join(scratch, "time.txt");
  const ms = await timeCommand(GNU_TIME, ["-f", "%U %S", "-o", out, command, ...args], env);
  const [user = 0, system = 0] = readFileSync(out, "utf8").trim().split(/\s+/).map(Number);
  return { ms, cpuS: user + system };
}

function joinRemote(remote: string, name: string): string {
  return remote.endsWith(":") ? `${remote}${name}` : `${remote}/${name}`;
}

/** Every file of the source arrived whole (our temporary names moved away), or the timing is void. */
function expectDelivered(target: Target, source: Source, way: string): void {
  const files = existsSync(target.dir)
    ? readdirSync(target.dir, { recursive: true, withFileTypes: true }).filter(
        (entry) => entry.isFile() && !entry.name.startsWith("."),
      )
    : [];
  const bytes = files.reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
  if (files.length !== source.files || bytes !== source.bytes) {
    throw new Error(
      `${way} on ${source.name} → ${target.label}: ${files.length} files, ${bytes} bytes arrived; the timing is void`,
    );
  }
}

function fresh(target: Target): void {
  rmSync(target.dir, { recursive: true, force: true });
  // The previous run's dirty pages written out now, untimed.
  execFileSync("sync");
}

function configFile(
  root: string,
  name: string,
  target: Target,
  engine: { readonly progressIntervalMs: number; readonly pollIntervalMs: number },
): string {
  const file = path.join(root, `large-${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      destinations: [{ name: "bench", remote: target.remote, concurrency: TRANSFERS }],
      store: { type: "sqlite" },
      engine,
    }),
  );
  return file;
}

async function measureSet(
  root: string,
  cli: string,
  baseCli: string | undefined,
  source: Source,
  target: Target,
  runs: number,
): Promise<LargeSet> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  const key = `${source.name}-${target.label.split(" ")[0]}`;
  const shipped = configFile(root, `${key}-shipped`, target, {
    progressIntervalMs: 1000,
    pollIntervalMs: 500,
  });
  const eager = configFile(root, `${key}-eager`, target, { progressIntervalMs: 100, pollIntervalMs: 50 });
  const destination = source.single ? joinRemote(target.remote, path.basename(source.path)) : target.remote;
  let queue = 0;
  const upload = (program: string, config: string) => () => {
    queue += 1;
    return timed(
      process.execPath,
      [
        program,
        "--config",
        config,
        "--data-dir",
        path.join(root, `large-queue-${key}-${queue}`),
        "upload",
        source.path,
        "--to",
        "bench",
        "--wait",
      ],
      env,
      root,
    );
  };
  type Way = { way: string; run: () => Promise<{ ms: number; cpuS: number | null }> };
  const ways: (Way & { runsMs: number[]; runsCpuS: number[] })[] = [
    {
      way: source.single ? "rclone copyto" : `rclone copy --transfers ${TRANSFERS}`,
      run: () =>
        timed(
          "rclone",
          source.single
            ? ["copyto", source.path, destination]
            : ["copy", source.path, destination, "--transfers", String(TRANSFERS)],
          process.env,
          root,
        ),
      runsMs: [],
      runsCpuS: [],
    },
    {
      way: `junmai-sync upload --wait (concurrency ${TRANSFERS}, verified)`,
      run: upload(cli, shipped),
      runsMs: [],
      runsCpuS: [],
    },
  ];
  if (source.single) {
    ways.push({
      way: "  the same, polling 10 × as often (progress 100 ms, queue 50 ms)",
      run: upload(cli, eager),
      runsMs: [],
      runsCpuS: [],
    });
  }
  if (baseCli !== undefined) {
    ways.push({
      way: "  before: the build in BENCH_BASE_CLI",
      run: upload(baseCli, shipped),
      runsMs: [],
      runsCpuS: [],
    });
  }
  for (let run = 0; run < runs; run += 1) {
    for (const way of ways) {
      fresh(target);
      const { ms, cpuS } = await way.run();
      way.runsMs.push(ms);
      if (cpuS !== null) way.runsCpuS.push(cpuS);
      expectDelivered(target, source, way.way);
    }
  }
  fresh(target);
  return {
    name: source.name,
    description: source.description,
    target: target.label,
    files: source.files,
    bytes: source.bytes,
    ways: ways.map(({ way, runsMs, runsCpuS }) => ({
      way,
      ms: median(runsMs),
      runsMs,
      cpuS: runsCpuS.length === 0 ? null : median(runsCpuS),
      runsCpuS,
    })),
  };
}

export async function measureLargeFiles(root: string, cli: string): Promise<LargeBench> {
  const runs = Number(process.env.BENCH_LARGE_RUNS ?? 3);
  const baseCli = process.env.BENCH_BASE_CLI;
  const load = os.loadavg();
  process.stdout.write("large files: writing 1 GiB and 4 × 256 MiB…\n");
  const one = path.join(root, "large-L1", "clip-1gib.mov");
  writeRandom(one, GIB);
  const four = path.join(root, "large-L4");
  for (let index = 0; index < 4; index += 1) writeRandom(path.join(four, `clip-${index}.mov`), GIB / 4);
  const sources: Source[] = [
    { name: "L1", description: "1 × 1 GiB", path: one, files: 1, bytes: GIB, single: true },
    { name: "L4", description: "4 × 256 MiB", path: four, files: 4, bytes: GIB, single: false },
  ];
  const dav = await startWebdavServer(path.join(root, "large-dav"));
  const targets: Target[] = [
    {
      label: "WebDAV (rclone serve webdav, loopback)",
      remote: `${dav.remote}dst`,
      dir: path.join(root, "large-dav", "dst"),
    },
    { label: "local folder", remote: path.join(root, "large-local"), dir: path.join(root, "large-local") },
  ];
  const sets: LargeSet[] = [];
  try {
    for (const source of sources) {
      for (const target of targets) {
        process.stdout.write(`large files: ${source.name} ${source.description} → ${target.label}…\n`);
        sets.push(await measureSet(root, cli, baseCli, source, target, runs));
      }
    }
  } finally {
    await dav.stop();
  }
  return { sets, load: { start: load, end: os.loadavg() } };
}

export function largeLines(bench: LargeBench): string[] {
  const rows = [
    ["data set", "to", "way", "wall (median)", "MiB/s", "runs", "CPU-s (median)", "ours ÷ rclone"],
  ];
  for (const set of bench.sets) {
    const baseline = set.ways[0] as LargeWay;
    set.ways.forEach((way, index) => {
      const ratio = way.ms / baseline.ms;
      rows.push([
        index === 0 ? `${set.name}: ${set.description}` : "",
        index === 0 ? set.target : "",
        way.way,
        `${(way.ms / 1000).toFixed(2)} s`,
        (set.bytes / 2 ** 20 / (way.ms / 1000)).toFixed(0),
        way.runsMs.map((ms) => (ms / 1000).toFixed(1)).join(" / "),
        way.cpuS === null ? "—" : way.cpuS.toFixed(1),
        index === 0
          ? "baseline"
          : `${ratio.toFixed(2)} ${ratio <= LARGE_TARGET ? "✓" : "✗"} (≤ ${LARGE_TARGET})`,
      ]);
    });
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(", ");
  return [
    ...rows.map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    ),
    `load average at the start ${load(bench.load.start)} · at the end ${load(bench.load.end)}`,
  ];
}
