/**
 * Why a config text was refused, pinned to its place: the key, its line and column, and the
 * message the CLI would print. Shown by the daemon's log, the dashboard's banner, `status` and
 * `doctor` while the running config stays in force.
 */
import { keyPathText, lineAndColumn, positionOf } from "../config/config-position.js";
import { configSchema } from "../config/schema.js";
import { toSyncError } from "../domain/errors.js";

export interface ConfigFault {
  readonly file: string;
  readonly message: string;
  readonly hint: string;
  /** `destinations[1].concurrency`, or null when the text is not JSON or the whole file is wrong. */
  readonly key: string | null;
  readonly line: number | null;
  readonly column: number | null;
  /** When it was found (ms). */
  readonly at: number;
}

export function faultOf(file: string, text: string | undefined, error: unknown, at: number): ConfigFault {
  const syncError = toSyncError(error, "CONFIG_INVALID");
  const place = text === undefined ? undefined : placeOf(text);
  return {
    file,
    message: syncError.message,
    hint: syncError.hint,
    key: place?.key ?? null,
    line: place?.line ?? null,
    column: place?.column ?? null,
    at,
  };
}

function placeOf(text: string): { key: string | null; line: number; column: number } | undefined {
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error: unknown) {
    return syntaxPlace(text, error instanceof Error ? error.message : "");
  }
  const result = configSchema.safeParse(input);
  const issue = result.success ? undefined : result.error.issues[0];
  if (issue === undefined) return undefined;
  const keyPath = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const position = positionOf(text, issue.path);
  return position === undefined ? undefined : { key: keyPathText(keyPath), ...position };
}

/** V8 names the place of a syntax error as "at position N" or "(line L column C)". */
function syntaxPlace(text: string, message: string): { key: null; line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn !== null) return { key: null, line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (position !== null) return { key: null, ...lineAndColumn(text, Number(position[1])) };
  return undefined;
}
