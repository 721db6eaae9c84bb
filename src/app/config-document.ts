/**
 * The config file as the settings pages see it: secrets replaced by a placeholder on the way
 * out and put back on the way in, the user's key order kept when a new document is written,
 * and an etag so two editors cannot overwrite each other silently.
 */
import { createHash } from "node:crypto";
import { redactSecrets } from "../domain/redact.js";

/** What the browser sees instead of a secret; sending it back keeps the stored secret. */
export const SECRET_PLACEHOLDER = "(set)";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A strong etag of the file's exact text. */
export function etagOf(text: string): string {
  return `"${createHash("sha256").update(text).digest("hex").slice(0, 32)}"`;
}

/** Keys of notification channels that hold secrets (webhook URLs carry their key in the path). */
const CHANNEL_SECRETS = new Set(["url", "token", "password", "headers"]);

/** Every place a secret may sit, as a path into the document. */
function isSecret(path: readonly (string | number)[], value: Json): boolean {
  const [section, , key] = path;
  if (section === "notify" && path.length === 3 && typeof key === "string") {
    return CHANNEL_SECRETS.has(key);
  }
  if (section === "store" && path[1] === "url")
    return typeof value === "string" && redactSecrets(value) !== value;
  if (section === "destinations" && key === "remote") {
    return typeof value === "string" && redactSecrets(value) !== value;
  }
  return false;
}

/** The document with each secret replaced by SECRET_PLACEHOLDER. */
export function withoutSecrets(document: unknown): unknown {
  return walk(document as Json, []);
  function walk(value: Json, path: (string | number)[]): Json {
    if (isSecret(path, value)) return SECRET_PLACEHOLDER;
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key])]),
      );
    }
    return value;
  }
}

/**
 * `incoming` with every placeholder replaced by the secret stored at the same place (a
 * destination found by its name, a channel by its place and type). A placeholder with no
 * stored secret behind it is returned as a key path, for the refusal.
 */
export function withSecretsFrom(
  incoming: unknown,
  stored: unknown,
): { readonly document: unknown; readonly unmatched: readonly (string | number)[][] } {
  const unmatched: (string | number)[][] = [];
  const document = walk(incoming as Json, stored as Json | undefined, []);
  return { document, unmatched };

  function walk(value: Json, before: Json | undefined, path: (string | number)[]): Json {
    if (value === SECRET_PLACEHOLDER) {
      if (before !== undefined && before !== SECRET_PLACEHOLDER) return before;
      unmatched.push(path);
      return value;
    }
    if (Array.isArray(value)) {
      return value.map((item, index) => walk(item, counterpart(before, item, index, path), [...path, index]));
    }
    if (value !== null && typeof value === "object") {
      const old = isObject(before) ? before : undefined;
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, walk(item, old?.[key], [...path, key])]),
      );
    }
    return value;
  }
}

/** The stored array item that `item` continues: same name for destinations, same place and type otherwise. */
function counterpart(
  before: Json | undefined,
  item: Json,
  index: number,
  path: readonly (string | number)[],
): Json | undefined {
  if (!Array.isArray(before)) return undefined;
  if (isObject(item) && typeof item.name === "string" && path[0] === "destinations") {
    return before.find((old) => isObject(old) && old.name === item.name);
  }
  const old = before[index];
  if (isObject(item) && isObject(old) && item.type !== old.type) return undefined;
  return old;
}

/**
 * `next` with its keys in the order the user wrote them in `previous` (new keys last), so a
 * write from the dashboard changes only what changed.
 */
export function inPreviousOrder(next: unknown, previous: unknown): unknown {
  return order(next as Json, previous as Json | undefined, []);
  function order(value: Json, before: Json | undefined, path: (string | number)[]): Json {
    if (Array.isArray(value)) {
      return value.map((item, index) =>
        order(item, counterpart(before, item, index, path), [...path, index]),
      );
    }
    if (value === null || typeof value !== "object") return value;
    const old = isObject(before) ? Object.keys(before) : [];
    const keys = [
      ...old.filter((key) => Object.hasOwn(value, key)),
      ...Object.keys(value).filter((key) => !old.includes(key)),
    ];
    return Object.fromEntries(
      keys.map((key) => [
        key,
        order(value[key] as Json, isObject(before) ? before[key] : undefined, [...path, key]),
      ]),
    );
  }
}

/** The indentation the user's file uses (two spaces when it cannot tell). */
export function indentOf(text: string | undefined): string | number {
  const match = /\n([ \t]+)"/.exec(text ?? "");
  return match?.[1] ?? 2;
}

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
