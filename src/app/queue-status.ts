/**
 * The queue as `status`, the dashboard and the API show it: counts, each destination with its
 * health (as the workers find it), hold and bandwidth, the live workers on every host, and the
 * jobs moving now.
 */
import type { ResolvedConfig } from "../config/resolve.js";
import type { BandwidthInForce, Hold } from "../domain/destination-schedule.js";
import type { Job, StateCounts } from "../domain/job.js";
import { parseOwnerId } from "../engine/owner.js";
import { hostId } from "../platform/host.js";
import { isProcessAlive } from "../platform/process.js";
import type { JobStore, StoredDestinationStatus, TransferRate, WorkerRecord } from "../store/job-store.js";
import type { ConfigFault } from "./config-fault.js";
import { type ConfigStatus, readConfigStatus } from "./config-status.js";
import { type DataDirSpace, dataDirSpace } from "./data-dir-space.js";
import { readScheduleStatus } from "./schedule-status.js";

export interface QueueStatus {
  readonly counts: StateCounts;
  readonly destinations: readonly {
    readonly name: string;
    readonly kind: string;
    readonly basePath: string;
    /** A local destination's folder on disk (where to look for the files), else null. */
    readonly folder: string | null;
    /** How the workers find it (offline, rate-limited …); null while no worker is running. */
    readonly health: StoredDestinationStatus | null;
    /** Why it may not start uploads now by its schedule (paused, outside its window, daily cap), or null. */
    readonly hold: Hold | null;
    /** Its own bandwidth limit now, or null when it has none. */
    readonly bandwidth: BandwidthInForce | null;
    /** What its uploads move now, over every worker; null while none runs. */
    readonly rate: DestinationRate | null;
  }[];
  /** Since when every destination is paused (`junmai-sync pause`), or null. */
  readonly pausedSince: number | null;
  /** The limit on all uploads together now, and when the timetable next changes it; null: none set. */
  readonly bandwidth: BandwidthInForce | null;
  readonly daemon: WorkerRecord | null;
  /** Every live worker on every host sharing this queue. */
  readonly workers: readonly WorkerRecord[];
  /**
   * The jobs in state `uploading`, split: `sending` is what rclone sends now (at most each
   * destination's concurrency per live worker), `waiting` the rest of the groups claimed with
   * them, waiting their turn inside rclone. People read the first as uploading, the second as
   * pending; `counts` stays the states as stored.
   */
  readonly transfers: { readonly sending: number; readonly waiting: number };
  /** Jobs moving now (at most 50), each with the host running it. */
  readonly active: readonly { readonly job: Job; readonly host: string | null }[];
  /** The config file's refusal, if any, and destinations removed while their jobs wait. */
  readonly config: ConfigStatus;
  /** The disk under this computer's data directory; `full`: no new work is taken. */
  readonly dataDir: DataDirSpace | null;
}

/** "20 MiB/s limit · 19.6 MiB/s now": a destination's uploads right now, all workers together. */
export interface DestinationRate {
  readonly bytesPerSecond: number;
  /** Uploads sending bytes. */
  readonly uploads: number;
  /**
   * The limit they are held to now: the destination's own rate, or less while the global limit
   * is shared with other destinations' uploads; null: none.
   */
  readonly limitBytesPerSecond: number | null;
}

/** Workers report every 2 s while they upload; an older report is of uploads that stopped. */
const RATE_FRESH_MS = 10_000;

export interface StatusSources {
  readonly store: JobStore;
  readonly config: ResolvedConfig;
  readonly clock: () => number;
  readonly configFault?: ConfigFault | null;
  readonly dataDir?: string | undefined;
}

