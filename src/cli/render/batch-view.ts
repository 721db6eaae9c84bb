/**
 * Shows a batch as it moves: on a terminal, an overall bar plus one bar per file in flight
 * (bytes, %, speed, ETA); when piped, one plain line per job outcome. Fed either by engine
 * events (work in this process) or by polling the store (work done by a daemon).
 */

import cliProgress from "cli-progress";
import stringWidth from "string-width";
import { describeError } from "../../app/describe-error.js";
import type { BatchSummary } from "../../domain/batch.js";
import type { Job } from "../../domain/job.js";
import type { JobProgress } from "../../engine/events.js";
import type { Translator } from "../../i18n/translator.js";
import { type Colors, fitColumns, padEndColumns, remoteOf } from "./format.js";

export interface BatchView {
  started(job: Job): void;
  progress(progress: JobProgress): void;
  changed(job: Job): void;
  /** Polling mode: the batch as the store sees it, and its jobs in flight. */
  poll(summary: BatchSummary, active: readonly Job[]): void;
  stop(): void;
}

export interface BatchViewOptions {
  readonly stream: NodeJS.WriteStream;
  readonly colors: Colors;
  readonly tr: Translator;
  readonly totalJobs: number;
  readonly totalBytes: number;
  readonly clock?: () => number;
}

export function createBatchView(options: BatchViewOptions): BatchView {
  return options.stream.isTTY ? new BarView(options) : new LineView(options);
}

/** The file name in a fixed number of terminal columns (写真_桜.jpg is wider than its length). */
function shortName(job: Job, width = 32): string {
  return fitColumns(job.remotePath.split("/").pop() ?? job.remotePath, width);
}

/** "✓ completed" and the like, padded to one width per language so the paths line up. */
function stateLabel(tr: Translator, mark: string, state: Job["state"]): string {
  const labels = (["completed", "skipped", "retrying", "failed", "cancelled"] as const).map((other) =>
    tr.t(`state.${other}`),
  );
  const width = Math.max(...labels.map((label) => stringWidth(label)));
  return `${mark} ${padEndColumns(tr.t(`state.${state}`), width)}`;
}

/** Text for a job that reached a state worth a line; undefined for states that are not. */
export function outcomeLine(
  job: Job,
  colors: Colors,
  tr: Translator,
  clock: () => number = Date.now,
): string | undefined {
  const size = job.sizeBytes === null ? "" : ` (${tr.bytes(job.sizeBytes)})`;
  switch (job.state) {
    case "completed":
      return `${colors.green(stateLabel(tr, "✓", job.state))}  ${remoteOf(job)}${size}`;
    case "skipped": {
      // Skipped with a reason (no rendition possible, a conflict kept): the reason, not "identical".
      const why =
        job.lastError?.code === "RENDITION_UNSUPPORTED"
          ? tr.t("rendition.unsupportedSkip")
          : job.lastError !== null
            ? `${job.lastError.code}: ${describeError(tr, job.lastError).message}`
            : tr.t("progress.identical");
      return `${colors.green(stateLabel(tr, "=", job.state))}  ${remoteOf(job)}${size} ${colors.dim(why)}`;
    }
    case "retrying": {
      const reason =
        job.lastError === null ? "" : `${job.lastError.code}: ${describeError(tr, job.lastError).message}`;
      const attempt = { reason, attempt: job.attempts, total: job.maxRetries + 1 };
      const detail =
        job.nextAttemptAt === null
          ? tr.t("progress.retrying", attempt)
          : tr.t("progress.retryingIn", { ...attempt, wait: tr.duration(job.nextAttemptAt - clock()) });
      return `${colors.yellow(stateLabel(tr, "↻", job.state))}  ${remoteOf(job)} ${colors.dim(detail)}`;
    }
    case "failed":
      return `${colors.red(stateLabel(tr, "✗", job.state))}  ${remoteOf(job)}  ${job.lastError?.code ?? ""}: ${job.lastError === null ? "" : describeError(tr, job.lastError).message}`;
    case "cancelled":
      return `${colors.yellow(stateLabel(tr, "-", job.state))}  ${remoteOf(job)}`;
    default:
      return undefined;
  }
}

class LineView implements BatchView {
  readonly #options: BatchViewOptions;
  readonly #printed = new Map<number, string>();

  constructor(options: BatchViewOptions) {
    this.#options = options;
  }

  started(): void {}
  progress(): void {}

