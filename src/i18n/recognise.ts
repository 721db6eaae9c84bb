/**
 * Finds which catalogue message an English text is, and its parameters: a job's stored error
 * keeps only the English sentence, and this is how an edge shows it in another language without
 * storing more. Only the texts the engine and rclone layer record are tried (`stored.*`, then
 * `faults.*`, and the API's rendition sentences), and only templates with enough fixed text to
 * be told apart (not "{a}: {b}").
 */
import { en } from "./en/index.js";
import type { MessageRef } from "./message.js";

interface Pattern {
  readonly key: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(key: string, text: string): Pattern {
  const names: string[] = [];
  const source = text
    .split(/(\{[A-Za-z0-9_]+\})/)
    .map((part) => {
      const name = /^\{([A-Za-z0-9_]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegex(part);
      names.push(name);
      return "(.+?)";
    })
    .join("");
  return { key, regex: new RegExp(`^${source}$`, "s"), names };
}

const RECOGNISED = ["stored.", "faults.", "rendition."];

/** The English templates tried, stored.* first (the dashboard recognises with the same list). */
export function recognisableTemplates(): ReadonlyArray<readonly [string, string]> {
  return Object.entries(en)
    .filter(([key]) => RECOGNISED.some((prefix) => key.startsWith(prefix)))
    .filter(([, text]) => text.replace(/\{[A-Za-z0-9_]+\}/g, "").replace(/[\s:;,.·—-]/g, "").length >= 8)
    .sort(([a], [b]) => Number(b.startsWith("stored.")) - Number(a.startsWith("stored.")));
}

let patterns: readonly Pattern[] | undefined;

export function recogniseStored(message: string): MessageRef | undefined {
  patterns ??= recognisableTemplates().map(([key, text]) => compile(key, text));
  for (const pattern of patterns) {
    const match = pattern.regex.exec(message);
    if (match === null) continue;
    const params = Object.fromEntries(pattern.names.map((name, index) => [name, match[index + 1] ?? ""]));
    return { key: pattern.key, params };
  }
  return undefined;
}

const byPrefix = new Map<string, readonly Pattern[]>();

/**
 * The same for an English line an app function wrote with `t()` in one area (`service.`,
 * `integrate.` …): the edge shows it in its reader's language without the app knowing the reader.
 */
export function recogniseIn(message: string, prefix: string): MessageRef | undefined {
  let list = byPrefix.get(prefix);
  if (list === undefined) {
    list = Object.entries(en)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, text]) => compile(key, text));
    byPrefix.set(prefix, list);
  }
  for (const pattern of list) {
    const match = pattern.regex.exec(message);
    if (match === null) continue;
    return {
      key: pattern.key,
      params: Object.fromEntries(pattern.names.map((name, index) => [name, match[index + 1] ?? ""])),
    };
  }
  return undefined;
}
