/** Which language a reader gets, in the order issue 27 fixes; never this machine's own locale. */
import { describe, expect, it } from "vitest";
import {
  chooseLanguage,
  intlLocaleOf,
  languageOfAcceptLanguage,
  languageOfLocale,
} from "../../src/i18n/language.js";

describe("languageOfLocale", () => {
  it.each([
    ["ja_JP.UTF-8", "ja"],
    ["ja-JP", "ja"],
    ["ja", "ja"],
    ["en_US.UTF-8", "en"],
    ["en-GB", "en"],
    ["C", "en"],
    ["C.UTF-8", "en"],
    ["POSIX", "en"],
    ["fr_FR.UTF-8", undefined],
  ])("%s → %s", (name, language) => {
    expect(languageOfLocale(name)).toBe(language);
  });
});

describe("chooseLanguage", () => {
  const none = { env: {} };
  it("takes --lang over everything", () => {
    const env = { JUNMAI_SYNC_LANG: "ja", LANG: "ja_JP.UTF-8" };
    expect(chooseLanguage({ flag: "en", env, configLanguage: "ja", osLocale: "ja-JP" })).toMatchObject({
      language: "en",
      source: "flag",
    });
  });
  it("then JUNMAI_SYNC_LANG, then the config, then LC_ALL, LC_MESSAGES, LANG", () => {
    expect(chooseLanguage({ env: { JUNMAI_SYNC_LANG: "ja", LC_ALL: "en_US.UTF-8" } }).source).toBe(
      "JUNMAI_SYNC_LANG",
    );
    expect(chooseLanguage({ env: { LC_ALL: "en_US.UTF-8" }, configLanguage: "ja" })).toMatchObject({
      language: "ja",
      source: "config",
    });
    expect(chooseLanguage({ env: { LC_ALL: "ja_JP.UTF-8", LANG: "en_US.UTF-8" } }).source).toBe("LC_ALL");
    expect(chooseLanguage({ env: { LC_MESSAGES: "ja_JP.UTF-8", LANG: "en_US.UTF-8" } })).toMatchObject({
      language: "ja",
      source: "LC_MESSAGES",
    });
    expect(chooseLanguage({ env: { LANG: "ja_JP.UTF-8" } })).toMatchObject({
      language: "ja",
      source: "LANG",
    });
  });
  it("counts an empty variable as unset", () => {
    expect(chooseLanguage({ env: { JUNMAI_SYNC_LANG: "", LC_ALL: "", LANG: "ja_JP.UTF-8" } })).toMatchObject({
      language: "ja",
      source: "LANG",
    });
  });
  it("lets a POSIX locale without a catalogue mean English, not the OS language", () => {
    expect(chooseLanguage({ env: { LANG: "fr_FR.UTF-8" }, osLocale: "ja-JP" })).toMatchObject({
      language: "en",
      source: "LANG",
    });
  });
  it("falls back to the OS locale, then English", () => {
    expect(chooseLanguage({ ...none, osLocale: "ja-JP" })).toMatchObject({ language: "ja", source: "os" });
    expect(chooseLanguage({ ...none, osLocale: "de-DE" })).toMatchObject({
      language: "en",
      source: "default",
    });
    expect(chooseLanguage(none)).toMatchObject({ language: "en", source: "default" });
  });
});

describe("intlLocaleOf", () => {
  it("keeps the reader's region for formats", () => {
    expect(intlLocaleOf("en_GB.UTF-8", "en")).toBe("en-GB");
    expect(intlLocaleOf("ja_JP.UTF-8", "ja")).toBe("ja-JP");
    expect(intlLocaleOf(undefined, "ja")).toBe("ja-JP");
    expect(intlLocaleOf("C", "en")).toBe("en-US");
  });
});

describe("languageOfAcceptLanguage", () => {
  it("takes the best-weighted language we have", () => {
    expect(languageOfAcceptLanguage("ja-JP,ja;q=0.9,en-US;q=0.8")).toBe("ja");
    expect(languageOfAcceptLanguage("fr-FR,en;q=0.5,ja;q=0.4")).toBe("en");
    expect(languageOfAcceptLanguage("en;q=0.3,ja;q=0.8")).toBe("ja");
    expect(languageOfAcceptLanguage("fr")).toBeUndefined();
    expect(languageOfAcceptLanguage(undefined)).toBeUndefined();
  });
});
