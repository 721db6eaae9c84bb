/**
 * One frame of `upload --wait`'s progress, as lines of text: the batch in bytes (files as
 * text, speed, ETA) and a line per file moving bytes now, cut to the terminal's height with
 * "+N more". Pure, so what a person sees can be tested as text. A finished batch with failures
 * is drawn red (nothing delivered) or yellow (some delivered), never as a green 100 %.
 */
import type { Translator } from "../../i18n/translator.js";
import type { Colors } from "./format.js";

export interface TransferLine {
  readonly id: number;
  readonly name: string;
  readonly bytesDone: number;
  readonly sizeBytes: number | null;
  readonly speed: number | null;
}

export interface BatchSnapshot {
  readonly totalFiles: number;
  readonly totalBytes: number;
  /** Completed or skipped (already there). */
  readonly delivered: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Bytes of delivered files plus bytes sent of the files in flight. */
  readonly bytesDone: number;
  /** Smoothed bytes per second; null until known. */
  readonly speed: number | null;
  readonly etaSeconds: number | null;
  /** Files whose bytes are moving now. */
  readonly active: readonly TransferLine[];
  readonly finished: boolean;
}

export interface FrameOptions {
  readonly colors: Colors;
  /** The reader: words, sizes and durations in their language. */
  readonly tr: Translator;
  /** Terminal width; lines are cut to it. */
  readonly columns: number;
  /** Terminal height; the frame never takes more than this less one line. */
  readonly rows: number;
}

const BAR_WIDTH = 16;
const FILE_BAR_WIDTH = 12;
const NAME_WIDTH = 24;

export type BatchOutcome = "running" | "delivered" | "partial" | "failed";

export function batchOutcome(snapshot: BatchSnapshot): BatchOutcome {
  const missed = snapshot.failed + snapshot.cancelled;
  if (!snapshot.finished) return missed > 0 ? "partial" : "running";
  if (missed === 0) return "delivered";
  return snapshot.delivered > 0 ? "partial" : "failed";
}

/** Percent of the batch delivered: by bytes, or by files when the files hold no bytes. */
export function batchPercent(snapshot: BatchSnapshot): number {
  const ratio =
    snapshot.totalBytes > 0
      ? Math.min(snapshot.bytesDone, snapshot.totalBytes) / snapshot.totalBytes
      : snapshot.totalFiles > 0
        ? snapshot.delivered / snapshot.totalFiles
        : 0;
  const percent = Math.floor(ratio * 100);
  // A batch with a file missing is not done, whatever the bytes say (a failed empty file).
  return snapshot.failed + snapshot.cancelled > 0 ? Math.min(percent, 99) : percent;
}

export function batchFrame(snapshot: BatchSnapshot, options: FrameOptions): string[] {
  const { colors, tr } = options;
  const width = Math.max(20, options.columns - 1);
  const outcome = batchOutcome(snapshot);
  const paint =
    outcome === "failed"
      ? colors.red
      : outcome === "partial"
        ? colors.yellow
        : outcome === "delivered"
          ? colors.green
          : (text: string) => text;
  const mark =
    outcome === "failed" ? "✗ " : outcome === "partial" ? "! " : outcome === "delivered" ? "✓ " : "";
  const percent = batchPercent(snapshot);
  const parts = [
    shorten(`${mark}${tr.t("progress.batch")}`, NAME_WIDTH),
    paint(bar(percent, BAR_WIDTH)),
    `${String(percent).padStart(3)}%`,
    `${tr.bytes(snapshot.bytesDone)}/${tr.bytes(snapshot.totalBytes)}`,
    tr.t("progress.files", { done: snapshot.delivered, total: snapshot.totalFiles }),
  ];
  if (snapshot.failed > 0) parts.push(colors.red(tr.t("progress.failed", { count: snapshot.failed })));
  if (snapshot.cancelled > 0)
    parts.push(colors.yellow(tr.t("progress.cancelled", { count: snapshot.cancelled })));
  if (!snapshot.finished && snapshot.speed !== null)
    parts.push(tr.t("progress.speed", { rate: tr.bytes(Math.round(snapshot.speed)) }));
  if (!snapshot.finished && snapshot.etaSeconds !== null)
    parts.push(tr.t("progress.eta", { duration: tr.duration(snapshot.etaSeconds * 1000) }));
  const lines = [fitLine(parts, width)];
  if (snapshot.finished) return lines;

  // The batch line, the file lines, and one line spare so the terminal does not scroll.
  const room = Math.max(0, options.rows - 2);
  const shown = snapshot.active.length > room ? Math.max(0, room - 1) : snapshot.active.length;
  for (const transfer of snapshot.active.slice(0, shown)) lines.push(fitLine(fileParts(tr, transfer), width));
  const hidden = snapshot.active.length - shown;
  if (hidden > 0) lines.push(`  ${tr.t("progress.more", { count: hidden })}`);
  return lines;
}

function fileParts(tr: Translator, transfer: TransferLine): string[] {
  const percent =
    transfer.sizeBytes === null || transfer.sizeBytes === 0
      ? 0
      : Math.min(100, Math.floor((transfer.bytesDone / transfer.sizeBytes) * 100));
  const parts = [
    `  ${shorten(transfer.name, NAME_WIDTH - 2)}`,
    bar(percent, FILE_BAR_WIDTH),
    `${String(percent).padStart(3)}%`,
    `${tr.bytes(transfer.bytesDone)}/${transfer.sizeBytes === null ? "?" : tr.bytes(transfer.sizeBytes)}`,
  ];
  if (transfer.speed !== null && transfer.speed > 0)
    parts.push(tr.t("progress.speed", { rate: tr.bytes(Math.round(transfer.speed)) }));
  return parts;
}

function bar(percent: number, width: number): string {
  // Rounded down: a bar is full only at 100 %.
  const filled = Math.floor((Math.max(0, Math.min(100, percent)) / 100) * width);
  return `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
}

/** Columns a text takes on a terminal: East Asian wide characters (写真, ｶﾞ is narrow) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ANSI, "")) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** The name cut from the left (the end of a name says most) and padded to `width` columns. */
function shorten(name: string, width: number): string {
  if (displayWidth(name) <= width) return name + " ".repeat(width - displayWidth(name));
  const chars = [...name];
  let kept = "";
  for (let index = chars.length - 1; index >= 0; index -= 1) {
    const next = `${chars[index]}${kept}`;
    if (displayWidth(next) > width - 1) break;
    kept = next;
  }
  return `…${kept}`.padEnd(width - displayWidth(`…${kept}`) + `…${kept}`.length);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what it removes.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Joins parts with " · " (the name and bar with spaces) and drops whole parts past `width`. */
function fitLine(parts: readonly string[], width: number): string {
  let line = "";
  let visible = 0;
  for (const [index, part] of parts.entries()) {
    const separator = index === 0 ? "" : index <= 2 ? " " : " · ";
    const length = separator.length + displayWidth(part);
    if (index > 0 && visible + length > width) break;
    line += `${separator}${part}`;
    visible += length;
  }
  return line;
}
