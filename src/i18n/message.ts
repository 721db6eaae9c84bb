/**
 * Every sentence a person reads comes from here, by key, with named parameters. The text lives
 * in the catalogue (`en/`, one file per area), never at the call site, so a second language is
 * a second catalogue of the same keys (issue 27) and no sentence is built from fragments —
 * word order differs between English and Japanese.
 *
 * The parameters of a key are read from its text's `{name}` placeholders at compile time, so a
 * missing or misspelt parameter is a type error.
 */
import { en } from "./en/index.js";

export type Catalogue = typeof en;
export type MessageKey = keyof Catalogue;

/** The `{name}` placeholders of a message text, as a union of their names. */
type PlaceholdersOf<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

export type MessageParams<Key extends MessageKey> = Readonly<
  Record<PlaceholdersOf<Catalogue[Key]>, string | number>
>;

/** `[params]` only for keys whose text has placeholders. */
type ParamsArg<Key extends MessageKey> = [PlaceholdersOf<Catalogue[Key]>] extends [never]
  ? []
  : [params: MessageParams<Key>];

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** Fills `{name}` placeholders; a parameter the text does not name is ignored. */
export function fill(text: string, params: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The sentence for `key` in the reader's language (English until the `ja` catalogue lands). */
export function t<Key extends MessageKey>(key: Key, ...params: ParamsArg<Key>): string {
  return fill(en[key], params[0]);
}

/** Every text whose key starts with one of `prefixes`, for a page that fills them itself. */
export function messagesOf(prefixes: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(en).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))),
  );
}
