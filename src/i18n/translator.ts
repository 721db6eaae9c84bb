/**
 * A reader: their language's catalogue and their locale's formats, made once at an edge (the CLI
 * from its options and environment, the dashboard from the browser, a notification from the
 * config) and passed to whatever renders text for them.
 */

import { en } from "./en/index.js";
import { createFormats, type Formats } from "./format.js";
import { ja } from "./ja/index.js";
import type { Language } from "./language.js";
import { intlLocaleOf } from "./language.js";
import {
  fill,
  isMessageKey,
  type MessageKey,
  type MessageRef,
  type ParamsArg,
  type PluralBase,
  type PluralParamsArg,
  paramsOf,
} from "./message.js";

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = Object.freeze({
  en,
  ja,
});

export interface Translator extends Formats {
  readonly language: Language;
  /** The BCP 47 tag used for `Intl` ("ja-JP", "en-GB" …). */
  readonly locale: string;
  t<Key extends MessageKey>(key: Key, ...params: ParamsArg<Key>): string;
  /** A `<base>.one` / `<base>.other` message for `count`, chosen by `Intl.PluralRules`. */
  plural<Base extends PluralBase>(base: Base, count: number, ...params: PluralParamsArg<Base>): string;
  /** A message named earlier (a SyncError's `says`); undefined for a key this build lacks. */
  render(ref: MessageRef): string | undefined;
  /** 42s, 3m05s, 1h02m — or 42秒, 3分05秒, 1時間02分. */
  duration(ms: number): string;
}

export interface TranslatorOptions {
  /** The locale name the language came from, for regional formats (en_GB → en-GB). */
  readonly locale?: string | undefined;
  readonly timeZone?: string | undefined;
}

export function createTranslator(language: Language, options: TranslatorOptions = {}): Translator {
  const catalogue = CATALOGUES[language];
  const locale = intlLocaleOf(options.locale, language);
  const formats = createFormats({ locale, timeZone: options.timeZone });
  let rules: Intl.PluralRules | undefined;
  const text = (key: MessageKey, params?: Readonly<Record<string, string | number>>) =>
    fill(catalogue[key], params);
  const two = (value: number) => String(value).padStart(2, "0");
  return {
    ...formats,
    language,
    locale,
    t: (key, ...params) => text(key, params[0]),
    plural(base, count, ...params) {
      rules ??= new Intl.PluralRules(locale);
      const chosen = `${base}.${rules.select(count)}`;
      const key = isMessageKey(chosen) ? chosen : (`${base}.other` as MessageKey);
      return text(key, { ...params[0], count: formats.number(count) });
    },
    render: (ref) => (isMessageKey(ref.key) ? text(ref.key, paramsOf(ref, formats.dateTime)) : undefined),
    duration(ms) {
      const seconds = Math.max(0, Math.round(ms / 1000));
      if (seconds < 60) return text("format.seconds", { s: seconds });
      const minutes = Math.floor(seconds / 60);
      if (minutes < 60) return text("format.minutesSeconds", { m: minutes, s: two(seconds % 60) });
      return text("format.hoursMinutes", { h: Math.floor(minutes / 60), m: two(minutes % 60) });
    },
  };
}
