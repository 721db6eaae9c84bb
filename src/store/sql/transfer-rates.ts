/**
 * The transfer_rates table: what each worker's uploads to a destination move now. Each worker
 * replaces its own rows; readers keep only rows of live workers (see app/queue-status.ts).
 */
import type { Kysely, Selectable } from "kysely";
import type { TransferRate } from "../job-store.js";
import type { Database, TransferRatesTable } from "./tables.js";

export type ReportedRate = Omit<TransferRate, "owner" | "updatedAt">;

export function deleteTransferRates(db: Kysely<Database>, owner: string) {
  return db.deleteFrom("transfer_rates").where("owner", "=", owner);
}

/** Inserts `rates` (non-empty) for `owner`. */
export function insertTransferRates(
  db: Kysely<Database>,
  owner: string,
  rates: readonly ReportedRate[],
  now: number,
) {
  return db.insertInto("transfer_rates").values(
    rates.map((rate) => ({
      owner,
      destination: rate.destination,
      transfers: rate.transfers,
      bytes_per_second: Math.round(rate.bytesPerSecond),
      limit_bytes_per_second: rate.limitBytesPerSecond === null ? null : Math.round(rate.limitBytesPerSecond),
      updated_at: now,
    })),
  );
}

export function transferRates(db: Kysely<Database>) {
  return db.selectFrom("transfer_rates").selectAll().orderBy("destination").orderBy("owner");
}

export function rowToTransferRate(row: Selectable<TransferRatesTable>): TransferRate {
  return {
    owner: row.owner,
    destination: row.destination,
    transfers: Number(row.transfers),
    bytesPerSecond: Number(row.bytes_per_second),
    limitBytesPerSecond: row.limit_bytes_per_second === null ? null : Number(row.limit_bytes_per_second),
    updatedAt: Number(row.updated_at),
  };
}
