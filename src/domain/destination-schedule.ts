/**
 * Whether a destination may start uploads now, from the schedule its owner set: a pause
 * (`junmai-sync pause`), its upload window, its daily byte cap. Unlike destination health
 * (destination-health.ts), nothing here is learned from failures; it is a plain function of
 * the config, the queue's records and the clock, so the engine and `status` agree on it.
 */
import type { Destination } from "./destination.js";
import { instantOf, localParts } from "./local-time.js";
import { rateAt, type Timetable, windowAt } from "./schedule.js";

export const HOLD_REASONS = ["paused", "outside-window", "daily-cap", "no-space"] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export interface Hold {
  readonly reason: HoldReason;
  /** When the hold began, where known (a pause). */
  readonly since: number | null;
  /** When uploads may start again by themselves; null: not until someone acts (a pause). */
  readonly until: number | null;
  /** paused: whether the whole queue is paused, not just this destination. */
  readonly everything?: boolean;
  /** daily-cap: bytes sent in the current period and the cap. */
  readonly sentBytes?: number;
  readonly capBytes?: number;
  /** no-space: bytes waiting to upload and bytes free at the destination. */
  readonly neededBytes?: number;
  readonly freeBytes?: number;
}

export interface HoldInputs {
  /** The destination's own pause, and the whole queue's. */
  readonly pausedSince: number | null;
  readonly allPausedSince: number | null;
  /** Bytes sent (completed, plus running) since the cap's period began; needed only with a cap. */
  readonly sentBytes: number;
  /** What the destination last said of its free space, and what is waiting; absent: unknown. */
  readonly space?: { readonly freeBytes: number; readonly neededBytes: number; readonly nextCheck: number };
}

export function holdOf(
  destination: Destination,
  inputs: HoldInputs,
  now: number,
  timeZone: string,
): Hold | null {
  if (inputs.allPausedSince !== null) {
    return { reason: "paused", since: inputs.allPausedSince, until: null, everything: true };
  }
  if (inputs.pausedSince !== null) return { reason: "paused", since: inputs.pausedSince, until: null };
  if (destination.window !== null) {
    const window = windowAt(destination.window, now, timeZone);
    if (!window.value) return { reason: "outside-window", since: null, until: window.until };
  }
  if (destination.dailyCapBytes !== null && inputs.sentBytes >= destination.dailyCapBytes) {
    return {
      reason: "daily-cap",
      since: null,
      until: capPeriod(now, destination.dailyCapResetMinutes, timeZone).end,
      sentBytes: inputs.sentBytes,
      capBytes: destination.dailyCapBytes,
    };
  }
  const space = inputs.space;
  if (space !== undefined && space.neededBytes > space.freeBytes) {
    return {
      reason: "no-space",
      since: null,
      until: space.nextCheck,
      neededBytes: space.neededBytes,
      freeBytes: space.freeBytes,
    };
  }
  return null;
}

/** The daily cap's current period: from the last reset time (local) to the next. */
export function capPeriod(
  now: number,
  resetMinutes: number,
  timeZone: string,
): { start: number; end: number } {
  const today = localParts(now, timeZone);
  const resetToday = instantOf(today.year, today.month, today.day, resetMinutes, timeZone);
  return resetToday <= now
    ? { start: resetToday, end: instantOf(today.year, today.month, today.day + 1, resetMinutes, timeZone) }
    : { start: instantOf(today.year, today.month, today.day - 1, resetMinutes, timeZone), end: resetToday };
}

export interface BandwidthInForce {
  /** Bytes per second; null: no limit. */
  readonly bytesPerSecond: number | null;
  /** When the timetable next changes it; null for a live setting (it holds until changed). */
  readonly until: number | null;
  /** `live`: set with `junmai-sync bwlimit`, in force instead of the config's timetable. */
  readonly source: "config" | "live";
}

/** The limit in force: a live setting if there is one, else the timetable's; null when neither exists. */
export function bandwidthAt(
  timetable: Timetable | null,
  live: { readonly bytesPerSecond: number | null } | undefined,
  now: number,
  timeZone: string,
): BandwidthInForce | null {
  if (live !== undefined) return { bytesPerSecond: live.bytesPerSecond, until: null, source: "live" };
  if (timetable === null) return null;
  const rate = rateAt(timetable, now, timeZone);
  return { bytesPerSecond: rate.value, until: rate.until, source: "config" };
}
