/**
 * The transfer_rates table: what each worker's uploads to a destination move now. Each worker
 * replaces its own rows; readers keep only rows of live workers (see app/queue-status.ts).
 */
import type { Selectable } from "kysely";
import type { TransferRate } from "../job-store.js";
import { changes, type Operation, type Statement, statement } from "./operation.js";
import type { TransferRatesTable } from "./tables.js";

export type ReportedRate = Omit<TransferRate, "owner" | "updatedAt">;

export function deleteTransferRates(owner: string): Statement {
  return statement("DELETE FROM transfer_rates WHERE owner = ?", [owner]);
}

/** Inserts `rates` (non-empty) for `owner`: a few rows, one per destination. */
export function insertTransferRates(owner: string, rates: readonly ReportedRate[], now: number): Statement {
  const row = "(?, ?, ?, ?, ?, ?)";
  return statement(
    "INSERT INTO transfer_rates (owner, destination, transfers, bytes_per_second, limit_bytes_per_second, updated_at) " +
      `VALUES ${rates.map(() => row).join(", ")}`,
    rates.flatMap((rate) => [
      owner,
      rate.destination,
      rate.transfers,
      Math.round(rate.bytesPerSecond),
      rate.limitBytesPerSecond === null ? null : Math.round(rate.limitBytesPerSecond),
      now,
    ]),
  );
}

export function transferRates(): Statement<Selectable<TransferRatesTable>> {
  return statement("SELECT * FROM transfer_rates ORDER BY destination, owner", []);
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

/** Replaces what `owner` last reported of its uploads' rates (run in one transaction). */
export function* replaceTransferRates(
  owner: string,
  rates: readonly ReportedRate[],
  now: number,
): Operation<void> {
  yield* changes(deleteTransferRates(owner));
  if (rates.length > 0) yield* changes(insertTransferRates(owner, rates, now));
}
