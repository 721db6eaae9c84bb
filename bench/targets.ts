/** The bench's numbers beside issue 22's targets, met (✓) or not (✗). */
import type { CliStart } from "./cli-start.js";
import type { IdleDaemon } from "./idle-daemon.js";
import type { QueueScale } from "./queue-scale.js";

export interface TargetInputs {
  /** Wall ms, median: [rclone, ours] per data set. */
  readonly a?: readonly [number, number];
  readonly b?: readonly [number, number];
  readonly c?: readonly [number, number];
  /** Wall ms, median, of the design's rclone steps alone for B and C (design-floor.ts). */
  readonly floorB?: number;
  readonly floorC?: number;
  readonly filesB?: number;
  readonly filesC?: number;
  readonly queue?: QueueScale;
  readonly start?: CliStart;
  readonly idle?: IdleDaemon;
}

export interface TargetRow {
  readonly measure: string;
  readonly result: string;
  readonly target: string;
  /** Null: a reference beside the targets, with none of its own. */
  readonly met: boolean | null;
}

export function targetRows(inputs: TargetInputs): TargetRow[] {
  const rows: TargetRow[] = [];
  const row = (measure: string, value: number, limit: number, result: string, target: string) =>
    rows.push({ measure, result, target, met: value <= limit });
  const { a, b, c, queue, start, idle } = inputs;
  if (a !== undefined)
    row("A 300 × 2 MB → WebDAV, ours ÷ rclone", a[1] / a[0], 1.05, (a[1] / a[0]).toFixed(2), "≤ 1.05");
  if (c !== undefined)
    row("C 10 000 × 20 KB → local, ours ÷ rclone", c[1] / c[0], 1.25, (c[1] / c[0]).toFixed(2), "≤ 1.25");
  const { floorB, floorC } = inputs;
  if (c !== undefined && floorC !== undefined && floorC > 0) {
    rows.push({
      measure: "  C, the design's rclone steps alone ÷ rclone",
      result: `${(floorC / c[0]).toFixed(2)} (ours ÷ floor ${(c[1] / floorC).toFixed(2)})`,
      target: "floor under C's",
      met: null,
    });
  }
  if (b !== undefined && c !== undefined && inputs.filesB !== undefined && inputs.filesC !== undefined) {
    // Cost per file beyond the first: the difference between the two small-file sets.
    const extra = inputs.filesC - inputs.filesB;
    const ours = (c[1] - b[1]) / extra;
    const rclone = (c[0] - b[0]) / extra;
    row(
      "cost per extra file (C − B), ours vs rclone",
      ours / rclone,
      1.5,
      `${ours.toFixed(2)} ms vs ${rclone.toFixed(2)} ms (${(ours / rclone).toFixed(1)} ×)`,
      "≤ 1.5 × rclone's",
    );
    if (floorB !== undefined && floorC !== undefined && floorB > 0 && floorC > 0) {
      const floor = (floorC - floorB) / extra;
      rows.push({
        measure: "  the same, the design's rclone steps alone",
        result: `${floor.toFixed(2)} ms (${(floor / rclone).toFixed(1)} × rclone's)`,
        target: "floor under it",
        met: null,
      });
    }
  }
  if (queue !== undefined) {
    row(
      "enqueue 100 000 files",
      queue.enqueue100kMs,
      5_000,
      `${(queue.enqueue100kMs / 1000).toFixed(2)} s`,
      "≤ 5 s",
    );
    row(
      "status --json, 100 000 jobs",
      queue.statusJsonAt100kMs,
      250,
      `${queue.statusJsonAt100kMs.toFixed(0)} ms`,
      "≤ 250 ms",
    );
    row(
      "status --json, 1 000 000 jobs",
      queue.statusJsonAt1MMs,
      250,
      `${queue.statusJsonAt1MMs.toFixed(0)} ms`,
      "≤ 250 ms",
    );
    row(
      "daemon RSS, 100 000 queued",
      queue.daemonRssMbWith100kQueued,
      150,
      `${queue.daemonRssMbWith100kQueued.toFixed(0)} MB`,
      "≤ 150 MB",
    );
  }
  if (start !== undefined) {
    const limit = 2 * start.nodeMs;
    row(
      "upload one.jpg (enqueue), whole process",
      start.uploadMs,
      limit,
      `${start.uploadMs.toFixed(0)} ms (node -e 0: ${start.nodeMs.toFixed(0)} ms, ${(start.uploadMs / start.nodeMs).toFixed(1)} ×)`,
      `≤ 2 × node -e 0 (${limit.toFixed(0)} ms)`,
    );
    row(
      "status --json (small queue), whole process",
      start.statusMs,
      250,
      `${start.statusMs.toFixed(0)} ms (${(start.statusMs / start.nodeMs).toFixed(1)} × node -e 0)`,
      "≤ 250 ms",
    );
    for (const scale of start.statusAtScale) {
      const jobs = scale.jobs.toLocaleString("en-US").replaceAll(",", " ");
      row(
        `status --json, ${jobs} jobs, read directly`,
        scale.directMs,
        250,
        `${scale.directMs.toFixed(0)} ms`,
        "≤ 250 ms",
      );
      row(
        `status --json, ${jobs} jobs, daemon answers`,
        scale.daemonMs,
        250,
        `${scale.daemonMs.toFixed(0)} ms`,
        "≤ 250 ms",
      );
    }
  }
  if (idle !== undefined) {
    const cpu = idle.cpuSecondsPerMinute + idle.rcloneCpuSecondsPerMinute;
    row(
      `idle daemon CPU (${idle.measuredSeconds} s measured)`,
      cpu,
      0.06,
      `${cpu.toFixed(3)} CPU-s/min (rclone ${idle.rcloneCpuSecondsPerMinute.toFixed(3)}${idle.rcloneRunning ? ", rcd running" : ", no rcd"})`,
      "≤ 0.06 CPU-s/min",
    );
    row(
      "idle daemon RSS",
      idle.rssMbMax,
      80,
      `${idle.rssMbMedian.toFixed(0)} MB (max ${idle.rssMbMax.toFixed(0)})`,
      "≤ 80 MB",
    );
  }
  return rows;
}

export function targetLines(rows: readonly TargetRow[]): string[] {
  const table = [
    ["measure", "result", "target", ""],
    ...rows.map((r) => [r.measure, r.result, r.target, r.met === null ? "" : r.met ? "✓" : "✗"]),
  ];
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(...table.map((cells) => (cells[column] ?? "").length)),
  );
  return table.map((cells) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}
