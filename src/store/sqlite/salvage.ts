/**
 * Reads every row it can from a damaged SQLite queue into a fresh one. better-sqlite3 has no
 * `.recover`, so each table is read by rowid ranges; a range that fails is split in halves down
 * to single rows, and a row that cannot be read is counted as lost. Derived data (the counts kept
 * by triggers) is rebuilt by the fresh database's own triggers, not copied.
 */
import BetterSqlite3 from "better-sqlite3";

/** Tables worth saving, in an order that keeps foreign keys satisfied (batches before jobs). */
const TABLES = ["batches", "jobs", "deliveries", "pauses", "bandwidth_limits"] as const;
const CHUNK = 500;
/** A table whose max(rowid) cannot be read is scanned up to this many empty-or-broken ranges. */
const BLIND_RANGES = 200;

export interface SalvageResult {
  readonly recovered: number;
  readonly lost: number;
  readonly perTable: Readonly<Record<string, { recovered: number; lost: number }>>;
}

export function salvage(damagedFile: string, freshFile: string): SalvageResult {
  const perTable: Record<string, { recovered: number; lost: number }> = {};
  let damaged: BetterSqlite3.Database;
  try {
    damaged = new BetterSqlite3(damagedFile, { readonly: true, fileMustExist: true });
    damaged.pragma("schema_version");
  } catch {
    // Not a database at all (or its first page is gone): nothing can be read.
    return { recovered: 0, lost: 0, perTable };
  }
  const fresh = new BetterSqlite3(freshFile);
  try {
    fresh.pragma("foreign_keys = OFF");
    for (const table of TABLES) perTable[table] = copyTable(damaged, fresh, table);
  } finally {
    damaged.close();
    fresh.close();
  }
  const totals = Object.values(perTable);
  return {
    recovered: totals.reduce((sum, t) => sum + t.recovered, 0),
    lost: totals.reduce((sum, t) => sum + t.lost, 0),
    perTable,
  };
}

function columnsOf(db: BetterSqlite3.Database, table: string): string[] {
  try {
    return (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);
  } catch {
    return [];
  }
}

function copyTable(
  damaged: BetterSqlite3.Database,
  fresh: BetterSqlite3.Database,
  table: string,
): { recovered: number; lost: number } {
  // Columns both know: a damaged file of an older schema still gives what it has.
  const wanted = new Set(columnsOf(fresh, table));
  const columns = columnsOf(damaged, table).filter((column) => wanted.has(column));
  if (columns.length === 0) return { recovered: 0, lost: 0 };
  const list = columns.map((column) => `"${column}"`).join(", ");
  const withoutRowid = isWithoutRowid(damaged, table);
  const insert = fresh.prepare(
    `INSERT OR IGNORE INTO ${table} (${list}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  const result = { recovered: 0, lost: 0 };
  const save = fresh.transaction((rows: unknown[][]) => {
    for (const row of rows) result.recovered += insert.run(...row).changes;
  });
  if (withoutRowid) {
    // Small settings tables: all or nothing.
    try {
      save(damaged.prepare(`SELECT ${list} FROM ${table}`).raw().all() as unknown[][]);
    } catch {
      result.lost += 1;
    }
    return result;
  }
  const range = damaged.prepare(`SELECT ${list} FROM ${table} WHERE rowid BETWEEN ? AND ?`).raw();
  const read = (from: number, to: number): void => {
    try {
      save(range.all(from, to) as unknown[][]);
    } catch {
      if (from === to) {
        result.lost += 1;
        return;
      }
      const middle = Math.floor((from + to) / 2);
      read(from, middle);
      read(middle + 1, to);
    }
  };
  const max = maxRowid(damaged, table);
  if (max !== null) {
    for (let from = 1; from <= max; from += CHUNK) read(from, Math.min(max, from + CHUNK - 1));
    return result;
  }
  // The index of the table is damaged too: walk ranges until many in a row hold nothing.
  let empty = 0;
  for (let from = 1; empty < BLIND_RANGES; from += CHUNK) {
    const before = result.recovered;
    read(from, from + CHUNK - 1);
    empty = result.recovered === before ? empty + 1 : 0;
  }
  return result;
}

function maxRowid(db: BetterSqlite3.Database, table: string): number | null {
  try {
    const row = db.prepare(`SELECT max(rowid) AS max FROM ${table}`).get() as { max: number | null };
    return row.max ?? 0;
  } catch {
    return null;
  }
}

function isWithoutRowid(db: BetterSqlite3.Database, table: string): boolean {
  try {
    const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as
      | { sql: string }
      | undefined;
    return /WITHOUT ROWID/i.test(row?.sql ?? "");
  } catch {
    return false;
  }
}
