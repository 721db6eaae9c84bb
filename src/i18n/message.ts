/**
 * Every sentence a person reads comes from here, by key, with named parameters. The text lives
 * in the catalogues (`en/` and `ja/`, one file per area), never at the call site, so no sentence
 * is built from fragments — word order differs between English and Japanese.
 *
 * The parameters of a key are read from its English text's `{name}` placeholders at compile
 * time, so a missing or misspelt parameter is a type error; `ja/` must have every key of `en/`
 * (a type error too) with the same placeholders (test/unit/i18n-catalogue.test.ts).
 *
 * `t` is the English text, for places with no reader yet (logs, defaults); an edge that knows
 * its reader uses that reader's `Translator` (translator.ts).
 */
import { en } from "./en/index.js";

export type Catalogue = typeof en;
export type MessageKey = keyof Catalogue;

/** The `{name}` placeholders of a message text, as a union of their names. */
export type PlaceholdersOf<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

export type MessageParams<Key extends MessageKey> = Readonly<
  Record<PlaceholdersOf<Catalogue[Key]>, string | number>
>;

/** `[params]` only for keys whose text has placeholders. */
export type ParamsArg<Key extends MessageKey> = [PlaceholdersOf<Catalogue[Key]>] extends [never]
  ? []
  : [params: MessageParams<Key>];

/** Keys written as a pair `<base>.one` / `<base>.other`: chosen by `Intl.PluralRules`. */
export type PluralBase = MessageKey extends infer Key
  ? Key extends `${infer Base}.other`
    ? Base
    : never
  : never;

/** The parameters of a plural message other than `count`, which the translator supplies. */
export type PluralParamsArg<Base extends PluralBase> = [
  Exclude<PlaceholdersOf<Catalogue[`${Base}.other` & MessageKey]>, "count">,
] extends [never]
  ? []
  : [
      params: Readonly<
        Record<Exclude<PlaceholdersOf<Catalogue[`${Base}.other` & MessageKey]>, "count">, string | number>
      >,
    ];

/** A message named by key, to be rendered later in the reader's language (see SyncError's `says`). */
export interface MessageRef {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /**
   * The parameters that are instants (milliseconds since 1970): each reader's edge writes them
   * with its own date format, as it writes every other date (`Translator.dateTime`); the English
   * text for JSON and logs has them in ISO 8601.
   */
  readonly instants?: readonly string[];
}

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** Fills `{name}` placeholders; a parameter the text does not name is ignored. */
export function fill(text: string, params: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The placeholder names of a text, sorted (for the completeness test). */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""))].sort();
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The English sentence for `key` (logs, machine-facing defaults). */
export function t<Key extends MessageKey>(key: Key, ...params: ParamsArg<Key>): string {
  return fill(en[key], params[0]);
}

/**
 * Names a message for a reader not known yet: a throw site says which sentence it means and the
 * edge that shows the error renders it in its reader's language.
 */
export function say<Key extends MessageKey>(key: Key, ...params: ParamsArg<Key>): MessageRef {
  return params[0] === undefined ? { key } : { key, params: params[0] };
}

/** `ref` with its parameters `names` marked as instants (see `MessageRef.instants`). */
export function withInstants(ref: MessageRef, ...names: readonly string[]): MessageRef {
  return names.length === 0 ? ref : { ...ref, instants: [...(ref.instants ?? []), ...names] };
}

/** `ref`'s parameters with its instants written by `format` (a reader's date, or ISO 8601). */
export function paramsOf(
  ref: MessageRef,
  format: (epochMs: number) => string,
): Readonly<Record<string, string | number>> | undefined {
  const { params, instants } = ref;
  if (params === undefined || instants === undefined || instants.length === 0) return params;
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === "number" && instants.includes(name) ? format(value) : value,
    ]),
  );
}

/** Every text whose key starts with one of `prefixes`, for a page that fills them itself. */
export function messagesOf(prefixes: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(en).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))),
  );
}
