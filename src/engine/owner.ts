/**
 * A lease owner names one worker: `host:pid:random`. The host and PID let a worker on the same
 * machine see at once that an owner died (no need to wait for its lease to expire); the random
 * part keeps two workers in one process, or a recycled PID, apart.
 */
import { randomBytes } from "node:crypto";
import { hostId } from "../platform/host.js";
import { isProcessAlive } from "../platform/process.js";

export function newOwnerId(host = hostId(), pid = process.pid): string {
  return `${host}:${pid}:${randomBytes(4).toString("hex")}`;
}

export function parseOwnerId(owner: string): { host: string; pid: number } | undefined {
  const last = owner.lastIndexOf(":");
  const middle = owner.lastIndexOf(":", last - 1);
  if (middle <= 0) return undefined;
  const pid = Number(owner.slice(middle + 1, last));
  return Number.isInteger(pid) && pid > 0 ? { host: owner.slice(0, middle), pid } : undefined;
}

/** Owners on this host whose process is gone; their leases can be recovered at once. */
export function deadLocalOwners(owners: readonly string[], host = hostId()): string[] {
  return owners.filter((owner) => {
    const parsed = parseOwnerId(owner);
    return (
      parsed !== undefined &&
      parsed.host === host &&
      parsed.pid !== process.pid &&
      !isProcessAlive(parsed.pid)
    );
  });
}
