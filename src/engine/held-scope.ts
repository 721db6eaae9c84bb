/**
 * A run "until idle" (`processQueue`, `upload --wait` without a daemon) must not wait for ever on
 * work only a person can unblock: once every job left in its scope belongs to a destination that
 * needs attention, the run ends and those jobs stay queued (held, not failed) for a later run.
 */
import type { JobStore } from "../store/job-store.js";
import type { HealthBoard } from "./health-board.js";

export async function onlyHeldWorkLeft(
  store: JobStore,
  health: HealthBoard,
  batchId: number | undefined,
): Promise<boolean> {
  const open = await store.listJobs({ batchId, states: ["pending", "retrying"], limit: 1000 });
  if (open.length === 0) return false;
  return open.every((job) => health.needsAttention(job.destination));
}
