/**
 * Shows a batch as it moves. On a terminal: the batch bar in bytes and a bar per file moving
 * now, redrawn in place five times a second, never taller than the terminal. When piped: one
 * line per outcome, written together five times a second (a batch of 10 000 small photos made
 * 10 000 writes to a log file, 0.17 s of CPU), and a progress line every ten seconds. Fed by
 * engine events (work in this process), the daemon's event stream, or the queue (see
 * batch-progress.ts).
 */
import type { BatchSummary } from "../../domain/batch.js";
import type { Job } from "../../domain/job.js";
import type { JobProgress } from "../../engine/events.js";
import type { Translator } from "../../i18n/translator.js";
import { batchFrame, batchPercent } from "./batch-frame.js";
import { BatchProgress, type OutcomeUpdate, type TransferUpdate } from "./batch-progress.js";
import type { Colors } from "./format.js";
import { outcomeLine } from "./outcome-line.js";

export interface BatchView {
  /** Bytes of one file so far. */
  transfer(update: TransferUpdate): void;
  /** A job changed state; a job in hand prints its outcome line. */
  outcome(update: OutcomeUpdate | Job): void;
  /** The queue's view of the batch (polled). */
  summary(summary: BatchSummary): void;
  /** Engine events of this process. */
  progress(progress: JobProgress): void;
  /** A line for the person, above the bars. */
  note(text: string): void;
  /** Draws the last frame: the batch as it ended. */
  finish(summary: BatchSummary): void;
  stop(): void;
}

export interface BatchViewOptions {
  readonly stream: NodeJS.WriteStream;
  readonly colors: Colors;
  readonly tr: Translator;
  readonly totalJobs: number;
  readonly totalBytes: number;
  readonly clock?: () => number;
  /** Piped: how often a progress line is written. */
  readonly lineIntervalMs?: number;
}

const FRAME_MS = 200;
const LINE_INTERVAL_MS = 10_000;

export function createBatchView(options: BatchViewOptions): BatchView {
  return new ProgressView(options);
}

function isJob(update: OutcomeUpdate | Job): update is Job {
  return "remotePath" in update;
}

class ProgressView implements BatchView {
  readonly #options: BatchViewOptions;
  readonly #clock: () => number;
  readonly #state: BatchProgress;
  readonly #printed = new Map<number, string>();
  readonly #tty: boolean;
  readonly #timer: NodeJS.Timeout | undefined;
  #drawnLines = 0;
  /** Piped: outcome lines not written yet. */
  #pending: string[] = [];
  #lastLineAt: number;
  #stopped = false;

  constructor(options: BatchViewOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.#state = new BatchProgress(options.totalJobs, options.totalBytes);
    this.#tty = options.stream.isTTY === true;
    this.#lastLineAt = this.#clock();
    this.#timer = setInterval(() => this.#tick(), FRAME_MS);
    this.#timer.unref();
  }

  transfer(update: TransferUpdate): void {
    this.#state.transfer(update, this.#clock());
  }

  progress(progress: JobProgress): void {
    this.transfer({
      id: progress.job.id,
      remotePath: progress.job.remotePath,
      bytesDone: progress.bytesDone,
      sizeBytes: progress.sizeBytes,
      speed: progress.speed,
    });
  }

  outcome(update: OutcomeUpdate | Job): void {
    this.#state.outcome(update, this.#clock());
    if (!isJob(update)) return;
    // A terminal shows what went wrong above the bars; a log gets every outcome.
    if (this.#tty && update.state !== "failed" && update.state !== "retrying") return;
    const line = outcomeLine(update, this.#options.colors, this.#options.tr, this.#clock);
    if (line === undefined) return;
    // The queue and the events can both report one outcome: print it once.
    const key = `${update.state}:${update.attempts}`;
    if (this.#printed.get(update.id) === key) return;
    this.#printed.set(update.id, key);
    if (this.#tty) this.#write(`${line}\n`);
    else this.#pending.push(`${line}\n`);
  }

  summary(summary: BatchSummary): void {
    this.#state.summary(summary, this.#clock());
  }

  note(text: string): void {
    this.#write(`${text}\n`);
  }

  finish(summary: BatchSummary): void {
    if (this.#stopped) return;
    this.#state.summary(summary, this.#clock());
    if (this.#tty) this.#draw(true);
    this.stop();
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#flush();
    if (this.#tty && this.#drawnLines > 0) this.#options.stream.write("\n");
    this.#drawnLines = 0;
  }

  #tick(): void {
    if (this.#stopped) return;
    if (this.#tty) {
      this.#draw(false);
      return;
    }
    this.#flush();
    const now = this.#clock();
    if (now - this.#lastLineAt < (this.#options.lineIntervalMs ?? LINE_INTERVAL_MS)) return;
    this.#lastLineAt = now;
    this.#options.stream.write(`${plainLine(this.#options.tr, this.#state, now)}\n`);
  }

  /** Piped: the outcome lines so far, in one write. */
  #flush(): void {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join("");
    this.#pending = [];
    this.#options.stream.write(text);
  }

  /** Writes text above the frame (a terminal) or as is (piped), after the lines before it. */
  #write(text: string): void {
    if (!this.#tty) {
      this.#flush();
      this.#options.stream.write(text);
      return;
    }
    this.#erase();
    this.#options.stream.write(text);
    this.#draw(false);
  }

  #erase(): void {
    if (this.#drawnLines === 0) return;
    // Back to the first line of the frame, then clear to the end of the screen.
    const up = this.#drawnLines - 1;
    this.#options.stream.write(`\r${up > 0 ? `\u001b[${up}A` : ""}\u001b[J`);
    this.#drawnLines = 0;
  }

  #draw(finished: boolean): void {
    const { stream, colors, tr } = this.#options;
    const lines = batchFrame(this.#state.snapshot(this.#clock(), finished), {
      colors,
      tr,
      columns: stream.columns ?? 100,
      rows: stream.rows ?? 24,
    });
    this.#erase();
    stream.write(lines.join("\n"));
    this.#drawnLines = lines.length;
  }
}

/** Piped: "42% · 81 MB of 192 MB · 12/36 files · 8.1 MB/s · ETA 14s". */
function plainLine(tr: Translator, state: BatchProgress, now: number): string {
  const snapshot = state.snapshot(now);
  const parts = [
    tr.t("progress.summary", {
      percent: batchPercent(snapshot),
      bytes: tr.bytes(snapshot.bytesDone),
      total: tr.bytes(snapshot.totalBytes),
      files: tr.t("progress.files", { done: snapshot.delivered, total: snapshot.totalFiles }),
    }),
  ];
  if (snapshot.failed > 0) parts.push(tr.t("progress.failed", { count: snapshot.failed }));
  if (snapshot.speed !== null)
    parts.push(tr.t("progress.speed", { rate: tr.bytes(Math.round(snapshot.speed)) }));
  if (snapshot.etaSeconds !== null)
    parts.push(tr.t("progress.eta", { duration: tr.duration(snapshot.etaSeconds * 1000) }));
  return parts.join(" · ");
}
