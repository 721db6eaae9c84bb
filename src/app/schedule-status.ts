/**
 * The schedule as `status` reports it, read from the store and the config without running
 * rclone: pauses, the bandwidth in force (live or by timetable), and why each destination is
 * held. The engine decides the same from the same functions (engine/schedule-gate.ts).
 */
import { type ResolvedConfig, scheduleTimeZone } from "../config/resolve.js";
import {
  type BandwidthInForce,
  bandwidthAt,
  capPeriod,
  type Hold,
  holdOf,
} from "../domain/destination-schedule.js";
import { SyncError } from "../domain/errors.js";
import { readRate } from "../domain/schedule.js";
import { say } from "../i18n/message.js";
import { ALL_DESTINATIONS, type JobStore } from "../store/job-store.js";

export interface ScheduleStatus {
  /** Since when every destination is paused, or null. */
  readonly pausedSince: number | null;
  /** The limit on all uploads together now; null: none set. */
  readonly bandwidth: BandwidthInForce | null;
  readonly destinations: ReadonlyMap<
    string,
    { readonly hold: Hold | null; readonly bandwidth: BandwidthInForce | null }
  >;
}

export async function readScheduleStatus(
  store: JobStore,
  config: ResolvedConfig,
  now: number,
): Promise<ScheduleStatus> {
  const timeZone = scheduleTimeZone(config);
  const pauses = new Map((await store.listPauses()).map((pause) => [pause.scope, pause.since]));
  const live = new Map((await store.listBandwidthOverrides()).map((limit) => [limit.scope, limit]));
  const destinations = new Map<string, { hold: Hold | null; bandwidth: BandwidthInForce | null }>();
  for (const destination of config.destinations) {
    const sentBytes =
      destination.dailyCapBytes === null
        ? 0
        : await store.uploadedBytesSince(
            destination.name,
            capPeriod(now, destination.dailyCapResetMinutes, timeZone).start,
          );
    const hold = holdOf(
      destination,
      {
        pausedSince: pauses.get(destination.name) ?? null,
        allPausedSince: pauses.get(ALL_DESTINATIONS) ?? null,
        sentBytes,
      },
      now,
      timeZone,
    );
    destinations.set(destination.name, {
      hold,
      bandwidth: bandwidthAt(destination.bandwidth, live.get(destination.name), now, timeZone),
    });
  }
  return {
    pausedSince: pauses.get(ALL_DESTINATIONS) ?? null,
    bandwidth: bandwidthAt(config.bandwidth, live.get(ALL_DESTINATIONS), now, timeZone),
    destinations,
  };
}

/** "2M" → bytes/s; "off" → null (no limit); "auto" → undefined (back to the config). */
export function parseLiveRate(rate: string): number | null | undefined {
  const text = rate.trim().toLowerCase();
  if (text === "auto") return undefined;
  const read = readRate(text);
  if ("why" in read) {
    throw new SyncError("USAGE", say("bandwidth.liveUsage", { rate }), {
      detail: read.why,
      hint: say("bandwidth.liveHint"),
    });
  }
  return read.rate;
}
