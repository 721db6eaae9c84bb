/**
 * Retry, for jobs that wait on a destination a person had to fix (it needed attention or was
 * full): they are not failed — they wait with their attempts given back — so "retry all" must
 * bring them forward too, or they would sit out the destination's next check.
 */
import { isConfigFault } from "../domain/destination-health.js";
import type { JobStore } from "../store/job-store.js";

const PAGE = 1000;

export async function retryHeldJobs(store: JobStore, now: number): Promise<number> {
  const waiting = await store.listJobs({ states: ["retrying"], limit: PAGE });
  const held = waiting.filter((job) => {
    const code = job.lastError?.code;
    return code !== undefined && (isConfigFault(code) || code === "DESTINATION_FULL");
  });
  let moved = 0;
  for (const job of held) {
    try {
      await store.apply(job.id, { type: "retryNow" }, now);
      moved += 1;
    } catch {
      // Taken by a worker in between: it is moving already.
    }
  }
  return moved;
}
