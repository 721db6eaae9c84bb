/**
 * `PRAGMA quick_check` on the queue: run when the daemon starts and by `doctor`, never on every
 * CLI command (it reads every page: seconds on a large queue, and `status` must stay fast).
 */
import type BetterSqlite3 from "better-sqlite3";
import { SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";

/** The problems quick_check reports (none: an empty list). */
export function quickCheck(db: BetterSqlite3.Database): string[] {
  const rows = db.pragma("quick_check") as { quick_check: string }[];
  return rows.map((row) => row.quick_check).filter((line) => line !== "ok");
}

export function integrityError(file: string, problems: readonly string[]): SyncError {
  return new SyncError(
    "STORE_CORRUPT",
    say("faults.storeCheckFailed", { file, problem: problems[0] ?? "" }),
    {
      detail: problems.slice(0, 10).join("\n"),
    },
  );
}
