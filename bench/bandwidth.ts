/**
 * `npm run bench -- --only bandwidth`: does a bandwidth limit give what it says, whether one file
 * moves or ten? Loopback WebDAV (`rclone serve webdav`), `junmai-sync upload --wait` timed end
 * to end (start-up, hashing and verification included), plain `rclone --bwlimit` beside it:
 *
 *   a  one 200 MiB file, destination limit 20M          → rate ÷ 20 MiB/s (target 0.85–1.05)
 *   b  ten 20 MiB files, same limit                      → aggregate ÷ 20 MiB/s (target 0.85–1.05)
 *   c  two destinations at 10M each, global limit 15M   → aggregate ≤ 15 MiB/s × 1.05
 *      (rclone has no limit across two processes: its reference is two `--bwlimit 10M` copies at once)
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeDataSet } from "./datasets.js";
import { timeCommand } from "./timing.js";
import { startWebdavServer } from "./webdav-server.js";

const MiB = 2 ** 20;

export interface BandwidthCase {
  readonly name: string;
  readonly description: string;
  readonly bytes: number;
  /** The limit the case is held to, in MiB/s. */
  readonly limitMiBs: number;
  readonly oursMs: number;
  readonly rcloneMs: number;
  readonly rcloneWay: string;
  /** What the rule before issue 23 gave: the destination's rate ÷ its concurrency, per file. */
  readonly before?: { readonly way: string; readonly bytes: number; readonly ms: number };
}

export async function measureBandwidth(root: string, cli: string): Promise<BandwidthCase[]> {
  const one = makeDataSet(root, "bw-one", 1, 200 * MiB, "one 200 MiB file");
  const ten = makeDataSet(root, "bw-ten", 10, 20 * MiB, "ten 20 MiB files");
  const six = makeDataSet(root, "bw-six", 6, 12 * MiB, "six 12 MiB files");
  const quarter = makeDataSet(root, "bw-quarter", 1, 50 * MiB, "one 50 MiB file");
  const davRoot = path.join(root, "bw-dav");
  const dav = await startWebdavServer(davRoot);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  delete env.RCLONE_BWLIMIT;
  const remote = (folder: string) => `${dav.remote}${folder}`;
  const ours = async (name: string, config: object, source: string, to: readonly string[]) => {
    rmSync(davRoot, { recursive: true, force: true });
    const file = path.join(root, `${name}-config.json`);
    writeFileSync(file, JSON.stringify({ store: { type: "sqlite" }, ...config }));
    const ms = await timeCommand(
      process.execPath,
      [
        cli,
        "--config",
        file,
        "--data-dir",
        path.join(root, `${name}-queue`),
        "upload",
        source,
        ...to.flatMap((dest) => ["--to", dest]),
        "--wait",
      ],
      env,
    );
    for (const dest of to) expectFiles(path.join(davRoot, dest), source, name);
    return ms;
  };
  try {
    const cases: BandwidthCase[] = [];
    const record = (measured: BandwidthCase) => {
      cases.push(measured);
      process.stdout.write(`${bandwidthLines([measured]).join("\n")}\n`);
    };
    process.stdout.write("bandwidth a: one 200 MiB file at 20M…\n");
    const dest = (name: string, bandwidth: string) => ({
      name,
      remote: remote(name),
      bandwidth,
      concurrency: 4,
    });
    record({
      name: "a",
      description: "one 200 MiB file, destination limit 20M",
      bytes: one.bytes,
      limitMiBs: 20,
      oursMs: await ours("a", { destinations: [dest("a", "20M")] }, path.join(one.dir, "IMG_00000.jpg"), [
        "a",
      ]),
      rcloneMs: await rclone(
        ["copyto", path.join(one.dir, "IMG_00000.jpg"), `${remote("a")}/IMG_00000.jpg`, "--bwlimit", "20M"],
        davRoot,
      ),
      rcloneWay: "rclone copyto --bwlimit 20M",
      before: {
        way: "before: rclone --bwlimit-file 5M (20M ÷ 4)",
        bytes: quarter.bytes,
        ms: await rclone(
          [
            "copyto",
            path.join(quarter.dir, "IMG_00000.jpg"),
            `${remote("a")}/before.jpg`,
            "--bwlimit-file",
            "5M",
          ],
          davRoot,
        ),
      },
    });
    process.stdout.write("bandwidth b: ten 20 MiB files at 20M…\n");
    record({
      name: "b",
      description: "ten 20 MiB files, destination limit 20M",
      bytes: ten.bytes,
      limitMiBs: 20,
      oursMs: await ours("b", { destinations: [dest("b", "20M")] }, ten.dir, ["b"]),
      rcloneMs: await rclone(["copy", ten.dir, remote("b"), "--transfers", "4", "--bwlimit", "20M"], davRoot),
      rcloneWay: "rclone copy --transfers 4 --bwlimit 20M",
    });
    process.stdout.write("bandwidth c: two destinations at 10M, global 15M…\n");
    const both = async () => {
      rmSync(davRoot, { recursive: true, force: true });
      const started = performance.now();
      await Promise.all(
        ["c1", "c2"].map((name) =>
          runQuiet("rclone", ["copy", six.dir, remote(name), "--transfers", "4", "--bwlimit", "10M"]),
        ),
      );
      return performance.now() - started;
    };
    record({
      name: "c",
      description: "six 12 MiB files to each of two destinations at 10M, global 15M",
      bytes: six.bytes * 2,
      limitMiBs: 15,
      oursMs: await ours(
        "c",
        { bandwidth: "15M", destinations: [dest("c1", "10M"), dest("c2", "10M")] },
        six.dir,
        ["c1", "c2"],
      ),
      rcloneMs: await both(),
      rcloneWay: "two rclone copy --bwlimit 10M at once",
    });
    return cases;
  } finally {
    await dav.stop();
  }
}

export function bandwidthLines(cases: readonly BandwidthCase[]): string[] {
  const rate = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);
  return cases.flatMap((c) => {
    const line = (way: string, bytes: number, ms: number) => {
      const mibs = rate(bytes, ms);
      return `  ${way.padEnd(40)} ${(ms / 1000).toFixed(1).padStart(5)} s · ${mibs.toFixed(1).padStart(5)} MiB/s · ÷ ${c.limitMiBs} MiB/s = ${(mibs / c.limitMiBs).toFixed(2)}`;
    };
    return [
      `bandwidth ${c.name}: ${c.description}`,
      line("junmai-sync upload --wait", c.bytes, c.oursMs),
      line(c.rcloneWay, c.bytes, c.rcloneMs),
      ...(c.before === undefined ? [] : [line(c.before.way, c.before.bytes, c.before.ms)]),
    ];
  });
}

async function rclone(args: readonly string[], davRoot: string): Promise<number> {
  rmSync(davRoot, { recursive: true, force: true });
  return timeCommand("rclone", args);
}

function runQuiet(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`))));
  });
}

/** A timed run that moved nothing proves nothing. */
function expectFiles(dir: string, source: string, name: string): void {
  const wanted = source.endsWith(".jpg") ? 1 : readdirSync(source).length;
  const arrived = existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length
    : 0;
  if (arrived < wanted) throw new Error(`bandwidth ${name}: ${arrived} of ${wanted} files arrived at ${dir}`);
}