export async function readQueueStatus(sources: StatusSources): Promise<QueueStatus> {
  const { store, config, clock } = sources;
  const workers = await liveWorkers(sources);
  // A stopped worker's last word ("offline") says nothing about now; each run rewrites it.
  const health =
    workers.length === 0
      ? new Map<string, StoredDestinationStatus>()
      : new Map((await store.listDestinationStatus()).map((status) => [status.destination, status]));
  const schedule = await readScheduleStatus(store, config, clock());
  const rates = ratesByDestination(await store.listTransferRates(), workers, clock());
  const destinations = config.destinations.map((d) => ({
    name: d.name,
    kind: d.kind,
    basePath: d.basePath,
    folder: d.kind === "local" ? d.root : null,
    health: health.get(d.name) ?? null,
    hold: schedule.destinations.get(d.name)?.hold ?? null,
    bandwidth: schedule.destinations.get(d.name)?.bandwidth ?? null,
    rate: rates.get(d.name) ?? null,
  }));
  const daemon = workers.find((worker) => worker.kind === "daemon") ?? null;
  const counts = await store.counts();
  return {
    config: await readConfigStatus({
      store,
      config,
      ownFault: sources.configFault ?? null,
      dataDir: sources.dataDir,
      daemon,
    }),
    counts,
    transfers: await splitTransfers(store, config, counts.uploading, workers.length),
    destinations,
    pausedSince: schedule.pausedSince,
    bandwidth: schedule.bandwidth,
    daemon,
    workers,
    active: (await store.listJobs({ states: ["uploading", "verifying"], limit: 50 })).map((job) => ({
      job,
      host: job.leaseOwner === null ? null : (parseOwnerId(job.leaseOwner)?.host ?? null),
    })),
    dataDir: sources.dataDir === undefined ? null : await dataDirSpace(sources.dataDir),
  };
}

/** The fresh reports of live workers, summed per destination (each host's limit is its part). */
function ratesByDestination(
  reports: readonly TransferRate[],
  workers: readonly WorkerRecord[],
  now: number,
): Map<string, DestinationRate> {
  const live = new Set(workers.map((worker) => worker.owner));
  const rates = new Map<string, DestinationRate>();
  for (const report of reports) {
    if (!live.has(report.owner) || now - report.updatedAt > RATE_FRESH_MS || report.transfers === 0) continue;
    const sum = rates.get(report.destination);
    rates.set(report.destination, {
      bytesPerSecond: (sum?.bytesPerSecond ?? 0) + report.bytesPerSecond,
      uploads: (sum?.uploads ?? 0) + report.transfers,
      limitBytesPerSecond:
        sum === undefined
          ? report.limitBytesPerSecond
          : sum.limitBytesPerSecond === null || report.limitBytesPerSecond === null
            ? null
            : sum.limitBytesPerSecond + report.limitBytesPerSecond,
    });
  }
  return rates;
}

/** Workers whose heartbeat is fresh (and, on this host, whose process exists). */
export async function liveWorkers(sources: StatusSources): Promise<WorkerRecord[]> {
  const now = sources.clock();
  const staleAfter = sources.config.engine.leaseSeconds * 1000;
  const workers = await sources.store.listWorkers();
  return workers.filter(
    (worker) =>
      now - worker.heartbeatAt < staleAfter && (worker.host !== hostId() || isProcessAlive(worker.pid)),
  );
}

/** How many of the uploading jobs rclone can be sending at once, destination by destination. */
async function splitTransfers(
  store: JobStore,
  config: ResolvedConfig,
  uploading: number,
  workers: number,
): Promise<QueueStatus["transfers"]> {
  if (uploading === 0) return { sending: 0, waiting: 0 };
  const perDestination = new Map<string, number>();
  for (const job of await store.listJobs({ states: ["uploading"], limit: MAX_LISTED })) {
    perDestination.set(job.destination, (perDestination.get(job.destination) ?? 0) + 1);
  }
  let sending = 0;
  for (const [name, claimed] of perDestination) {
    const concurrency = config.destinations.find((d) => d.name === name)?.concurrency ?? claimed;
    sending += Math.min(claimed, concurrency * Math.max(1, workers));
  }
  // Past the listing's page everything counts as waiting: a thousand claimed are not all sent.
  return { sending, waiting: Math.max(0, uploading - sending) };
}

const MAX_LISTED = 1000;

/** Counts as people read them: uploading = being sent now, pending = everything else not started. */
export function countsAsShown(status: Pick<QueueStatus, "counts" | "transfers">): StateCounts {
  return {
    ...status.counts,
    uploading: status.transfers.sending,
    pending: status.counts.pending + status.transfers.waiting,
  };
}
