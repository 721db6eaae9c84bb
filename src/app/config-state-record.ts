/**
 * `config-state.json` in the data directory: the config a running daemon works with (its
 * destinations, and why it refused the file's latest version, if it did), so a CLI command
 * naming a destination the daemon does not know can say so instead of waiting at 0 %.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isProcessAlive } from "../platform/process.js";
import type { ConfigFault } from "./config-fault.js";

export const CONFIG_STATE_FILE = "config-state.json";

export interface ConfigStateRecord {
  readonly pid: number;
  readonly destinations: readonly string[];
  readonly fault: ConfigFault | null;
}

export function writeConfigState(dataDir: string, record: ConfigStateRecord): void {
  const file = path.join(dataDir, CONFIG_STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(record)}\n`);
    renameSync(temporary, file);
  } catch {
    // Only a courtesy for other commands: the daemon works on without it.
  }
}

export function forgetConfigState(dataDir: string): void {
  rmSync(path.join(dataDir, CONFIG_STATE_FILE), { force: true });
}

/** What the live daemon (`pid`) works with, or undefined (no record, or another process). */
export function readConfigState(dataDir: string, pid: number): ConfigStateRecord | undefined {
  try {
    const record = JSON.parse(
      readFileSync(path.join(dataDir, CONFIG_STATE_FILE), "utf8"),
    ) as ConfigStateRecord;
    if (record.pid !== pid || !isProcessAlive(pid) || !Array.isArray(record.destinations)) return undefined;
    return record;
  } catch {
    return undefined;
  }
}

/**
 * Of `names`, the first destination the live daemon `pid` does not know, waiting up to
 * `graceMs` for it to pick up a config change first; undefined when it knows them all (or
 * keeps no record, as an older daemon does).
 */
export async function firstUnknownToDaemon(
  dataDir: string,
  pid: number,
  names: readonly string[],
  graceMs = 3_000,
): Promise<{ readonly name: string; readonly record: ConfigStateRecord } | undefined> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const record = readConfigState(dataDir, pid);
    if (record === undefined) return undefined;
    const name = names.find((candidate) => !record.destinations.includes(candidate));
    if (name === undefined) return undefined;
    if (Date.now() >= deadline) return { name, record };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
