/**
 * The engine's view of the schedule its owner set: which destinations may start uploads now
 * (pauses from the store, upload windows, daily caps — see domain/destination-schedule.ts), and
 * the bandwidth limits in force — global and per destination, live or by timetable — handed to
 * the bandwidth budget (bandwidth-budget.ts) as they move. Reads the store at most once per
 * poll (pauses, live limits, other hosts' uploads) and once every few seconds per capped
 * destination (bytes sent).
 */
import type { Destination } from "../domain/destination.js";
import {
  bandwidthAt,
  capPeriod,
  type Hold,
  type HoldInputs,
  holdOf,
} from "../domain/destination-schedule.js";
import type { Timetable } from "../domain/schedule.js";
import { ALL_DESTINATIONS, type JobStore } from "../store/job-store.js";
import { BandwidthBudget } from "./bandwidth-budget.js";
import type { Logger } from "./events.js";
import type { Transport } from "./transport.js";

/** How long the bytes a destination received this period are trusted before being read again. */
const SENT_BYTES_TTL_MS = 5_000;
/** How often a destination's free space is asked for (an API call at most providers). */
export const SPACE_CHECK_MS = 60_000;
/** Another host's report of its uploads counts while younger than this (they report every 2 s). */
const PEER_RATE_FRESH_MS = 10_000;

export interface ScheduleGateOptions {
  readonly store: JobStore;
  readonly transport: Transport;
  readonly timeZone: string;
  readonly bandwidth: Timetable | null;
  readonly destinations: readonly Destination[];
  /** This engine's owner id: other owners' uploads to a destination share its rate. */
  readonly owner: string;
  readonly clock: () => number;
  readonly logger: Logger;
  /** Told when the store does not answer (the engine waits for it). */
  readonly onStoreError: (error: unknown) => void;
}

export class ScheduleGate {
  #options: ScheduleGateOptions;
  /** Pauses and live bandwidth limits as last read (kept while the store does not answer). */
  #pauses = new Map<string, number>();
  #overrides = new Map<string, { bytesPerSecond: number | null }>();
  readonly #sent = new Map<string, { periodStart: number; bytes: number; readAt: number }>();
  readonly #holds = new Map<string, Hold["reason"]>();
  readonly #space = new Map<string, { freeBytes: number | null; neededBytes: number; checkedAt: number }>();
  /** Whether a global limit was ever in force (then "none" must be set, not left alone). */
  #globalSet = false;
  /** The limits in force, shared among the destinations' uploads. */
  readonly budget: BandwidthBudget;

  constructor(options: ScheduleGateOptions) {
    this.#options = options;
    const { transport } = options;
    this.budget = new BandwidthBudget(
      transport.setBandwidth === undefined
        ? undefined
        : async (destination, rate) => {
            await transport.setBandwidth?.(rate, AbortSignal.timeout(10_000), destination);
          },
      options.logger,
    );
  }

  /** A reloaded config's destinations and global timetable, in force from the next poll. */
  reconfigure(change: Pick<ScheduleGateOptions, "bandwidth" | "destinations">): void {
    this.#options = { ...this.#options, bandwidth: change.bandwidth, destinations: change.destinations };
  }

  /** Once per poll: read pauses and live limits, and move the limits along their timetables. */
  async refresh(): Promise<void> {
    const { store } = this.#options;
    try {
      const [pauses, overrides] = await Promise.all([store.listPauses(), store.listBandwidthOverrides()]);
      this.#pauses = new Map(pauses.map((pause) => [pause.scope, pause.since]));
      this.#overrides = new Map(overrides.map((override) => [override.scope, override]));
      await this.#readPeerUploads();
    } catch (error) {
      this.#options.onStoreError(error);
    }
    this.#setLimits();
    await this.budget.rebalance();
  }

