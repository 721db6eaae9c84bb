/**
 * `watch`'s live view on a terminal: one status line kept at the bottom (queue counts, files
 * settling, transfers with their progress), redrawn in place; event lines scroll above it.
 * When piped it stays silent and only event lines are written.
 */
import type { StateCounts } from "../../domain/job.js";
import type { JobProgress } from "../../engine/events.js";
import { type Colors, formatBytes } from "./format.js";

export interface LiveLine {
  /** Writes a line above the status line. */
  print(line: string): void;
  progress(progress: JobProgress): void;
  finished(jobId: number): void;
  update(counts: StateCounts, settling: number): void;
  stop(): void;
}

export function createLiveLine(stream: NodeJS.WriteStream, colors: Colors): LiveLine {
  const tty = stream.isTTY === true;
  const transfers = new Map<number, JobProgress>();
  let status = "";
  const clear = () => {
    if (tty && status !== "") stream.write("\r\u001b[K");
  };
  const draw = () => {
    // A terminal that reports no size (some CI and `script` sessions) gets a generous line.
    const width = stream.columns !== undefined && stream.columns > 20 ? stream.columns - 1 : 160;
    if (tty && status !== "") stream.write(status.slice(0, width));
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
      const parts = [
        `${counts.uploading + counts.verifying} uploading`,
        `${counts.pending + counts.retrying} waiting`,
        `${counts.completed + counts.skipped} delivered`,
        counts.failed > 0 ? colors.red(`${counts.failed} failed`) : "0 failed",
        `${settling} settling`,
      ];
      if (speed > 0) parts.push(`${formatBytes(speed)}/s`);
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
