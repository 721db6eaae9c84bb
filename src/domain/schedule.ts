/**
 * Weekly schedules in a named time zone: bandwidth timetables in rclone's own form
 * (`"08:00,2M 19:00,off"`, `"Mon-08:00,1M Sat-00:00,off"`) and upload windows
 * (`"22:00-07:00"`, `"Sat,Sun"`, `"Mon-Fri 22:00-07:00; Sat,Sun"`). Pure: given an instant, what
 * is in force and when it next changes. Parsing names the config key and the bad token.
 */
import { t } from "../i18n/message.js";
import { SyncError } from "./errors.js";
import { instantOf, localParts } from "./local-time.js";

/** Bytes per second; null = no limit ("off"). */
export type Rate = number | null;

interface TimetableEntry {
  /** 0 = Sunday … 6 = Saturday; null = every day. */
  readonly day: number | null;
  readonly minute: number;
  readonly rate: Rate;
}

export interface Timetable {
  readonly source: string;
  readonly entries: readonly TimetableEntry[];
}

interface WindowPart {
  readonly days: ReadonlySet<number>;
  readonly start: number;
  /** Minutes after the start day's midnight; may exceed 1440 (past midnight). */
  readonly end: number;
}

export interface UploadWindow {
  readonly source: string;
  readonly parts: readonly WindowPart[];
}

export interface InForce<T> {
  readonly value: T;
  /** When it next changes; null if never. */
  readonly until: number | null;
}

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
};

function bad(key: string, token: string, why: string, hint: string): SyncError {
  return new SyncError("CONFIG_INVALID", `Config key \`${key}\` has a bad part "${token}": ${why}.`, {
    hint,
  });
}

/** A size in rclone's units (`700G`, `1.5M`, `512k`, `100` = KiB as in rclone); binary multiples. */
export function parseSize(text: string, unitless: keyof typeof UNITS = "k"): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmgtp])?(?:i?b)?$/i.exec(text.trim());
  if (match === null) return undefined;
  const unit = (match[2] ?? unitless).toLowerCase();
  return Math.round(Number(match[1]) * (UNITS[unit] ?? 1));
}

const BITS: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, g: 1e9 };

/**
 * A rate in rclone's form (`512K`, `20M`, `off`; a bare number is KiB/s), or in megabits per
 * second as a line is sold (`160Mbit`, `160Mbps` = 20 MB/s), or why it cannot be read.
 */
export function readRate(text: string): { readonly rate: Rate } | { readonly why: string } {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === "off") return { rate: null };
  // rclone's "upload:download" pair: we only upload.
  const upload = trimmed.split(":")[0] ?? "";
  if (upload.startsWith("-")) return { why: t("bandwidth.negative") };
  const bits = /^(\d+(?:\.\d+)?)\s*([kmg])(?:bit|bps|bit\/s)$/i.exec(upload);
  if (bits !== null) {
    const bytes = Math.round((Number(bits[1]) * (BITS[(bits[2] as string).toLowerCase()] ?? 1)) / 8);
    return { rate: bytes === 0 ? null : bytes };
  }
  const perSecond = /^(\d+(?:\.\d+)?)\s*([kmg])?(?:i?b)?\s*\/\s*s$/i.exec(upload);
  if (perSecond !== null) {
    const number = Number(perSecond[1]);
    const unit = (perSecond[2] ?? "k").toUpperCase();
    return { why: t("bandwidth.perSecond", { number, unit, bits: number * 8 }) };
  }
  const bytes = parseSize(upload);
  if (bytes === undefined) return { why: t("bandwidth.notRate", { text: upload }) };
  return { rate: bytes === 0 ? null : bytes };
}

function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

function parseDay(text: string): number | undefined {
  const index = DAY_NAMES.indexOf(text.slice(0, 3).toLowerCase());
  return index < 0 || text.length < 3 ? undefined : index;
}

export function parseTimetable(source: string, key: string): Timetable {
  const hint = t("bandwidth.rateHint");
  const tokens = source.split(/[\s;]+/).filter((token) => token !== "");
  if (tokens.length === 0) throw bad(key, source, "it is empty", hint);
  // No time anywhere: one rate, read whole ("20 MB/s" is one mistake, not two).
  if (!source.includes(",")) {
    const read = readRate(source);
    if ("why" in read) throw bad(key, source.trim(), read.why, hint);
    return { source, entries: [{ day: null, minute: 0, rate: read.rate }] };
  }
  const entries = tokens.map((token): TimetableEntry => {
    const [when = "", rateText = "", extra] = token.split(",");
    if (extra !== undefined || rateText === "") throw bad(key, token, "expected TIME,RATE", hint);
    const read = readRate(rateText);
    if ("why" in read) throw bad(key, token, read.why, hint);
    const dash = when.indexOf("-");
    const day = dash < 0 ? null : parseDay(when.slice(0, dash));
    if (day === undefined) throw bad(key, token, `"${when.slice(0, dash)}" is not a day`, hint);
    const clock = dash < 0 ? when : when.slice(dash + 1);
    const minute = parseClock(clock);
    if (minute === undefined || minute >= 1440)
      throw bad(key, token, t("bandwidth.notTime", { text: clock }), hint);
    return { day, minute, rate: read.rate };
  });
  return { source, entries };
}

