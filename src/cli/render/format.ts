/** Small text helpers for the terminal: sizes, durations, colour (off under NO_COLOR or when piped). */
import type { ErrorInfo } from "../../domain/errors.js";
import type { Job } from "../../domain/job.js";
import { t } from "../../i18n/message.js";

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

/** Our summary, rclone's own words below it (a few lines: the rest is in `--json`), the hint. */
export function errorLines(error: ErrorInfo, indent = "  "): string[] {
  const lines = [`${indent}${error.code}: ${error.message}`];
  if (
    error.detail !== undefined &&
    error.detail.trim() !== "" &&
    !error.message.includes(error.detail.trim())
  ) {
    const detail = error.detail.trim().split("\n").slice(0, 3).join(" ⏎ ");
    lines.push(
      `${indent}${t("faults.rcloneWords", { detail: detail.length > 500 ? `${detail.slice(0, 499)}…` : detail })}`,
    );
  }
  for (const line of error.hint.split("\n")) lines.push(`${indent}hint: ${line}`);
  return lines;
}
