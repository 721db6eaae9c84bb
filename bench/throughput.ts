/**
 * Throughput against plain rclone (`npm run bench -- --only throughput`, and part of the full run):
 *
 *   A  300 × 2 MB  → `rclone serve webdav` on a loopback port
 *   B  2000 × 20 KB → a local folder (rclone's own cost is smallest here, so ours shows most)
 *   C  10 000 × 20 KB → a local folder (large enough that fixed start-up does not decide it)
 *   D  300 × 2 MB  → Debian's OpenSSH sshd on a loopback port, as a remote named in rclone.conf
 *                     (as `junmai-sync remote add` makes one: rclone keeps the server's shell
 *                     type there, instead of asking for it each time it opens a folder)
 *
 * Each way runs 3 times (destination cleaned between runs, the ways interleaved so drift hits
 * both alike) and the median is reported. B and C also time the floor (design-floor.ts): the
 * rclone calls our groups make, with no queue, so their share and ours show apart. The
 * prototype's way — one `rclone copyto` process per file, sequential — is timed on 100 files
 * and extrapolated.
 *
 * Destinations live on a memory file system when the machine has one (/dev/shm): ext4 slows
 * down creating tens of thousands of files right after deleting as many (its inode allocator
 * skips recently deleted inodes), which made plain rclone's own C swing from 1.7 s to 12 s
 * between runs of the same command. Sources and the queue stay on disk.
 */
import { execFileSync } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { startSshd } from "../test/fixtures/sshd.js";
import { type DataSet, makeDataSet } from "./datasets.js";
import { designFloorMs, FLOOR_GROUP_FILES } from "./design-floor.js";
import { median, timeCommand } from "./timing.js";
import { startWebdavServer } from "./webdav-server.js";

const RUNS = 3;
const SEED_SAMPLE = 100;
const TRANSFERS = 4;

export interface WayResult {
  readonly way: string;
  readonly ms: number;
  readonly runsMs: readonly number[];
  readonly extrapolated?: boolean;
}

export interface SetResult {
  readonly dataSet: Omit<DataSet, "dir">;
  readonly target: string;
  readonly ways: readonly WayResult[];
}

export interface Throughput {
  readonly runs: number;
  /** Where the destinations were written: "tmpfs" or "disk". */
  readonly destinationsOn: string;
  readonly results: readonly SetResult[];
  /** [rclone, ours], wall ms medians. */
  readonly a: readonly [number, number];
  readonly b: readonly [number, number];
  readonly c: readonly [number, number];
  /** Wall ms, median, of the design's rclone steps alone (design-floor.ts) for B and C. */
  readonly floorB: number;
  readonly floorC: number;
  readonly filesB: number;
  readonly filesC: number;
}

/** An rclone.conf naming the bench's SFTP server `benchsftp`, for both ways. */
function sftpConfig(root: string, connection: string): string {
  const port = /port=(\d+)/.exec(connection)?.[1];
  const key = /key_file='([^']+)'/.exec(connection)?.[1];
  if (port === undefined || key === undefined) throw new Error(`unexpected sshd remote ${connection}`);
  const file = path.join(root, "bench-rclone.conf");
  writeFileSync(
    file,
    [
      "[benchsftp]",
      "type = sftp",
      "host = 127.0.0.1",
      `port = ${port}`,
      "user = root",
      `key_file = ${key}`,
      "",
    ].join("\n"),
  );
  return file;
}

interface Target {
  readonly remote: string;
  /** The rclone.conf naming the remote, for both ways (none: the user's). */
  readonly rcloneConfig?: string;
  /** Where the files land on this machine's disk (for cleaning and counting). */
  readonly dir: string;
  readonly label: string;
  /** Also time the design's rclone steps alone (design-floor.ts): local folders. */
  readonly floor?: boolean;
}

export async function measureThroughput(root: string, cli: string, profileDir?: string): Promise<Throughput> {
  process.stdout.write("generating data sets…\n");
  const a = makeDataSet(root, "A", 300, 2_000_000, "300 × 2 MB → WebDAV");
  const b = makeDataSet(root, "B", 2000, 20_000, "2000 × 20 KB → local folder");
  const c = makeDataSet(root, "C", 10_000, 20_000, "10 000 × 20 KB → local folder");
  const d = makeDataSet(root, "D", 300, 2_000_000, "300 × 2 MB → SFTP (OpenSSH)");
  const scratch = scratchFolder(root);
  const dav = await startWebdavServer(path.join(scratch.dir, "dav"));
  const sshd = await startSshd(path.join(root, "throughput-sshd"));
  try {
    const run = (data: DataSet, target: Target) => benchmarkSet(root, cli, data, target, profileDir);
    process.stdout.write("measuring A…\n");
    const resultA = await run(a, {
      remote: `${dav.remote}dst`,
      dir: path.join(scratch.dir, "dav", "dst"),
      label: "rclone serve webdav (loopback)",
    });
    const localTarget = path.join(scratch.dir, "local-dst");
    const local = {
      remote: localTarget,
      dir: localTarget,
      label: `local folder (${scratch.kind})`,
      floor: true,
    };
    process.stdout.write("measuring B…\n");
    const resultB = await run(b, local);
    process.stdout.write("measuring C…\n");
    const resultC = await run(c, local);
    process.stdout.write("measuring D…\n");
    const sftpDir = path.join(scratch.dir, "sftp-dst");
    const resultD = await run(d, {
      remote: `benchsftp:${sftpDir}`,
      rcloneConfig: sftpConfig(root, sshd.remote("/")),
      dir: sftpDir,
      label: "OpenSSH sshd (loopback)",
    });
    const pair = (result: SetResult) => [result.ways[0]?.ms ?? 0, result.ways[1]?.ms ?? 0] as const;
    return {
      runs: RUNS,
      destinationsOn: scratch.kind,
      results: [resultA, resultB, resultC, resultD],
      a: pair(resultA),
      b: pair(resultB),
      c: pair(resultC),
      floorB: floorOf(resultB),
      floorC: floorOf(resultC),
      filesB: b.files,
      filesC: c.files,
    };
  } finally {
    await dav.stop();
    await sshd.stop();
    rmSync(scratch.dir, { recursive: true, force: true });
  }
}