const WINDOW_HINT =
  'Write "HH:MM-HH:MM", days ("Sat,Sun", "Mon-Fri"), or days and a time ("Mon-Fri 22:00-07:00"); join several with ";".';

export function parseWindow(source: string, key: string): UploadWindow {
  const parts = source
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (parts.length === 0) throw bad(key, source, "it is empty", WINDOW_HINT);
  return {
    source,
    parts: parts.map((part) => {
      const pieces = part.split(/\s+/);
      const timeText = pieces.find((piece) => /^\d/.test(piece));
      const dayText = pieces.filter((piece) => piece !== timeText).join("");
      const days = dayText === "" ? new Set([0, 1, 2, 3, 4, 5, 6]) : parseDays(dayText, key, part);
      if (timeText === undefined) return { days, start: 0, end: 1440 };
      const [startText = "", endText = "", extra] = timeText.split("-");
      const start = parseClock(startText);
      const end = parseClock(endText);
      if (extra !== undefined || start === undefined || end === undefined || start >= 1440) {
        throw bad(key, part, `"${timeText}" is not HH:MM-HH:MM`, WINDOW_HINT);
      }
      if (start === end) throw bad(key, part, "it starts and ends at the same time", WINDOW_HINT);
      return { days, start, end: end > start ? end : end + 1440 };
    }),
  };
}

function parseDays(text: string, key: string, part: string): Set<number> {
  const days = new Set<number>();
  for (const item of text.split(",").filter((entry) => entry !== "")) {
    const [fromText = "", toText] = item.split("-");
    const from = parseDay(fromText);
    const to = toText === undefined ? from : parseDay(toText);
    if (from === undefined || to === undefined)
      throw bad(key, part, `"${item}" is not a day or range of days`, WINDOW_HINT);
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === to) break;
    }
  }
  return days;
}

/** The rate in force at `now` and when it next changes. */
export function rateAt(timetable: Timetable, now: number, timeZone: string): InForce<Rate> {
  const changes = aroundNow(now, timeZone, (weekday, at) =>
    timetable.entries
      .filter((entry) => entry.day === null || entry.day === weekday)
      .map((entry) => ({ at: at(entry.minute), value: entry.rate })),
  );
  const past = changes.filter((change) => change.at <= now);
  const value = past.length === 0 ? null : (past[past.length - 1]?.value ?? null);
  const next = changes.find((change) => change.at > now && change.value !== value);
  return { value, until: next?.at ?? null };
}

/** Whether uploads may run at `now`, and when that next changes. */
export function windowAt(window: UploadWindow, now: number, timeZone: string): InForce<boolean> {
  const intervals = aroundNow(now, timeZone, (weekday, at) =>
    window.parts
      .filter((part) => part.days.has(weekday))
      .map((part) => ({ at: at(part.start), value: at(part.end) })),
  );
  // Merge overlapping or touching intervals, so "22:00-24:00; 00:00-07:00" is one night.
  const merged: { start: number; end: number }[] = [];
  for (const { at: start, value: end } of intervals) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  const current = merged.find((interval) => interval.start <= now && now < interval.end);
  if (current !== undefined) return { value: true, until: current.end };
  return { value: false, until: merged.find((interval) => interval.start > now)?.start ?? null };
}

/** Points of the weekly schedule from 8 local days before `now` to 8 after, in time order. */
function aroundNow<T>(
  now: number,
  timeZone: string,
  pointsOfDay: (weekday: number, at: (minute: number) => number) => { at: number; value: T }[],
): { at: number; value: T }[] {
  const today = localParts(now, timeZone);
  const points: { at: number; value: T }[] = [];
  for (let offset = -8; offset <= 8; offset += 1) {
    const weekday = (((today.weekday + offset) % 7) + 7) % 7;
    const at = (minute: number) => instantOf(today.year, today.month, today.day + offset, minute, timeZone);
    points.push(...pointsOfDay(weekday, at));
  }
  return points.sort((a, b) => a.at - b.at);
}
