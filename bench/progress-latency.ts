/**
 * How soon a transfer's progress is visible: from the moment the upload starts (its rclone call
 * is made, and throttled bytes begin to move) to the first progress event carrying bytes, and
 * how often progress arrives after that. An upper bound on "bytes moving → visible" through the
 * library's events, which the CLI and any API relay as they are.
 */
import path from "node:path";
import { SyncService } from "../src/app/sync-service.js";
import { makeDataSet } from "./datasets.js";
import { median } from "./timing.js";

export interface ProgressLatency {
  /** Upload started → first progress event with bytes > 0, per run. */
  readonly firstProgressMs: readonly number[];
  /** Median gap between consecutive progress events. */
  readonly intervalMs: number;
}

export async function measureProgressLatency(root: string, runs = 5): Promise<ProgressLatency> {
  const data = makeDataSet(root, "progress", runs, 16_000_000, "progress");
  // 8 MB/s: each 16 MB file takes ~2 s, long enough to see several updates.
  process.env.RCLONE_BWLIMIT = "8M";
  const service = await SyncService.open({
    config: {
      destinations: [{ name: "local", remote: path.join(root, "progress-cloud"), concurrency: 1 }],
      store: { type: "sqlite" },
    },
    dataDir: path.join(root, "progress-data"),
    cwd: root,
  });
  const started = new Map<number, number>();
  const first = new Map<number, number>();
  const seen: number[] = [];
  service.on("started", (job) => started.set(job.id, performance.now()));
  service.on("progress", ({ job, bytesDone }) => {
    if (bytesDone <= 0) return;
    const now = performance.now();
    if (!first.has(job.id)) first.set(job.id, now - (started.get(job.id) ?? now));
    seen.push(now);
  });
  try {
    await service.uploadBatch([data.dir]);
    await service.processQueue();
  } finally {
    delete process.env.RCLONE_BWLIMIT;
    await service.close();
  }
  const gaps = seen
    .slice(1)
    .map((at, index) => at - (seen[index] as number))
    .filter((gap) => gap > 50);
  return { firstProgressMs: [...first.values()], intervalMs: gaps.length === 0 ? 0 : median(gaps) };
}
