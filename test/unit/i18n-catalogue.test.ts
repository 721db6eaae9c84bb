/**
 * The two catalogues say the same things: every key of `en` is in `ja` and the other way round,
 * each pair with the same placeholders, so no reader ever sees a raw key or a `{name}` left
 * unfilled. A key another area adds in English without its Japanese is listed here by name.
 */
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/domain/errors.js";
import { en } from "../../src/i18n/en/index.js";
import { ja } from "../../src/i18n/ja/index.js";
import { placeholderNames } from "../../src/i18n/message.js";

describe("en and ja catalogues", () => {
  it("have the same keys", () => {
    const english = Object.keys(en).sort();
    const japanese = Object.keys(ja).sort();
    expect(
      english.filter((key) => !Object.hasOwn(ja, key)),
      "keys missing in ja",
    ).toEqual([]);
    expect(
      japanese.filter((key) => !Object.hasOwn(en, key)),
      "keys only in ja",
    ).toEqual([]);
  });

  it("use the same placeholders in each pair", () => {
    const differing = Object.entries(en)
      .filter(([key]) => Object.hasOwn(ja, key))
      .filter(([key, text]) => {
        const other = (ja as Readonly<Record<string, string>>)[key] ?? "";
        return placeholderNames(text).join() !== placeholderNames(other).join();
      })
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it("have a hint for every error code in both languages", () => {
    for (const code of ERROR_CODES) {
      expect(Object.hasOwn(en, `errors.${code}.hint`), code).toBe(true);
      expect(Object.hasOwn(ja, `errors.${code}.hint`), code).toBe(true);
    }
  });

  it("are really translated: Japanese text has Japanese in it", () => {
    // Texts that are only placeholders, punctuation or names read the same in both languages.
    const SAME_IN_BOTH = new Set([
      "errors.withAttempts",
      "cli.errorLine",
      "status.stateCount",
      "remote.add.option.vendor",
      "queue.bwlimit.line",
      "report.failure",
      "report.signature",
    ]);
    const untranslated = Object.entries(ja)
      .filter(([key, text]) => !key.startsWith("format.") && !SAME_IN_BOTH.has(key) && text.length > 12)
      // Only placeholders and punctuation ("── {role}: {file}"): nothing to translate.
      .filter(([, text]) => /[A-Za-z]{2}/.test(text.replace(/\{\w+\}/g, "")))
      .filter(([, text]) => !/[\u3040-\u30ff\u4e00-\u9fff]/.test(text))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });
});
