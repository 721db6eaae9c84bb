/**
 * Wall-clock time in a named time zone, without a date library: Intl gives the local parts of
 * an instant, and the reverse (a local day and time → the instant) is solved with the zone's
 * offset. Daylight-saving changes are handled as JavaScript's Temporal does by default
 * ("compatible"): a local time in the spring gap happens as much later as the gap is long
 * (02:30 → 03:30), and one that exists twice in autumn is taken the first time.
 */

export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let cached = formats.get(timeZone);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      weekday: "short",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, cached);
  }
  return cached;
}

/** True when `timeZone` is an IANA zone this runtime knows (`Europe/Berlin`, `Asia/Tokyo`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    format(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function localParts(instant: number, timeZone: string): LocalParts & { readonly second: number } {
  const parts: Record<string, string> = {};
  for (const part of format(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS[parts.weekday ?? "Sun"] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (Berlin in summer: +7 200 000). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localParts(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes, local.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a local date (`day` may overflow: day 32 is the next month's 1st) and minute. */
export function instantOf(
  year: number,
  month: number,
  day: number,
  minutes: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  // The offsets in force a day either side; a change of offset never comes twice in two days.
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const valid = [wall - before, wall - after].filter(
    (instant, index) => offsetAt(instant, timeZone) === (index === 0 ? before : after),
  );
  // Both valid: the doubled autumn hour, take the first. Neither: the spring gap, move on by it.
  return valid.length === 0 ? wall - before : Math.min(...valid);
}

/** The local midnight starting the day `days` after `instant`'s local day (0 = today). */
export function startOfLocalDay(instant: number, days: number, timeZone: string): number {
  const local = localParts(instant, timeZone);
  return instantOf(local.year, local.month, local.day + days, 0, timeZone);
}
