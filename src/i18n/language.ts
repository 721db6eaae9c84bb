/**
 * The reader's language: `en` or `ja`. Chosen once at an edge from what the reader told us, in
 * the order issue 27 fixes — the command line, the program's own variable, the config, the POSIX
 * locale variables, the operating system's locale — and passed down as a value (a Translator),
 * never kept in a global.
 */

export const LANGUAGES = ["en", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language of a locale name in any of the forms people meet: POSIX (`ja_JP.UTF-8`,
 * `en_US@euro`), BCP 47 (`ja-JP`, `en`), `C` / `POSIX` (which mean the program's own text,
 * English). Undefined for a language we have no catalogue for.
 */
export function languageOfLocale(locale: string): Language | undefined {
  const name = locale.trim();
  if (name === "C" || name === "POSIX" || name.startsWith("C.")) return "en";
  const primary = name.split(/[-_.@]/, 1)[0]?.toLowerCase() ?? "";
  return isLanguage(primary) ? primary : undefined;
}

/**
 * The BCP 47 tag to hand to `Intl` for a locale name, so an `en_GB` reader gets British dates
 * while reading the English catalogue. Falls back to the language's usual region.
 */
export function intlLocaleOf(locale: string | undefined, language: Language): string {
  const fallback = language === "ja" ? "ja-JP" : "en-US";
  if (locale === undefined) return fallback;
  const tag = locale.trim().split(/[.@]/, 1)[0]?.replace(/_/g, "-") ?? "";
  if (languageOfLocale(tag) !== language) return fallback;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? fallback;
  } catch {
    return fallback;
  }
}

export interface LanguageSources {
  /** `--lang` on the command line. */
  readonly flag?: string | undefined;
  /** The environment (JUNMAI_SYNC_LANG, LC_ALL, LC_MESSAGES, LANG). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The config's `language` (or a function that reads it, asked only when needed). */
  readonly configLanguage?: string | (() => string | undefined) | undefined;
  /**
   * The operating system's locale (`Intl.DateTimeFormat().resolvedOptions().locale`), or a
   * function asked only when nothing before it decided (it costs a little start-up time).
   */
  readonly osLocale?: string | (() => string | undefined) | undefined;
}

export interface LanguageChoice {
  readonly language: Language;
  /** The locale name the choice came from, for `Intl` (region, e.g. en-GB). */
  readonly locale: string | undefined;
  /** Which source decided, for `doctor` and tests. */
  readonly source:
    | "flag"
    | "JUNMAI_SYNC_LANG"
    | "config"
    | "LC_ALL"
    | "LC_MESSAGES"
    | "LANG"
    | "os"
    | "default";
}

/**
 * The first source that names a language wins. The POSIX variables are read as POSIX reads
 * them: the first non-empty one of LC_ALL, LC_MESSAGES, LANG decides (an empty variable counts
 * as unset), even when it names a language we do not have — then the reader gets English, not
 * the operating system's language.
 */
export function chooseLanguage(sources: LanguageSources): LanguageChoice {
  const explicit = [
    ["flag", sources.flag],
    ["JUNMAI_SYNC_LANG", sources.env.JUNMAI_SYNC_LANG],
    ["config", sources.configLanguage],
  ] as const;
  for (const [source, given] of explicit) {
    const value = typeof given === "function" ? given() : given;
    if (value === undefined || value === "") continue;
    const language = languageOfLocale(value);
    if (language !== undefined) return { language, locale: value, source };
  }
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"] as const) {
    const value = sources.env[name];
    if (value === undefined || value === "") continue;
    const language = languageOfLocale(value) ?? "en";
    return { language, locale: languageOfLocale(value) === undefined ? undefined : value, source: name };
  }
  const os = typeof sources.osLocale === "function" ? sources.osLocale() : sources.osLocale;
  if (os !== undefined && os !== "") {
    const language = languageOfLocale(os);
    if (language !== undefined) return { language, locale: os, source: "os" };
  }
  return { language: "en", locale: undefined, source: "default" };
}

/** The operating system's locale as `Intl` sees it (Windows and macOS included). */
export function osLocale(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return undefined;
  }
}

/**
 * The first language of an HTTP `Accept-Language` header (or `navigator.languages`) we have a
 * catalogue for, by the listed weights.
 */
export function languageOfAcceptLanguage(header: string | undefined): Language | undefined {
  if (header === undefined) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag !== "" && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const language = languageOfLocale(tag);
    if (language !== undefined) return language;
  }
  return undefined;
}
