/** Small text helpers for the terminal: sizes, durations, colour (off under NO_COLOR or when piped). */

import { describeError } from "../../app/describe-error.js";
import type { ErrorInfo, SyncError } from "../../domain/errors.js";
import type { Job } from "../../domain/job.js";
import type { Translator } from "../../i18n/translator.js";
import { textWidth } from "./text-width.js";

export { formatBytes, formatDuration } from "../../domain/units.js";

/** A bandwidth limit in the binary units it is written in (rclone's): 500K → "500 KiB/s". */
export function formatRate(bytesPerSecond: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytesPerSecond;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = Number.isInteger(value) || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}/s`;
}

export interface Colors {
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Colors {
  const on = stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== "dumb";
  const wrap = (open: number, close: number) => (text: string) =>
    on ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}

export function remoteOf(job: Pick<Job, "destination" | "remotePath">): string {
  return `${job.destination}:${job.remotePath}`;
}

/**
 * An error as lines: the English code, then the message in the reader's language, rclone's own
 * words below it (a few lines: the rest is in `--json`), and the hint in the reader's language.
 * `attempts` lets a stored error's "all N attempts failed" hint be translated too.
 */
export function errorLines(
  tr: Translator,
  error: SyncError | ErrorInfo,
  indent = "  ",
  attempts?: number,
  showDetail = true,
): string[] {
  const readable = describeError(tr, error, attempts === undefined ? {} : { attempts });
  const lines = [`${indent}${tr.t("cli.errorLine", { code: readable.code, message: readable.message })}`];
  if (
    showDetail &&
    error.detail !== undefined &&
    error.detail.trim() !== "" &&
    !error.message.includes(error.detail.trim())
  ) {
    const detail = error.detail.trim().split("\n").slice(0, 3).join(" ⏎ ");
    lines.push(
      `${indent}${tr.t("faults.rcloneWords", { detail: detail.length > 500 ? `${detail.slice(0, 499)}…` : detail })}`,
    );
  }
  for (const line of readable.hint.split("\n")) lines.push(`${indent}${tr.t("cli.hint", { hint: line })}`);
  return lines;
}

/**
 * Pads to a width in terminal columns, not UTF-16 units: 写真_桜.jpg takes 11 columns, and
 * `.padEnd` would count 8 and leave the next column crooked.
 */
export function padEndColumns(text: string, columns: number): string {
  return text + " ".repeat(Math.max(0, columns - textWidth(text)));
}

/** Cuts the start off a name that is wider than `columns`, keeping its end (the file name). */
export function fitColumns(text: string, columns: number): string {
  if (textWidth(text) <= columns) return padEndColumns(text, columns);
  const chars = [...text];
  let kept = "";
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    const next = `${chars[i]}${kept}`;
    if (textWidth(next) > columns - 1) break;
    kept = next;
  }
  return padEndColumns(`…${kept}`, columns);
}