  /**
   * Why `destination` may not start uploads now, or null. `runningBytes`: the sizes of its
   * uploads in flight, which count against a daily cap before they finish.
   */
  async holdOf(destination: Destination, runningBytes: number): Promise<Hold | null> {
    const now = this.#options.clock();
    const { timeZone } = this.#options;
    // Cheapest first: a pause or a closed window needs no I/O, a cap a store read, free space
    // a call to the provider; each is asked only when the ones before let uploads through.
    let inputs: HoldInputs = {
      pausedSince: this.#pauses.get(destination.name) ?? null,
      allPausedSince: this.#pauses.get(ALL_DESTINATIONS) ?? null,
      sentBytes: 0,
    };
    let hold = holdOf(destination, inputs, now, timeZone);
    if (hold === null && destination.dailyCapBytes !== null) {
      inputs = { ...inputs, sentBytes: (await this.#sentBytes(destination, now)) + runningBytes };
      hold = holdOf(destination, inputs, now, timeZone);
    }
    if (hold === null) {
      const space = await this.#spaceOf(destination, now, runningBytes);
      if (space !== undefined) hold = holdOf(destination, { ...inputs, space }, now, timeZone);
    }
    this.#logChange(destination, hold);
    return hold;
  }

  /** A finished upload moves bytes from running to sent: read the count again next time. */
  uploadFinished(destination: Destination): void {
    this.#sent.delete(destination.name);
  }

  /**
   * Free space against what waits to upload, checked once a minute: a batch that cannot fit is
   * held up front (QUOTA_EXCEEDED) instead of failing half-way. Backends without quota say nothing.
   */
  async #spaceOf(destination: Destination, now: number, runningBytes: number): Promise<HoldInputs["space"]> {
    const { transport, store } = this.#options;
    if (transport.space === undefined) return undefined;
    let known = this.#space.get(destination.name);
    if (known === undefined || now - known.checkedAt >= SPACE_CHECK_MS) {
      try {
        const queued = await store.queuedBytes(destination.name);
        // Nothing waits: no need to ask the provider (a call that counts against its API limits).
        if (queued + runningBytes === 0) return undefined;
        const space = await transport.space(destination, AbortSignal.timeout(30_000));
        known = { freeBytes: space?.freeBytes ?? null, neededBytes: queued, checkedAt: now };
      } catch {
        // Unreachable or unanswered: destination health deals with that; do not hold for it here.
        known = { freeBytes: null, neededBytes: 0, checkedAt: now };
      }
      this.#space.set(destination.name, known);
    }
    if (known.freeBytes === null) return undefined;
    return {
      freeBytes: known.freeBytes,
      neededBytes: known.neededBytes + runningBytes,
      nextCheck: known.checkedAt + SPACE_CHECK_MS,
    };
  }

  async #sentBytes(destination: Destination, now: number): Promise<number> {
    const { start } = capPeriod(now, destination.dailyCapResetMinutes, this.#options.timeZone);
    const sent = this.#sent.get(destination.name);
    if (sent !== undefined && sent.periodStart === start && now - sent.readAt <= SENT_BYTES_TTL_MS)
      return sent.bytes;
    try {
      const bytes = await this.#options.store.uploadedBytesSince(destination.name, start);
      this.#sent.set(destination.name, { periodStart: start, bytes, readAt: now });
      return bytes;
    } catch (error) {
      this.#options.onStoreError(error);
      return sent?.periodStart === start ? sent.bytes : 0;
    }
  }

  /** Hands the limits in force now to the budget: the global one, and each destination's own. */
  #setLimits(): void {
    const { bandwidth, timeZone, clock, destinations } = this.#options;
    const now = clock();
    const inForce = bandwidthAt(bandwidth, this.#overrides.get(ALL_DESTINATIONS), now, timeZone);
    // Nothing set anywhere: leave rclone alone (RCLONE_BWLIMIT may be in use), unless we set a limit before.
    if (inForce !== null || this.#globalSet) {
      this.#globalSet = true;
      this.budget.setGlobal(inForce?.bytesPerSecond ?? null);
    }
    for (const destination of destinations) {
      const own = bandwidthAt(destination.bandwidth, this.#overrides.get(destination.name), now, timeZone);
      if (own !== null || this.budget.hasOwnLane(destination.name))
        this.budget.setOwn(destination, own?.bytesPerSecond ?? null);
    }
  }

  /** Uploads other hosts run to destinations with a rate of their own: that rate is for all hosts. */
  async #readPeerUploads(): Promise<void> {
    const { store, owner, clock, destinations } = this.#options;
    if (!destinations.some((destination) => this.budget.hasOwnLane(destination.name))) return;
    const now = clock();
    const peers = new Map<string, number>();
    for (const rate of await store.listTransferRates()) {
      if (rate.owner === owner || now - rate.updatedAt > PEER_RATE_FRESH_MS) continue;
      peers.set(rate.destination, (peers.get(rate.destination) ?? 0) + rate.transfers);
    }
    for (const destination of destinations) {
      this.budget.setPeerUploads(destination.name, peers.get(destination.name) ?? 0);
    }
  }

  #logChange(destination: Destination, hold: Hold | null): void {
    const before = this.#holds.get(destination.name);
    if (hold?.reason === before) return;
    if (hold === null) {
      this.#holds.delete(destination.name);
      this.#options.logger.info(
        { destination: destination.name, was: before },
        "destination may upload again",
      );
    } else {
      this.#holds.set(destination.name, hold.reason);
      this.#options.logger.info(
        { destination: destination.name, hold: hold.reason, until: hold.until },
        "destination held",
      );
    }
  }
}
