/**
 * What the processes sharing a queue tell each other besides the jobs: pauses, live bandwidth
 * limits, each destination's health and the workers present. Written once for both dialects.
 */
import type { Selectable } from "kysely";
import type { DestinationStatus } from "../../domain/destination-health.js";
import type { WorkerRecord } from "../job-store.js";
import type { SqlDialect } from "./dialect.js";
import { changes, type Operation, type Statement, statement } from "./operation.js";
import { statusRow } from "./rows.js";
import type { BandwidthLimitsTable, DestinationStatusTable, PausesTable, WorkersTable } from "./tables.js";

/** Pauses `scope` (keeping the time of an earlier pause), or lifts its pause. */
export function setPaused(scope: string, paused: boolean, now: number): Statement {
  return paused
    ? statement("INSERT INTO pauses (scope, since) VALUES (?, ?) ON CONFLICT (scope) DO NOTHING", [
        scope,
        now,
      ])
    : statement("DELETE FROM pauses WHERE scope = ?", [scope]);
}

/** Pauses or resumes `scope`; resuming is new work for every worker, so they are woken. */
export function* pauseOrResume(
  dialect: SqlDialect,
  scope: string,
  paused: boolean,
  now: number,
): Operation<void> {
  yield* changes(setPaused(scope, paused, now));
  if (!paused) yield* dialect.wake();
}

export function pauses(): Statement<Selectable<PausesTable>> {
  return statement("SELECT * FROM pauses ORDER BY scope", []);
}

/** Sets a live limit (null: no limit), or removes it (undefined: back to the config's). */
export function setBandwidthOverride(
  scope: string,
  bytesPerSecond: number | null | undefined,
  now: number,
): Statement {
  return bytesPerSecond === undefined
    ? statement("DELETE FROM bandwidth_limits WHERE scope = ?", [scope])
    : statement(
        "INSERT INTO bandwidth_limits (scope, bytes_per_second, since) VALUES (?, ?, ?) " +
          "ON CONFLICT (scope) DO UPDATE SET bytes_per_second = excluded.bytes_per_second, since = excluded.since",
        [scope, bytesPerSecond, now],
      );
}

export function bandwidthOverrides(): Statement<Selectable<BandwidthLimitsTable>> {
  return statement("SELECT * FROM bandwidth_limits ORDER BY scope", []);
}

const STATUS_COLUMNS = [
  "destination",
  "condition",
  "error_code",
  "error_message",
  "error_hint",
  "error_detail",
  "error_says",
  "since",
  "until",
  "concurrency",
  "updated_at",
] as const;

const SET_STATUS =
  `INSERT INTO destination_status (${STATUS_COLUMNS.join(", ")}) VALUES (${STATUS_COLUMNS.map(() => "?").join(", ")}) ` +
  `ON CONFLICT (destination) DO UPDATE SET ${STATUS_COLUMNS.slice(1)
    .map((column) => `${column} = excluded.${column}`)
    .join(", ")}`;

/** Records a destination's health, replacing what was recorded before. */
export function setDestinationStatus(status: DestinationStatus, now: number): Statement {
  const row = statusRow(status, now);
  return statement(
    SET_STATUS,
    STATUS_COLUMNS.map((column) => row[column] ?? null),
  );
}

/** Registers a worker, or refreshes its heartbeat when it is registered already. */
export function upsertWorker(worker: WorkerRecord): Statement {
  return statement(
    "INSERT INTO workers (owner, host, pid, kind, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?) " +
      "ON CONFLICT (owner) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
    [worker.owner, worker.host, worker.pid, worker.kind, worker.startedAt, worker.heartbeatAt],
  );
}

export function destinationStatuses(): Statement<Selectable<DestinationStatusTable>> {
  return statement("SELECT * FROM destination_status ORDER BY destination", []);
}

export function removeWorker(owner: string): Statement {
  return statement("DELETE FROM workers WHERE owner = ?", [owner]);
}

export function workers(): Statement<Selectable<WorkersTable>> {
  return statement("SELECT * FROM workers ORDER BY started_at", []);
}
