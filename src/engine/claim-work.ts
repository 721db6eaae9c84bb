/**
 * Claiming: once per poll, each destination that may start uploads (schedule-gate.ts) and has
 * a free slot (its concurrency, its health's allowance, the engine's global cap) gets jobs from
 * the store — a group's worth when its uploads may travel together, else one per free slot.
 */
import type { EngineSettings } from "../config/schema.js";
import type { Destination } from "../domain/destination.js";
import { toSyncError } from "../domain/errors.js";
import type { JobStore } from "../store/job-store.js";
import type { ActiveJobs } from "./active-jobs.js";
import type { TransportChooser } from "./choose-transport.js";
import type { Logger } from "./events.js";
import type { HealthBoard } from "./health-board.js";
import type { ScheduleGate } from "./schedule-gate.js";
import type { JobStarter } from "./start-jobs.js";
import type { StoreOutage } from "./store-outage.js";
import type { WorkerPresence } from "./worker-presence.js";

/**
 * Groups of one destination in flight beyond its concurrency (those uploading): the one getting
 * ready for the next free slots, and one checking and moving what it uploaded.
 */
const GROUPS_BEYOND_CONCURRENCY = 2;

/**
 * How long a group's copy should take at the destination's pace. A group's files are checked
 * and moved into place only once all of them are uploaded, so a group that takes long keeps its
 * files from their final names that long, and the last group's moves are what a batch waits
 * for at its end (on WebDAV each file's move is three paced requests: groups of 64 × 2 MB took
 * 300 files 12.2 s, of 16 11.3 s, against 10.0 s for rclone's own copy). Where files go fast (a
 * local disk, a NAS), a second holds hundreds of files and a group's own calls are shared by
 * them all (10 000 × 20 KB to a local folder: 8.4 s in groups of 64, 6.9 s in groups of 256).
 */
const GROUP_COPY_MS = 1000;

/**
 * A destination's groups start small and double (slow start), up to `groupFiles` and up to the
 * files its copies move in GROUP_COPY_MS at the pace seen so far (`filesPerSecond`), never below
 * what fills its upload slots. A first group of 64 kept the checks and moves idle for its whole
 * upload (1.9 s of 300 × 2 MB to WebDAV); a first group of a few files starts them at once.
 */
export function nextGroupSize(
  current: number | undefined,
  destination: Destination,
  groupFiles: number,
  filesPerSecond?: number,
): number {
  const least = Math.max(2, destination.concurrency);
  if (current === undefined) return Math.min(groupFiles, least);
  const paced =
    filesPerSecond === undefined
      ? groupFiles
      : Math.max(least, Math.round((filesPerSecond * GROUP_COPY_MS) / 1000));
  return Math.min(groupFiles, current * 2, paced);
}

export interface WorkClaimerOptions {
  readonly store: JobStore;
  readonly owner: string;
  /** The destinations now: a reloaded config changes them between polls. */
  readonly destinations: () => readonly Destination[];
  readonly settings: EngineSettings;
  /** Work on this batch only. */
  readonly batchId: number | undefined;
  /** Cap on transfers at once across all destinations. */
  readonly maxConcurrent: number | undefined;
  readonly transports: TransportChooser;
  readonly active: ActiveJobs;
  readonly gate: ScheduleGate;
  readonly health: HealthBoard;
  readonly presence: WorkerPresence;
  readonly starter: JobStarter;
  readonly outage: StoreOutage;
  readonly clock: () => number;
  readonly logger: Logger;
}

export class WorkClaimer {
  readonly #options: WorkClaimerOptions;
  /** Each busy destination's next group size; forgotten when it has nothing in flight. */
  readonly #groupSizes = new Map<string, number>();

  constructor(options: WorkClaimerOptions) {
    this.#options = options;
  }

