/** Opens the store the config names: SQLite in the data directory, or a shared PostgreSQL schema. */
import type { StoreSettings } from "../config/schema.js";
import type { JobStore } from "../store/job-store.js";
import { SqliteJobStore } from "../store/sqlite/sqlite-job-store.js";

export async function openStore(settings: StoreSettings, dataDir: string): Promise<JobStore> {
  if (settings.type === "postgres") {
    // Loaded only for a studio's shared queue: every command's start-up would pay for pg.
    const { PostgresJobStore } = await import("../store/postgres/postgres-job-store.js");
    return PostgresJobStore.open({ url: settings.url, schema: settings.schema });
  }
  return SqliteJobStore.open(dataDir);
}

/** Where the queue lives, for people: never the password. */
export function describeStore(settings: StoreSettings, dataDir: string): string {
  if (settings.type === "postgres") {
    const url = new URL(settings.url);
    return `postgres://${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.host}${url.pathname} (schema ${settings.schema})`;
  }
  return `${dataDir} (SQLite)`;
}
