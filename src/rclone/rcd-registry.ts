/**
 * After a `kill -9` of our process its `rclone rcd` child lives on, possibly still writing a
 * file. Each rcd we start is recorded in the data directory; the next start stops every rcd
 * whose owner is gone before any new transfer can race it.
 */
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "../platform/process.js";

const DIR = "rcd";

interface RcdRecord {
  readonly ownerPid: number;
  readonly rcdPid: number;
}

export async function recordRcd(dataDir: string, record: RcdRecord): Promise<string> {
  const dir = path.join(dataDir, DIR);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${record.ownerPid}-${record.rcdPid}.json`);
  await writeFile(file, JSON.stringify(record), { mode: 0o600 });
  return file;
}

export async function forgetRcd(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Stops rcd processes left behind by owners that died; returns the PIDs it stopped. */
export async function reapOrphanRcds(dataDir: string): Promise<number[]> {
  const dir = path.join(dataDir, DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const reaped: number[] = [];
  for (const name of names.filter((entry) => entry.endsWith(".json"))) {
    const file = path.join(dir, name);
    let record: RcdRecord;
    try {
      record = JSON.parse(await readFile(file, "utf8")) as RcdRecord;
    } catch {
      await rm(file, { force: true });
      continue;
    }
    if (isProcessAlive(record.ownerPid)) continue;
    if (isProcessAlive(record.rcdPid) && looksLikeRclone(record.rcdPid)) {
      try {
        process.kill(record.rcdPid, "SIGKILL");
        reaped.push(record.rcdPid);
      } catch {
        // Gone in between: nothing to stop.
      }
    }
    await rm(file, { force: true });
  }
  return reaped;
}

/** Guards against a recycled PID: on Linux, only stop it if it is an rclone process. */
function looksLikeRclone(pid: number): boolean {
  if (process.platform !== "linux") return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("rclone");
  } catch {
    return false;
  }
}
