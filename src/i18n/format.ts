/**
 * Numbers, sizes, durations and dates as a reader of `locale` writes them, through `Intl`.
 * Machine output (`--json`, the API, logs) never comes here: it stays ISO and English.
 */

export interface FormatOptions {
  /** A BCP 47 tag for Intl: "ja-JP", "en-US", "en-GB" … */
  readonly locale: string;
  /** IANA zone; undefined is this computer's. */
  readonly timeZone?: string | undefined;
}

export interface Formats {
  number(value: number, fractionDigits?: number): string;
  /** Decimal units as the CLI always showed them: 1.5 MB, 320 KB. */
  bytes(bytes: number): string;
  /** A date and a time to the minute: ja `2026/12/02 11:00`, en `Dec 2, 2026, 11:00`. */
  dateTime(epochMs: number): string;
  /** A time of day to the second: `11:00:39`. */
  time(epochMs: number): string;
  /** "3分前" / "3 min. ago" / "in 2 hr." from `now`. */
  relative(epochMs: number, now: number): string;
}

// The symbols are the same in both languages (SI, as photographers read them on cards and disks).
const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

export function createFormats(options: FormatOptions): Formats {
  const { locale } = options;
  const zone = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  const japanese = locale.toLowerCase().startsWith("ja");
  // Made on first use: a date format loads the time zone data, a good part of a command's start,
  // and most commands print no date at all.
  let dateTime: Intl.DateTimeFormat | undefined;
  let time: Intl.DateTimeFormat | undefined;
  let relative: Intl.RelativeTimeFormat | undefined;
  const dateTimeFormat = () =>
    (dateTime ??= new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: japanese ? "2-digit" : "short",
      day: japanese ? "2-digit" : "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      ...zone,
    }));
  const timeFormat = () =>
    (time ??= new Intl.DateTimeFormat(locale, {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      ...zone,
    }));
  const relativeFormat = () =>
    (relative ??= new Intl.RelativeTimeFormat(locale, {
      numeric: "auto",
      style: japanese ? "narrow" : "short",
    }));
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let format = numbers.get(digits);
    if (format === undefined) {
      format = new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      numbers.set(digits, format);
    }
    return format;
  };
  return {
    number: (value, fractionDigits = 0) =>
      // A small whole number reads the same in every English and Japanese locale without a
      // numbering-system extension: skip loading ICU's number data for it (a command's start).
      fractionDigits === 0 && Number.isInteger(value) && value >= 0 && value < 1000 && !locale.includes("-u-")
        ? String(value)
        : numberFormat(fractionDigits).format(value),
    bytes(bytes) {
      let value = bytes;
      let unit = 0;
      while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
        value /= 1000;
        unit += 1;
      }
      const digits = unit === 0 || value >= 100 ? 0 : 1;
      return `${numberFormat(digits).format(value)} ${BYTE_UNITS[unit] ?? "B"}`;
    },
    dateTime: (epochMs) => dateTimeFormat().format(epochMs),
    time: (epochMs) => timeFormat().format(epochMs),
    relative(epochMs, now) {
      const relative = relativeFormat();
      const seconds = Math.round((epochMs - now) / 1000);
      const size = Math.abs(seconds);
      if (size < 45) return relative.format(seconds, "second");
      if (size < 45 * 60) return relative.format(Math.round(seconds / 60), "minute");
      if (size < 22 * 3600) return relative.format(Math.round(seconds / 3600), "hour");
      return relative.format(Math.round(seconds / 86_400), "day");
    },
  };
}
