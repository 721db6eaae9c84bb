/** A reader's formats: dates, numbers, sizes, durations and plurals through Intl, zone fixed. */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";

const NOON_TOKYO = Date.parse("2026-12-02T02:00:39Z"); // 11:00:39 in Tokyo
const zone = { timeZone: "Asia/Tokyo" };

describe("translator", () => {
  it("writes dates as each language does", () => {
    expect(createTranslator("ja", zone).dateTime(NOON_TOKYO)).toBe("2026/12/02 11:00");
    expect(createTranslator("en", zone).dateTime(NOON_TOKYO)).toBe("Dec 2, 2026, 11:00");
    expect(createTranslator("en", { ...zone, locale: "en_GB.UTF-8" }).dateTime(NOON_TOKYO)).toBe(
      "2 Dec 2026, 11:00",
    );
    expect(createTranslator("ja", zone).time(NOON_TOKYO)).toBe("11:00:39");
  });

  it("writes relative times", () => {
    const now = NOON_TOKYO + 3 * 60_000;
    expect(createTranslator("ja", zone).relative(NOON_TOKYO, now)).toBe("3分前");
    expect(createTranslator("en", zone).relative(NOON_TOKYO, now)).toBe("3 min. ago");
  });

  it("writes numbers, sizes and durations", () => {
    const ja = createTranslator("ja", zone);
    const en = createTranslator("en", zone);
    expect(en.number(1234567)).toBe("1,234,567");
    expect(en.bytes(999)).toBe("999 B");
    expect(en.bytes(24_500_000)).toBe("24.5 MB");
    expect(ja.bytes(1_500_000_000)).toBe("1.5 GB");
    expect(en.duration(185_000)).toBe("3m05s");
    expect(ja.duration(185_000)).toBe("3分05秒");
    expect(ja.duration(3_720_000)).toBe("1時間02分");
  });

  it("chooses plural forms by Intl.PluralRules", () => {
    const en = createTranslator("en", zone);
    const ja = createTranslator("ja", zone);
    expect(en.plural("errors.attemptsFailed", 1)).toMatch(/^Its one attempt failed/);
    expect(en.plural("errors.attemptsFailed", 3)).toMatch(/^All 3 attempts failed/);
    expect(ja.plural("errors.attemptsFailed", 3)).toMatch(/^3 回の試行がすべて失敗/);
  });

  it("renders a named message and says nothing for a key it lacks", () => {
    const ja = createTranslator("ja", zone);
    expect(ja.render({ key: "errors.USAGE.hint" })).toBe("使い方は `junmai-sync --help` で確認できます。");
    expect(ja.render({ key: "no.suchKey" })).toBeUndefined();
  });
});
