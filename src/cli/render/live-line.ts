/**
 * `watch`'s live view on a terminal: one status line kept at the bottom (queue counts, files
 * settling, transfers with their progress), redrawn in place; event lines scroll above it.
 * When piped it stays silent and only event lines are written.
 */

import type { StateCounts } from "../../domain/job.js";
import type { JobProgress } from "../../engine/events.js";
import type { Translator } from "../../i18n/translator.js";
import type { Colors } from "./format.js";
import { textWidth } from "./text-width.js";

export interface LiveLine {
  /** Writes a line above the status line. */
  print(line: string): void;
  progress(progress: JobProgress): void;
  finished(jobId: number): void;
  update(counts: StateCounts, settling: number): void;
  stop(): void;
}

export function createLiveLine(stream: NodeJS.WriteStream, colors: Colors, tr: Translator): LiveLine {
  const tty = stream.isTTY === true;
  const transfers = new Map<number, JobProgress>();
  let status = "";
  const clear = () => {
    if (tty && status !== "") stream.write("\r\u001b[K");
  };
  const draw = () => {
    // A terminal that reports no size (some CI and `script` sessions) gets a generous line.
    const width = stream.columns !== undefined && stream.columns > 20 ? stream.columns - 1 : 160;
    if (tty && status !== "") stream.write(cutToColumns(status, width));
  };
  return {
    print(line) {
      clear();
      stream.write(`${line}\n`);
      draw();
    },
    progress(progress) {
      transfers.set(progress.job.id, progress);
    },
    finished(jobId) {
      transfers.delete(jobId);
    },
    update(counts, settling) {
      if (!tty) return;
      const moving = [...transfers.values()].slice(0, 3).map((progress) => {
        const name = progress.job.remotePath.split("/").pop() ?? "";
        const percent = progress.sizeBytes
          ? `${Math.floor((100 * progress.bytesDone) / progress.sizeBytes)}%`
          : "…";
        return `${name} ${percent}`;
      });
      const speed = [...transfers.values()].reduce((sum, progress) => sum + progress.speed, 0);
      const failed = tr.t("watch.status.failed", { count: counts.failed });
      const parts = [
        tr.t("watch.status.uploading", { count: counts.uploading + counts.verifying }),
        tr.t("watch.status.waiting", { count: counts.pending + counts.retrying }),
        tr.t("watch.status.delivered", { count: counts.completed + counts.skipped }),
        counts.failed > 0 ? colors.red(failed) : failed,
        tr.t("watch.status.settling", { count: settling }),
      ];
      if (speed > 0) parts.push(tr.t("watch.status.speed", { speed: tr.bytes(speed) }));
      if (moving.length > 0) parts.push(`↑ ${moving.join(", ")}`);
      clear();
      status = parts.join(" · ");
      draw();
    },
    stop() {
      clear();
      status = "";
    },
  };
}

/**
 * The first `columns` terminal columns of a line: Japanese characters take two columns each, so
 * cutting by `.slice` would wrap the status line and break the redraw.
 */
function cutToColumns(text: string, columns: number): string {
  if (textWidth(text) <= columns) return text;
  let width = 0;
  let cut = "";
  for (const char of text) {
    width += textWidth(char);
    if (width > columns) break;
    cut += char;
  }
  return cut;
}
