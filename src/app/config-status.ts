/**
 * The config's side of `status`: why the daemon refused the file's latest version (its own
 * fault, or the running daemon's as it recorded it), and the destinations that left the config
 * while jobs for them still wait ("destination removed from config": they stay queued and run
 * once a destination of that name is back).
 */
import type { ResolvedConfig } from "../config/resolve.js";
import type { JobStore, WorkerRecord } from "../store/job-store.js";
import type { ConfigFault } from "./config-fault.js";
import { readConfigState } from "./config-state-record.js";

export interface ConfigStatus {
  /** Why the config file's latest version is not in force (the daemon runs the previous one), or null. */
  readonly fault: ConfigFault | null;
  /** Destinations no longer in the config whose jobs still wait, with how many (counted up to 1000). */
  readonly removedDestinations: readonly { readonly name: string; readonly waiting: number }[];
}

/** Waiting jobs read to find removed destinations; enough to name them, not to count a backlog. */
const SCAN_LIMIT = 1000;

export async function readConfigStatus(sources: {
  readonly store: JobStore;
  readonly config: ResolvedConfig;
  readonly ownFault: ConfigFault | null;
  readonly dataDir: string | undefined;
  readonly daemon: WorkerRecord | null;
}): Promise<ConfigStatus> {
  const known = new Set(sources.config.destinations.map((d) => d.name));
  const waiting = await sources.store.listJobs({ states: ["pending", "retrying"], limit: SCAN_LIMIT });
  const removed = new Map<string, number>();
  for (const job of waiting) {
    if (!known.has(job.destination)) removed.set(job.destination, (removed.get(job.destination) ?? 0) + 1);
  }
  const daemonFault =
    sources.daemon === null || sources.dataDir === undefined
      ? null
      : (readConfigState(sources.dataDir, sources.daemon.pid)?.fault ?? null);
  return {
    fault: sources.ownFault ?? daemonFault,
    removedDestinations: [...removed].map(([name, count]) => ({ name, waiting: count })),
  };
}
