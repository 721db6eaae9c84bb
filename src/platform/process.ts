/** Facts about processes on this machine, usable from any layer. */
import { readFileSync } from "node:fs";

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
  return !isZombie(pid);
}

/**
 * A process that has exited but not been reaped yet still answers signal 0. An orphan (its
 * parent killed) waits for whoever adopts it to reap it — in some containers, long — yet it
 * runs no more. Linux says so in /proc; elsewhere, assume it is running.
 */
function isZombie(pid: number): boolean {
  if (process.platform !== "linux") return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) S …": the name may hold spaces and parentheses; the state follows the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}
