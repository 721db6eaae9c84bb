/**
 * What the processes sharing a queue tell each other besides the jobs: pauses, live bandwidth
 * limits, each destination's health and the workers present. Built once for both dialects.
 */
import type { Kysely } from "kysely";
import type { DestinationStatus } from "../../domain/destination-health.js";
import type { WorkerRecord } from "../job-store.js";
import { statusRow } from "./rows.js";
import type { Database } from "./tables.js";

type Db = Kysely<Database>;

/** Pauses `scope` (keeping the time of an earlier pause), or lifts its pause. */
export function setPaused(db: Db, scope: string, paused: boolean, now: number) {
  return paused
    ? db
        .insertInto("pauses")
        .values({ scope, since: now })
        .onConflict((conflict) => conflict.column("scope").doNothing())
    : db.deleteFrom("pauses").where("scope", "=", scope);
}

export function pauses(db: Db) {
  return db.selectFrom("pauses").selectAll().orderBy("scope");
}

/** Sets a live limit (null: no limit), or removes it (undefined: back to the config's). */
export function setBandwidthOverride(
  db: Db,
  scope: string,
  bytesPerSecond: number | null | undefined,
  now: number,
) {
  return bytesPerSecond === undefined
    ? db.deleteFrom("bandwidth_limits").where("scope", "=", scope)
    : db
        .insertInto("bandwidth_limits")
        .values({ scope, bytes_per_second: bytesPerSecond, since: now })
        .onConflict((conflict) =>
          conflict.column("scope").doUpdateSet({ bytes_per_second: bytesPerSecond, since: now }),
        );
}

export function bandwidthOverrides(db: Db) {
  return db.selectFrom("bandwidth_limits").selectAll().orderBy("scope");
}

/** Records a destination's health, replacing what was recorded before. */
export function setDestinationStatus(db: Db, status: DestinationStatus, now: number) {
  const row = statusRow(status, now);
  const { destination: _destination, ...update } = row;
  return db
    .insertInto("destination_status")
    .values(row)
    .onConflict((conflict) => conflict.column("destination").doUpdateSet(update));
}

/** Registers a worker, or refreshes its heartbeat when it is registered already. */
export function upsertWorker(db: Db, worker: WorkerRecord) {
  return db
    .insertInto("workers")
    .values({
      owner: worker.owner,
      host: worker.host,
      pid: worker.pid,
      kind: worker.kind,
      started_at: worker.startedAt,
      heartbeat_at: worker.heartbeatAt,
    })
    .onConflict((conflict) => conflict.column("owner").doUpdateSet({ heartbeat_at: worker.heartbeatAt }));
}

export function destinationStatuses(db: Db) {
  return db.selectFrom("destination_status").selectAll().orderBy("destination");
}

export function removeWorker(db: Db, owner: string) {
  return db.deleteFrom("workers").where("owner", "=", owner);
}

export function workers(db: Db) {
  return db.selectFrom("workers").selectAll().orderBy("started_at");
}
