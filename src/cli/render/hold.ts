/** `status` lines for a destination held by its schedule, and for the bandwidth limit. */

import type { Destination } from "../../domain/destination.js";
import type { BandwidthInForce, Hold } from "../../domain/destination-schedule.js";
import type { Translator } from "../../i18n/translator.js";
import { formatRate } from "./format.js";

export function holdLine(
  tr: Translator,
  hold: Hold,
  destination: Pick<Destination, "name" | "window">,
): string {
  const until =
    hold.until === null ? tr.t("hold.untilLater") : tr.t("hold.until", { until: tr.dateTime(hold.until) });
  const since = tr.dateTime(hold.since ?? 0);
  switch (hold.reason) {
    case "paused":
      return hold.everything
        ? tr.t("hold.pausedAll", { since })
        : tr.t("hold.paused", { since, name: destination.name });
    case "outside-window":
      return tr.t("hold.outsideWindow", { window: destination.window?.source ?? "", until });
    case "no-space":
      return tr.t("hold.noSpace", {
        free: tr.bytes(hold.freeBytes ?? 0),
        needed: tr.bytes(hold.neededBytes ?? 0),
        until,
      });
    case "daily-cap":
      return tr.t("hold.dailyCap", {
        sent: tr.bytes(hold.sentBytes ?? 0),
        cap: tr.bytes(hold.capBytes ?? 0),
        until,
      });
  }
}

export function bandwidthLine(tr: Translator, bandwidth: BandwidthInForce): string {
  const now = bandwidth.bytesPerSecond === null ? tr.t("hold.noLimit") : formatRate(bandwidth.bytesPerSecond);
  if (bandwidth.source === "live") return tr.t("hold.bandwidthLive", { rate: now });
  return bandwidth.until === null
    ? now
    : tr.t("hold.bandwidthUntil", { rate: now, until: tr.dateTime(bandwidth.until) });
}

/**
 * A destination's limit in force and what its uploads move now: "20 MiB/s limit · 19.6 MiB/s
 * now"; null when it has no limit of its own and nothing moves.
 */
export function destinationRateLine(
  tr: Translator,
  bandwidth: BandwidthInForce | null,
  rate: { readonly bytesPerSecond: number; readonly limitBytesPerSecond: number | null } | null,
): string | null {
  const own = bandwidth?.bytesPerSecond ?? null;
  if (rate === null) return own === null ? null : tr.t("bandwidth.idle", { limit: formatRate(own) });
  const now = formatRate(rate.bytesPerSecond);
  const inForce = rate.limitBytesPerSecond;
  if (inForce === null)
    return own === null
      ? tr.t("bandwidth.noLimitNow", { now })
      : tr.t("bandwidth.limitNow", { limit: formatRate(own), now });
  if (own !== null && inForce < own * 0.99)
    return tr.t("bandwidth.limitShared", { limit: formatRate(own), share: formatRate(inForce), now });
  return tr.t("bandwidth.limitNow", { limit: formatRate(inForce), now });
}
