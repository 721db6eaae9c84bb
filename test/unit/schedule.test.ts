import { describe, expect, it } from "vitest";
import { instantOf, localParts } from "../../src/domain/local-time.js";
import { parseSize, parseTimetable, parseWindow, rateAt, windowAt } from "../../src/domain/schedule.js";

const BERLIN = "Europe/Berlin";
const TOKYO = "Asia/Tokyo";
const MiB = 2 ** 20;

/** An instant from a Berlin wall time. */
function berlin(date: string, time: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return instantOf(year, month, day, hours * 60 + minutes, BERLIN);
}

describe("bandwidth timetables (rclone's form)", () => {
  const table = parseTimetable("08:00,2M 19:00,off", "bandwidth");

  it("gives the rate in force and when it changes, wrapping at midnight", () => {
    expect(rateAt(table, berlin("2026-06-01", "10:00"), BERLIN)).toEqual({
      value: 2 * MiB,
      until: berlin("2026-06-01", "19:00"),
    });
    expect(rateAt(table, berlin("2026-06-01", "23:30"), BERLIN)).toEqual({
      value: null,
      until: berlin("2026-06-02", "08:00"),
    });
    expect(rateAt(table, berlin("2026-06-02", "03:00"), BERLIN).value).toBeNull();
  });

  it("follows weekday rules", () => {
    const weekly = parseTimetable("Mon-08:00,1M Sat-00:00,off", "bandwidth");
    // 2026-06-03 is a Wednesday.
    expect(rateAt(weekly, berlin("2026-06-03", "12:00"), BERLIN)).toEqual({
      value: MiB,
      until: berlin("2026-06-06", "00:00"),
    });
    expect(rateAt(weekly, berlin("2026-06-07", "12:00"), BERLIN)).toEqual({
      value: null,
      until: berlin("2026-06-08", "08:00"),
    });
  });

  it("takes a single rate, rclone's units and upload:download pairs", () => {
    expect(rateAt(parseTimetable("512K", "bandwidth"), 0, TOKYO)).toEqual({ value: 512 * 1024, until: null });
    expect(rateAt(parseTimetable("off", "bandwidth"), 0, TOKYO).value).toBeNull();
    expect(rateAt(parseTimetable("10:00,1M:100k;20:00,off", "bandwidth"), 0, TOKYO).value).toBeNull();
    expect(parseSize("700G")).toBe(700 * 2 ** 30);
    expect(parseSize("1.5M")).toBe(1.5 * MiB);
    expect(parseSize("2MiB")).toBe(2 * MiB);
  });

  it("moves a change in the spring gap on by the gap's length, and takes the first of a doubled hour", () => {
    // 2026-03-29: Berlin skips 02:00–03:00, so 02:30 happens at 03:30 summer time.
    const gap = parseTimetable("02:30,1M 12:00,off", "bandwidth");
    const spring = rateAt(gap, berlin("2026-03-29", "01:59"), BERLIN).until as number;
    expect(spring).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(localParts(spring, BERLIN).minutes).toBe(3 * 60 + 30);
    // 2026-10-25: 02:00–03:00 happens twice; the change comes at the first 02:30 (summer time).
    const autumn = rateAt(gap, berlin("2026-10-25", "01:59"), BERLIN).until as number;
    expect(autumn).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it("names the key and the token of a bad timetable", () => {
    expect(() => parseTimetable("08:00,2X 19:00,off", "destinations[1].bandwidth")).toThrowError(
      /`destinations\[1\]\.bandwidth` has a bad part "08:00,2X"/,
    );
    expect(() => parseTimetable("25:00,1M", "bandwidth")).toThrowError(/"25:00,1M"/);
    expect(() => parseTimetable("Moon-08:00,1M", "bandwidth")).toThrowError(/"Moon" is not a day/);
  });

  it("refuses a negative rate, a rate with a unit per second, and a time that does not exist, naming the accepted forms", () => {
    const refusal = (text: string) => {
      try {
        parseTimetable(text, "destinations[0].bandwidth");
      } catch (error: unknown) {
        return error as { code: string; message: string; hint: string };
      }
      throw new Error(`${text} was accepted`);
    };
    for (const text of ["-1M", "08:00,-1M 19:00,off"]) {
      expect(refusal(text)).toMatchObject({ code: "CONFIG_INVALID", message: /cannot be negative/ });
    }
    const perSecond = refusal("20 MB/s");
    expect(perSecond.message).toContain('`destinations[0].bandwidth` has a bad part "20 MB/s"');
    expect(perSecond.message).toContain('"20M" is 20 MiB/s');
    expect(perSecond.message).toContain('"160Mbit" is 20 MB/s');
    const time = refusal("08:00,1M 25:00,off");
    expect(time.message).toMatch(/"25:00" is not a time of day \(00:00 to 23:59\)/);
    // Every refusal names the accepted forms, megabits included.
    expect(time.hint).toMatch(/512K, 20M or 1\.5G .*a bare number is KiB\/s.*160Mbit/);
  });

  it("reads a bare number as KiB/s and megabits per second as a line is sold", () => {
    const rate = (text: string) => rateAt(parseTimetable(text, "bandwidth"), 0, TOKYO).value;
    expect(rate("100")).toBe(100 * 1024);
    expect(rate("20 M")).toBe(20 * MiB);
    // 160 Mbit/s = 20 000 000 bytes/s ≈ 19.07 MiB/s.
    expect(rate("160Mbit")).toBe(20_000_000);
    expect(rate("160Mbps")).toBe(20_000_000);
    expect(rate("160mbit/s")).toBe(20_000_000);
    expect(rate("08:00,800kbit 19:00,1Gbit")).not.toBeUndefined();
    expect(
      parseTimetable("08:00,800kbit 19:00,1Gbit", "bandwidth").entries.map((entry) => entry.rate),
    ).toEqual([100_000, 125_000_000]);
  });
});

describe("upload windows", () => {
  it("opens and closes across midnight", () => {
    const night = parseWindow("22:00-07:00", "window");
    expect(windowAt(night, berlin("2026-06-01", "23:00"), BERLIN)).toEqual({
      value: true,
      until: berlin("2026-06-02", "07:00"),
    });
    expect(windowAt(night, berlin("2026-06-02", "06:59"), BERLIN).value).toBe(true);
    expect(windowAt(night, berlin("2026-06-02", "12:00"), BERLIN)).toEqual({
      value: false,
      until: berlin("2026-06-02", "22:00"),
    });
  });

  it("knows weekdays, weekends and their union", () => {
    const window = parseWindow("Mon-Fri 22:00-07:00; Sat,Sun", "window");
    // Friday night runs into the weekend without a break. A night belongs to the day it starts,
    // so Sunday night is not a Mon-Fri night: open until Monday 00:00.
    expect(windowAt(window, berlin("2026-06-05", "23:00"), BERLIN)).toEqual({
      value: true,
      until: berlin("2026-06-08", "00:00"),
    });
    expect(windowAt(window, berlin("2026-06-08", "12:00"), BERLIN)).toEqual({
      value: false,
      until: berlin("2026-06-08", "22:00"),
    });
    const weekend = parseWindow("Sat,Sun", "window");
    expect(windowAt(weekend, berlin("2026-06-03", "12:00"), BERLIN).until).toBe(
      berlin("2026-06-06", "00:00"),
    );
  });

  it("measures a night by the clock on the wall when daylight saving changes", () => {
    const night = parseWindow("01:00-04:00", "window");
    // Spring: the night is two real hours long; autumn: four.
    const spring = windowAt(night, berlin("2026-03-29", "01:30"), BERLIN);
    expect(spring.until).toBe(Date.UTC(2026, 2, 29, 2, 0));
    const autumnStart = berlin("2026-10-25", "01:00");
    const autumn = windowAt(night, autumnStart, BERLIN);
    expect(((autumn.until as number) - autumnStart) / 3_600_000).toBe(4);
  });

  it("names the key and the token of a bad window", () => {
    expect(() => parseWindow("Mon-Fry 22:00-07:00", "destinations[0].window")).toThrowError(
      /`destinations\[0\]\.window` has a bad part "Mon-Fry 22:00-07:00": "Mon-Fry" is not a day/,
    );
    expect(() => parseWindow("22:00", "window")).toThrowError(/"22:00" is not HH:MM-HH:MM/);
    expect(() => parseWindow("10:00-10:00", "window")).toThrowError(/starts and ends at the same time/);
  });
});
