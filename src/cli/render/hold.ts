/** `status` lines for a destination held by its schedule, and for the bandwidth limit. */

import type { Destination } from "../../domain/destination.js";
import type { BandwidthInForce, Hold } from "../../domain/destination-schedule.js";
import { t } from "../../i18n/message.js";
import { formatBytes, formatRate } from "./format.js";

export function holdLine(hold: Hold, destination: Pick<Destination, "name" | "window">): string {
  const until = hold.until === null ? "" : ` until ${new Date(hold.until).toLocaleString()}`;
  switch (hold.reason) {
    case "paused":
      return hold.everything
        ? `paused with all uploads since ${new Date(hold.since ?? 0).toLocaleString()} (\`junmai-sync resume\`); its jobs wait`
        : `paused since ${new Date(hold.since ?? 0).toLocaleString()} (\`junmai-sync resume ${destination.name}\`); its jobs wait`;
    case "outside-window":
      return `outside its upload window (${destination.window?.source ?? ""})${until}; its jobs wait`;
    case "no-space":
      return `has ${formatBytes(hold.freeBytes ?? 0)} free for ${formatBytes(hold.neededBytes ?? 0)} waiting (QUOTA_EXCEEDED); checking again${until}; its jobs wait`;
    case "daily-cap":
      return `reached its daily cap (${formatBytes(hold.sentBytes ?? 0)} of ${formatBytes(hold.capBytes ?? 0)} sent)${until}; its jobs wait`;
  }
}

export function bandwidthLine(bandwidth: BandwidthInForce): string {
  const now = bandwidth.bytesPerSecond === null ? "no limit" : formatRate(bandwidth.bytesPerSecond);
  if (bandwidth.source === "live")
    return `${now} (set live; \`junmai-sync bwlimit auto\` goes back to the config)`;
  const until = bandwidth.until === null ? "" : ` until ${new Date(bandwidth.until).toLocaleString()}`;
  return `${now}${until}`;
}

/**
 * A destination's limit in force and what its uploads move now: "20 MiB/s limit · 19.6 MiB/s
 * now"; null when it has no limit of its own and nothing moves.
 */
export function destinationRateLine(
  bandwidth: BandwidthInForce | null,
  rate: { readonly bytesPerSecond: number; readonly limitBytesPerSecond: number | null } | null,
): string | null {
  const own = bandwidth?.bytesPerSecond ?? null;
  if (rate === null) return own === null ? null : t("bandwidth.idle", { limit: formatRate(own) });
  const now = formatRate(rate.bytesPerSecond);
  const inForce = rate.limitBytesPerSecond;
  if (inForce === null)
    return own === null
      ? t("bandwidth.noLimitNow", { now })
      : t("bandwidth.limitNow", { limit: formatRate(own), now });
  if (own !== null && inForce < own * 0.99)
    return t("bandwidth.limitShared", { limit: formatRate(own), share: formatRate(inForce), now });
  return t("bandwidth.limitNow", { limit: formatRate(inForce), now });
}
