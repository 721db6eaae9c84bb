/**
 * `junmai-sync repair`: a damaged queue is never replaced silently. This keeps the damaged file
 * (with its WAL) next to it in the data dir, reads every row it can into a fresh queue
 * (store/sqlite/salvage.ts), and only then puts the fresh queue in its place. It refuses while
 * a daemon has the queue open, and does nothing to a healthy queue.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import { quickCheck } from "../store/sqlite/integrity.js";
import { salvage } from "../store/sqlite/salvage.js";
import { DATABASE_FILE, SqliteJobStore } from "../store/sqlite/sqlite-job-store.js";
import { readDaemonLock } from "./daemon-lock.js";
import { readServerRecord } from "./server-record.js";

export interface RepairReport {
  readonly file: string;
  /** Where the damaged file was kept; null when the queue was healthy. */
  readonly aside: string | null;
  readonly recovered: number;
  readonly lost: number;
  readonly perTable: Readonly<Record<string, { recovered: number; lost: number }>>;
}

export async function repairQueue(dataDir: string, now: number = Date.now()): Promise<RepairReport> {
  const file = path.join(dataDir, DATABASE_FILE);
  // The daemon's lock says whether one has the queue open (its dashboard record, if it has none).
  const lock = readDaemonLock(dataDir);
  const pid = lock.kind === "held" ? lock.holder.pid : readServerRecord(dataDir)?.pid;
  if (pid !== undefined) {
    throw new SyncError("STORE_LOCKED", say("faults.repairRunning", { pid }), {
      hint: "Stop it (Ctrl-C, or `systemctl --user stop junmai-sync`), then run `junmai-sync repair` again.",
    });
  }
  if (!existsSync(file) || isHealthy(file)) return { file, aside: null, recovered: 0, lost: 0, perTable: {} };

  const aside = path.join(
    dataDir,
    `${DATABASE_FILE}.damaged-${new Date(now).toISOString().replace(/[:.]/g, "-")}`,
  );
  copyFileSync(file, aside);
  for (const suffix of ["-wal", "-shm"]) {
    if (existsSync(file + suffix)) copyFileSync(file + suffix, aside + suffix);
  }
  const fresh = path.join(dataDir, `${DATABASE_FILE}.repairing`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(fresh + suffix, { force: true });
  // The fresh queue gets today's schema (and its triggers) before any row arrives.
  await (await SqliteJobStore.openFile(fresh, { now: () => now })).close();
  const result = salvage(aside, fresh);
  // Only now does the damaged file leave its place (its copy stays aside).
  for (const suffix of ["-wal", "-shm"]) rmSync(file + suffix, { force: true });
  renameSync(fresh, file);
  return { file, aside, ...result };
}

/** Opens read-only and runs quick_check; anything that throws or reports a problem is damage. */
function isHealthy(file: string): boolean {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    return quickCheck(db).length === 0;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
