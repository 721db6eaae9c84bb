/**
 * The engine's view of the schedule its owner set: which destinations may start uploads now
 * (pauses from the store, upload windows, daily caps — see domain/destination-schedule.ts),
 * the global bandwidth limit handed to the transport as the timetable moves, and each
 * destination's own per-upload limit. Reads the store at most once per poll (pauses) and once
 * every few seconds per capped destination (bytes sent).
 */
import type { Destination } from "../domain/destination.js";
import {
  bandwidthAt,
  capPeriod,
  type Hold,
  type HoldInputs,
  holdOf,
} from "../domain/destination-schedule.js";
import { toSyncError } from "../domain/errors.js";
import type { Timetable } from "../domain/schedule.js";
import { ALL_DESTINATIONS, type JobStore } from "../store/job-store.js";
import type { Logger } from "./events.js";
import type { Transport } from "./transport.js";

/** How long the bytes a destination received this period are trusted before being read again. */
const SENT_BYTES_TTL_MS = 5_000;
/** How often a destination's free space is asked for (an API call at most providers). */
export const SPACE_CHECK_MS = 60_000;

export interface ScheduleGateOptions {
  readonly store: JobStore;
  readonly transport: Transport;
  readonly timeZone: string;
  readonly bandwidth: Timetable | null;
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
  /** The global limit last handed to the transport (undefined: never). */
  #appliedRate: number | null | undefined;

  constructor(options: ScheduleGateOptions) {
    this.#options = options;
  }

  /** A reloaded config's global timetable, in force from the next poll. */
  setTimetable(bandwidth: Timetable | null): void {
    this.#options = { ...this.#options, bandwidth };
  }

  /** Once per poll: read pauses and live limits, and move the global limit along its timetable. */
  async refresh(): Promise<void> {
    const { store } = this.#options;
    try {
      const [pauses, overrides] = await Promise.all([store.listPauses(), store.listBandwidthOverrides()]);
      this.#pauses = new Map(pauses.map((pause) => [pause.scope, pause.since]));
      this.#overrides = new Map(overrides.map((override) => [override.scope, override]));
    } catch (error) {
      this.#options.onStoreError(error);
    }
    await this.#applyBandwidth();
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

  /** A destination's own limit (bytes/s), shared equally by the uploads it may run at once. */
  rateLimitOf(destination: Destination): number | undefined {
    const { clock, timeZone } = this.#options;
    const rate = bandwidthAt(destination.bandwidth, this.#overrides.get(destination.name), clock(), timeZone);
    return rate?.bytesPerSecond == null ? undefined : rate.bytesPerSecond / destination.concurrency;
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

  async #applyBandwidth(): Promise<void> {
    const { bandwidth, transport, timeZone, clock, logger } = this.#options;
    if (transport.setBandwidth === undefined) return;
    const inForce = bandwidthAt(bandwidth, this.#overrides.get(ALL_DESTINATIONS), clock(), timeZone);
    // Nothing set anywhere: leave rclone alone (RCLONE_BWLIMIT may be in use), unless we set a limit before.
    if (inForce === null && this.#appliedRate === undefined) return;
    const rate = inForce?.bytesPerSecond ?? null;
    if (rate === this.#appliedRate) return;
    try {
      const effective = await transport.setBandwidth(rate, AbortSignal.timeout(10_000));
      this.#appliedRate = rate;
      logger.info({ bandwidth: rate, effective }, "bandwidth limit set");
    } catch (error) {
      logger.warn({ err: toSyncError(error).message }, "bandwidth limit could not be set; trying again");
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