export function throughputLines(throughput: Throughput): string[] {
  const rows = [["data set", "way", "wall", "files/s", "MB/s", "ratio"]];
  for (const result of throughput.results) {
    const [baseline, ours, seed, floor] = result.ways as [WayResult, WayResult, WayResult, WayResult?];
    for (const way of result.ways) {
      const seconds = way.ms / 1000;
      const ratio =
        way === baseline
          ? "baseline"
          : way === ours
            ? `ours ÷ baseline = ${(ours.ms / baseline.ms).toFixed(2)}`
            : way === seed
              ? `seed ÷ ours = ${(seed.ms / ours.ms).toFixed(1)}`
              : `floor ÷ baseline = ${((floor?.ms ?? 0) / baseline.ms).toFixed(2)}`;
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
  return [
    `destinations on ${throughput.destinationsOn}; every way ${throughput.runs} runs, median`,
    ...rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ")),
  ];
}

/** A folder for the destinations: on /dev/shm when it is a writable memory file system with room. */
function scratchFolder(root: string): { dir: string; kind: string } {
  const shm = "/dev/shm";
  try {
    accessSync(shm, constants.W_OK);
    const space = statfsSync(shm);
    // A (600 MB) is the largest destination; twice that leaves room for the rest of the machine.
    if (space.bavail * space.bsize > 1.2e9) {
      return { dir: mkdtempSync(path.join(shm, "junmai-bench-")), kind: "tmpfs" };
    }
  } catch {
    // No /dev/shm (macOS, Windows): the temp folder.
  }
  return { dir: mkdtempSync(path.join(root, "dst-")), kind: "disk" };
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

async function benchmarkSet(
  root: string,
  cli: string,
  data: DataSet,
  target: Target,
  profileDir: string | undefined,
): Promise<SetResult> {
  const config = path.join(root, `${data.name}-config.json`);
  writeFileSync(
    config,
    JSON.stringify({
      destinations: [{ name: "bench", remote: target.remote, concurrency: TRANSFERS }],
      store: { type: "sqlite" },
      ...(target.rcloneConfig === undefined ? {} : { rclone: { configPath: target.rcloneConfig } }),
    }),
  );
  const rcloneConfig = target.rcloneConfig === undefined ? [] : ["--config", target.rcloneConfig];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  const baseline: number[] = [];
  const ours: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    clean(target);
    baseline.push(
      await timeCommand("rclone", [
        ...rcloneConfig,
        "copy",
        data.dir,
        target.remote,
        "--transfers",
        String(TRANSFERS),
      ]),
    );
    expectDelivered(target, data, "rclone copy");
    clean(target);
    const dataDir = path.join(root, `${data.name}-queue-${run}`);
    ours.push(
      await timeCommand(
        process.execPath,
        [cli, "--config", config, "--data-dir", dataDir, "upload", data.dir, "--to", "bench", "--wait"],
        env,
        profileDir === undefined
          ? undefined
          : path.join(profileDir, `junmai-bench-profile-${data.name}-${run}`),
      ),
    );
    expectDelivered(target, data, "junmai-sync");
    rmSync(dataDir, { recursive: true, force: true });
    if (target.floor === true) {
      clean(target);
      floor.push(await designFloorMs(data.dir, target.dir, TRANSFERS));
      expectDelivered(target, data, "design floor");
    }
  }
  clean(target);
  const seedStarted = performance.now();
  for (let index = 0; index < SEED_SAMPLE; index += 1) {
    const name = `IMG_${String(index).padStart(5, "0")}.jpg`;
    execFileSync("rclone", [
      ...rcloneConfig,
      "copyto",
      path.join(data.dir, name),
      joinRemote(target.remote, name),
    ]);
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
      ...(floor.length === 0
        ? []
        : [
            {
              way: `floor: the design's rclone steps alone, no queue (groups of ${FLOOR_GROUP_FILES})`,
              ms: median(floor),
              runsMs: floor,
            },
          ]),
    ],
  };
}

/** The floor's median for a set that measured one (0: none). */
function floorOf(result: SetResult): number {
  return result.ways[3]?.ms ?? 0;
}

function joinRemote(remote: string, name: string): string {
  return remote.endsWith(":") ? `${remote}${name}` : `${remote}/${name}`;
}
