/**
 * How the global bandwidth limit is divided among lanes — a destination with a limit of its own
 * (its own rclone), or the lane every other destination shares. Pure. Lanes with uploads running
 * share the global rate by water-filling: a lane whose own limit is below an equal share keeps
 * its own limit and leaves the rest to the others, so the sum never exceeds the global rate and
 * nothing it allows is left unused. An idle lane is given what it would get alone, so the first
 * bytes of a new upload wait for no one; the engine shares again before that upload starts.
 */

/** Bytes per second; null: no limit. */
export type LaneRate = number | null;

export interface LaneDemand {
  readonly lane: string;
  /** The lane's own limit; null: none (only the global one). */
  readonly own: LaneRate;
  /** Whether uploads of the lane are sending bytes now. */
  readonly active: boolean;
}

export function shareBandwidth(global: LaneRate, lanes: readonly LaneDemand[]): Map<string, LaneRate> {
  const shares = new Map<string, LaneRate>();
  for (const lane of lanes) shares.set(lane.lane, minRate(lane.own, global));
  if (global === null) return shares;
  // Smallest own limit first: each takes min(own, equal share of what is left).
  const active = lanes
    .filter((lane) => lane.active)
    .sort((a, b) => (a.own ?? Number.POSITIVE_INFINITY) - (b.own ?? Number.POSITIVE_INFINITY));
  let left = global;
  active.forEach((lane, index) => {
    const share = left / (active.length - index);
    const given = lane.own === null ? share : Math.min(lane.own, share);
    shares.set(lane.lane, given);
    left -= given;
  });
  return shares;
}

export function minRate(a: LaneRate, b: LaneRate): LaneRate {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