  changed(job: Job): void {
    const line = outcomeLine(job, this.#options.colors, this.#options.tr, this.#options.clock);
    if (line === undefined) return;
    // Polling sees the same state many times: print each outcome once.
    const key = `${job.state}:${job.attempts}`;
    if (this.#printed.get(job.id) === key) return;
    this.#printed.set(job.id, key);
    this.#options.stream.write(`${line}\n`);
  }

  poll(): void {}
  stop(): void {}
}

class BarView implements BatchView {
  readonly #options: BatchViewOptions;
  readonly #multi: cliProgress.MultiBar;
  readonly #overall: cliProgress.SingleBar;
  readonly #files = new Map<number, cliProgress.SingleBar>();
  readonly #finished = new Set<number>();
  readonly #bytesOf = new Map<number, number>();
  #finishedBytes = 0;

  constructor(options: BatchViewOptions) {
    this.#options = options;
    this.#multi = new cliProgress.MultiBar(
      {
        stream: options.stream,
        hideCursor: true,
        clearOnComplete: false,
        autopadding: true,
        barsize: 24,
        format: "{label} {bar} {percentage}% | {detail}",
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    this.#overall = this.#multi.create(Math.max(1, options.totalJobs), 0, {
      label: padEndColumns(options.tr.t("progress.batch"), 32),
      detail: this.#overallDetail(),
    });
  }

  // A group claims many files at once: a file gets its bar once its bytes move, and loses it
  // once they are all sent, so the bars are the files in flight.
  started(): void {}

  #barOf(job: Job): cliProgress.SingleBar {
    let bar = this.#files.get(job.id);
    if (bar === undefined) {
      bar = this.#multi.create(Math.max(1, job.sizeBytes ?? 1), 0, { label: shortName(job), detail: "" });
      this.#files.set(job.id, bar);
    }
    return bar;
  }

  #dropBar(id: number): void {
    const bar = this.#files.get(id);
    if (bar === undefined) return;
    this.#multi.remove(bar);
    this.#files.delete(id);
  }

  progress(progress: JobProgress): void {
    this.#bytesOf.set(progress.job.id, progress.bytesDone);
    if (progress.sizeBytes !== null && progress.bytesDone >= progress.sizeBytes) {
      this.#dropBar(progress.job.id);
      this.#overall.update({ detail: this.#overallDetail() });
      return;
    }
    const bar = this.#barOf(progress.job);
    if (progress.sizeBytes !== null) bar.setTotal(Math.max(1, progress.sizeBytes));
    const { tr } = this.#options;
    const moved = {
      done: tr.bytes(progress.bytesDone),
      total: tr.bytes(progress.sizeBytes ?? 0),
      speed: tr.bytes(progress.speed),
    };
    bar.update(progress.bytesDone, {
      detail:
        progress.etaSeconds === null
          ? tr.t("progress.file", moved)
          : tr.t("progress.fileEta", { ...moved, eta: tr.duration(progress.etaSeconds * 1000) }),
    });
    this.#overall.update({ detail: this.#overallDetail() });
  }

  changed(job: Job): void {
    const line = outcomeLine(job, this.#options.colors, this.#options.tr, this.#options.clock);
    if (job.state === "retrying" || isDone(job)) {
      this.#dropBar(job.id);
      this.#bytesOf.delete(job.id);
    }
    if (isDone(job) && !this.#finished.has(job.id)) {
      this.#finished.add(job.id);
      this.#finishedBytes += job.state === "completed" || job.state === "skipped" ? (job.sizeBytes ?? 0) : 0;
      this.#overall.update(this.#finished.size, { detail: this.#overallDetail() });
    }
    if (line !== undefined && (job.state === "failed" || job.state === "retrying"))
      this.#multi.log(`${line}\n`);
  }

  poll(summary: BatchSummary, active: readonly Job[]): void {
    const inFlight = active.filter(
      (job) => job.bytesDone > 0 && (job.sizeBytes === null || job.bytesDone < job.sizeBytes),
    );
    const flying = new Set(inFlight.map((job) => job.id));
    for (const id of [...this.#files.keys()]) if (!flying.has(id)) this.#dropBar(id);
    for (const job of inFlight) {
      this.#barOf(job).update(job.bytesDone, {
        detail: `${this.#options.tr.bytes(job.bytesDone)}/${this.#options.tr.bytes(job.sizeBytes ?? 0)}`,
      });
    }
    const done =
      summary.counts.completed + summary.counts.skipped + summary.counts.failed + summary.counts.cancelled;
    this.#finishedBytes = summary.bytesDone;
    this.#overall.update(done, { detail: this.#overallDetail(done) });
  }

  stop(): void {
    this.#multi.stop();
  }

  #overallDetail(done = this.#finished.size): string {
    let moving = 0;
    for (const bytes of this.#bytesOf.values()) moving += bytes;
    const bytes = Math.min(this.#options.totalBytes, this.#finishedBytes + moving);
    const { tr } = this.#options;
    return tr.t("progress.overall", {
      done,
      total: this.#options.totalJobs,
      bytes: tr.bytes(bytes),
      totalBytes: tr.bytes(this.#options.totalBytes),
    });
  }
}

function isDone(job: Job): boolean {
  return (
    job.state === "completed" ||
    job.state === "skipped" ||
    job.state === "failed" ||
    job.state === "cancelled"
  );
}