  /** Claims work for every destination with a free slot; returns how many jobs started. */
  async fill(leaseMs: number): Promise<number> {
    const { store, owner, destinations, batchId, maxConcurrent, settings } = this.#options;
    const { active, gate, health, presence, starter, outage, clock } = this.#options;
    let started = 0;
    await gate.refresh();
    // Store trouble shows in the claim below; a missed count only delays a peer's share.
    await presence.recount(leaseMs).catch(() => undefined);
    for (const destination of destinations()) {
      const doing = health.of(destination);
      const now = clock();
      const hold = await gate.holdOf(destination, active.bytesOf(destination));
      health.noteSpace(destination, hold);
      if (hold !== null) {
        if (hold.reason === "outside-window" && destination.windowEnd === "stop") {
          this.#stopRunning(destination, "the upload window closed");
        }
        continue;
      }
      health.tick(destination, now);
      // A group takes every slot; with other hosts waiting, let one of them have the next.
      const yielding = presence.peers > 0 && now - active.lastGroupEnd(destination) < settings.pollIntervalMs;
      if (yielding) continue;
      const groupsHere = active.groupsOf(destination);
      const singlesHere = active.singlesOf(destination);
      const finishingHere = active.finishingOf(destination);
      const globalFree =
        maxConcurrent === undefined
          ? Number.POSITIVE_INFINITY
          : maxConcurrent - (active.slotsInUse() - active.slotsInUse(destination));
      // The slots this destination may use now.
      const width = Math.min(doing.allowance(now), globalFree);
      if (width <= 0) continue;
      const claim = (limit: number, exclusive: boolean) =>
        store.claim(
          {
            owner,
            destination: destination.name,
            limit,
            destinationLimit: destination.concurrency,
            exclusive,
            leaseMs,
            batchId,
          },
          clock(),
        );
      try {
        // Claimed together, jobs share the destination's slots through their groups (a lone
        // one is a group of one): none while lone uploads run, and none of those while groups
        // run. Another host busy with the destination: one job at a time, as ever.
        if (groupsHere === 0 && singlesHere === 0) this.#groupSizes.delete(destination.name);
        const size =
          this.#groupSizes.get(destination.name) ??
          nextGroupSize(undefined, destination, settings.groupFiles);
        const grouped = singlesHere === 0 && this.#groupsFit(destination) ? await claim(size, true) : [];
        if (grouped.length > 0) {
          this.#groupSizes.set(
            destination.name,
            nextGroupSize(size, destination, settings.groupFiles, active.paceOf(destination)),
          );
          starter.group(grouped, destination, width);
        }
        // A lone job gives its slot back once its bytes are sent, and the next one uploads
        // while it is checked, moved into place and recorded: at most `width` uploading, and
        // twice that in all.
        const loneRoom = Math.min(width - singlesHere, 2 * width - singlesHere - finishingHere);
        const alone =
          grouped.length === 0 && groupsHere === 0 && loneRoom > 0 ? await claim(loneRoom, false) : [];
        outage.answered();
        for (const job of alone) starter.alone(job, destination);
        started += grouped.length + alone.length;
      } catch (error) {
        const syncError = toSyncError(error, "STORE_FAILED");
        if (!syncError.temporary) throw syncError;
        outage.failed(syncError);
        return started;
      }
    }
    return started;
  }

  /**
   * Whether the destination's uploads may travel as groups: not while a daily cap must be kept
   * file by file (a group's bytes would all count at once). A bandwidth limit is no reason: the
   * destination's own rclone keeps it for a group as for lone uploads (bandwidth-budget.ts).
   */
  #groupsFit(destination: Destination): boolean {
    const { active, presence, settings, transports } = this.#options;
    // One group at a time gets ready, so the slots never wait for its checks and the queue is
    // not claimed further ahead than that. With other hosts waiting for the destination, one
    // group at a time, whole.
    const running = active.groupsOf(destination);
    const limit = presence.peers > 0 ? 1 : destination.concurrency + GROUPS_BEYOND_CONCURRENCY;
    return (
      running < limit &&
      active.waitingOf(destination) === 0 &&
      settings.groupFiles > 1 &&
      transports.groupsFor(destination) !== undefined &&
      destination.dailyCapBytes === null
    );
  }

  /** Stops the destination's running uploads; their jobs go back to the queue, attempts given back. */
  #stopRunning(destination: Destination, why: string): void {
    for (const running of this.#options.active.all()) {
      if (running.destination.name !== destination.name || running.controller.signal.aborted) continue;
      this.#options.logger.info(
        { job: running.job.id, destination: destination.name },
        `stopping upload: ${why}`,
      );
      running.controller.abort(new Error(why));
    }
  }
}
