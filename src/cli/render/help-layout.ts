/**
 * `--help` laid out for full-width text: commander measures with `.length` and wraps only at
 * spaces, so a Japanese description would misalign its column and never wrap (Japanese has no
 * spaces). Here width is measured in terminal columns and a line may break between any two
 * Japanese characters, except before closing punctuation (、。）」), as Japanese typesetting does.
 */
import type { Argument, HelpConfiguration, Option } from "commander";
import type { Translator } from "../../i18n/translator.js";
import { textWidth } from "./text-width.js";

const WIDE = "\\u3000-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef";
const CLOSING = "、。，．）」』】〕！？：；ー";
const CHUNK = new RegExp(`\\s*(?:[${WIDE}][${CLOSING}]*|[^\\s${WIDE}]+)`, "gu");

/** Wraps `text` into lines of at most `width` columns. */
export function wrapColumns(text: string, width: number): string {
  const wrapped: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const chunks = line.match(CHUNK);
    if (chunks === null) {
      wrapped.push("");
      continue;
    }
    let current = chunks.shift() ?? "";
    let used = textWidth(current);
    for (const chunk of chunks) {
      const size = textWidth(chunk);
      if (used + size <= width) {
        current += chunk;
        used += size;
        continue;
      }
      wrapped.push(current);
      current = chunk.trimStart();
      used = textWidth(current);
    }
    wrapped.push(current);
  }
  return wrapped.join("\n");
}

/** What commander appends to a description — "(choices: …, default: …)" — in the reader's words. */
function withExtras(
  tr: Translator,
  description: string,
  choices: readonly string[] | undefined,
  defaultValue: unknown,
): string {
  const extras: string[] = [];
  if (choices !== undefined) {
    extras.push(tr.t("cli.help.choices", { choices: choices.map((c) => JSON.stringify(c)).join(", ") }));
  }
  if (defaultValue !== undefined && typeof defaultValue !== "boolean" && !Array.isArray(defaultValue)) {
    extras.push(tr.t("cli.help.default", { value: JSON.stringify(defaultValue) }));
  }
  return extras.length === 0
    ? description
    : tr.t("cli.help.withExtras", { description, extras: extras.join(", ") });
}

export function helpLayout(
  tr: Translator,
): Pick<HelpConfiguration, "displayWidth" | "boxWrap" | "optionDescription" | "argumentDescription"> {
  return {
    displayWidth: (text: string) => textWidth(text),
    boxWrap: (text: string, width: number) => (width < 40 ? text : wrapColumns(text, width)),
    optionDescription: (option: Option) =>
      withExtras(
        tr,
        option.description,
        option.argChoices,
        option.required || option.optional ? option.defaultValue : undefined,
      ),
    argumentDescription: (argument: Argument) =>
      withExtras(tr, argument.description, argument.argChoices, argument.defaultValue),
  };
}
