/**
 * A config file that is not JSON: say where (line and column, the line itself with a caret) and,
 * for the usual Windows mistake — a single `\` in a path — how to write it instead. JSON.parse
 * only says "Bad escaped character in JSON at position 52".
 */
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

export interface TextPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  readonly lineText: string;
}

export function jsonSyntaxError(text: string, error: unknown, file: string): SyncError {
  const raw = error instanceof Error ? error.message : String(error);
  const offset = /at position (\d+)/.exec(raw);
  const where = positionOf(text, offset === null ? text.length : Number(offset[1]));
  const reason = raw.replace(/\s*in JSON at position \d+.*$/s, "").replace(/\.$/, "");
  const caret = `${" ".repeat(Math.max(0, where.column - 1))}^`;
  const message = say("configFile.notJson", {
    file,
    line: where.line,
    column: where.column,
    reason,
    excerpt: `    ${where.lineText}\n    ${caret}`,
  });
  return new SyncError("CONFIG_INVALID", message, {
    cause: error,
    hint: hasLoneBackslash(text) ? say("configFile.backslashHint") : say("configFile.syntaxHint"),
  });
}

export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, Math.min(offset, text.length));
  const lineStart = before.lastIndexOf("\n") + 1;
  const lineEnd = text.indexOf("\n", lineStart);
  const lineText = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, "");
  return {
    line: before.split("\n").length,
    column: [...before.slice(lineStart)].length + 1,
    lineText,
  };
}

/**
 * A backslash that JSON cannot take inside a string (`C:\Users` — `\U` is no escape), or one
 * that swallowed the closing quote (`"C:\Photos\"`): both are a Windows path written as typed.
 */
export function hasLoneBackslash(text: string): boolean {
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === "\n") inString = false;
    else if (char === '"') inString = !inString;
    else if (inString && char === "\\") {
      const next = text[index + 1] ?? "";
      if (!'"\\/bfnrtu'.includes(next) || next === "") return true;
      // `\"` then the end of the value: the backslash ended a path and ate the quote.
      if (next === '"' && /^[ \t]*(?:[,}\]:]|\r?\n|$)/.test(text.slice(index + 2))) return true;
      index += 1;
    }
  }
  return false;
}
