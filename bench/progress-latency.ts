/**
 * How soon a transfer's progress is visible over the API: from the moment the first bytes land
 * at the destination (its hidden upload file, watched every 5 ms) to the first `progress` event
 * with bytes on /api/v1/events, read by an SSE client over loopback HTTP as the dashboard reads
 * it; and how often progress arrives after that.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { SyncService } from "../src/app/sync-service.js";
import { SILENT_LOGGER } from "../src/engine/events.js";
import { prepareServer, startDaemonServer } from "../src/server/daemon-server.js";
import { makeDataSet } from "./datasets.js";
import { median } from "./timing.js";

export interface ProgressLatency {
  /** First bytes at the destination → first SSE progress event with bytes, per upload. */
  readonly firstProgressMs: readonly number[];
  /** Median gap between consecutive SSE progress events. */
  readonly intervalMs: number;
}

export async function measureProgressLatency(root: string, runs = 5): Promise<ProgressLatency> {
  const data = makeDataSet(root, "progress", runs, 16_000_000, "progress");
  const cloud = path.join(root, "progress-cloud");
  // 8 MB/s: each 16 MB file takes ~2 s, long enough to see several updates.
  process.env.RCLONE_BWLIMIT = "8M";
  const service = await SyncService.open({
    config: {
      destinations: [{ name: "local", remote: cloud, concurrency: 1 }],
      store: { type: "sqlite" },
    },
    dataDir: path.join(root, "progress-data"),
    cwd: root,
  });
  const server = { ...service.config.server, host: "127.0.0.1", port: 0 };
  const dashboard = await startDaemonServer(service, {
    server,
    token: prepareServer(service, server, {}),
    logger: SILENT_LOGGER,
  });
  const landed = new Map<number, number>();
  const shown = new Map<number, number>();
  const seen: number[] = [];
  const jobOfName = new Map<string, number>();
  const stopWatching = watchHiddenUploads(cloud, landed, jobOfName);
  const events = new AbortController();
  const reading = readProgress(`${dashboard.url}/api/v1/events`, events.signal, (id, at) => {
    if (!shown.has(id)) shown.set(id, at);
    seen.push(at);
  });
  try {
    const queued = await service.uploadBatch([data.dir]);
    for (const job of await service.listJobs({ batchId: queued.batch.id, limit: runs })) {
      jobOfName.set(path.basename(job.sourcePath), job.id);
    }
    await service.processQueue();
  } finally {
    delete process.env.RCLONE_BWLIMIT;
    stopWatching();
    events.abort();
    await reading.catch(() => undefined);
    await dashboard.close();
    await service.close();
  }
  const firstProgressMs = [...landed].flatMap(([id, at]) => {
    const visible = shown.get(id);
    return visible === undefined ? [] : [visible - at];
  });
  const gaps = seen
    .slice(1)
    .map((at, index) => at - (seen[index] as number))
    .filter((gap) => gap > 50);
  return { firstProgressMs, intervalMs: gaps.length === 0 ? 0 : median(gaps) };
}

/**
 * Notes when each job's hidden upload file first holds bytes: `.junmai-upload-<id>.partial` for
 * a lone upload, `.junmai-upload-g<first>/<name>` in a group's staging folder.
 */
function watchHiddenUploads(
  folder: string,
  landed: Map<number, number>,
  jobOfName: ReadonlyMap<string, number>,
): () => void {
  const timer = setInterval(() => {
    let names: string[];
    try {
      names = readdirSync(folder, { recursive: true }) as string[];
    } catch {
      return;
    }
    for (const name of names) {
      const staged = /\.junmai-upload-g\d+[\\/](.+)$/.exec(name)?.[1];
      const id =
        staged === undefined
          ? Number(/\.junmai-upload-(\d+)\.partial$/.exec(name)?.[1])
          : jobOfName.get(staged);
      if (id === undefined || !Number.isInteger(id) || landed.has(id)) continue;
      try {
        if (statSync(path.join(folder, name)).size > 0) landed.set(id, performance.now());
      } catch {
        // Moved into place between the listing and the stat.
      }
    }
  }, 5);
  return () => clearInterval(timer);
}

/** Reads `progress` events with bytes from the SSE stream until aborted. */
async function readProgress(
  url: string,
  signal: AbortSignal,
  onProgress: (id: number, at: number) => void,
): Promise<void> {
  const response = await fetch(url, { signal });
  if (response.body === null) throw new Error("no event stream");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const at = performance.now();
    buffer += value;
    for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!block.startsWith("event: progress")) continue;
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "{}") as {
        id?: number;
        bytesDone?: number;
      };
      if (data.id !== undefined && (data.bytesDone ?? 0) > 0) onProgress(data.id, at);
    }
  }
}
