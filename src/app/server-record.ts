/**
 * `server.json` in the data directory: where a running daemon serves its dashboard, so
 * `junmai-sync token --url` can point at it (the port may have been chosen at start).
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isProcessAlive } from "../platform/process.js";

export const SERVER_RECORD_FILE = "server.json";

export interface ServerRecord {
  readonly url: string;
  readonly pid: number;
}

export function writeServerRecord(dataDir: string, record: ServerRecord): () => void {
  const file = path.join(dataDir, SERVER_RECORD_FILE);
  writeFileSync(file, `${JSON.stringify(record)}\n`);
  return () => rmSync(file, { force: true });
}

/** The live daemon's server, or undefined (none recorded, or its process is gone). */
export function readServerRecord(dataDir: string): ServerRecord | undefined {
  try {
    const record = JSON.parse(
      readFileSync(path.join(dataDir, SERVER_RECORD_FILE), "utf8"),
    ) as Partial<ServerRecord>;
    if (typeof record.url !== "string" || typeof record.pid !== "number") return undefined;
    return isProcessAlive(record.pid) ? { url: record.url, pid: record.pid } : undefined;
  } catch {
    return undefined;
  }
}
