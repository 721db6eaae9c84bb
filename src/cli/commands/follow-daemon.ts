/**
 * `upload --wait` while a daemon does the work: the batch's end and counts come from the
 * queue (polled), its bytes, speed and per-file progress from the daemon's event stream. When
 * the daemon's server is off or does not answer, the queue's copy of the bytes (written every
 * few seconds) has to do, and the person is told so.
 */
import { followDaemon } from "../../app/daemon-feed.js";
import type { SyncService } from "../../app/sync-service.js";
import type { BatchSummary } from "../../domain/batch.js";
import type { Job } from "../../domain/job.js";
import type { Translator } from "../../i18n/translator.js";
import type { WorkerRecord } from "../../store/job-store.js";
import type { BatchView } from "../render/batch-view.js";

const POLL_MS = 500;

export async function followDaemonBatch(
  service: SyncService,
  daemon: WorkerRecord,
  batchId: number,
  view: BatchView | undefined,
  signal: AbortSignal,
  tr: Translator,
): Promise<BatchSummary> {
  view?.note(tr.t("progress.followDaemon", { pid: daemon.pid, batch: batchId }));
  const stopFeed = new AbortController();
  let live = false;
  const feed =
    view === undefined
      ? Promise.resolve("unavailable" as const)
      : followDaemon(service.paths.dataDir, {
          signal: AbortSignal.any([signal, stopFeed.signal]),
          onOpen: () => {
            live = true;
          },
          onEvent: (event) => applyEvent(view, batchId, event.type, event.data),
        }).then((end) => {
          live = false;
          if (end === "unavailable" && !stopFeed.signal.aborted)
            view.note(
              tr.t("progress.followDaemonQueue", {
                pid: daemon.pid,
                batch: batchId,
                seconds: POLL_MS / 1000,
              }),
            );
          return end;
        });
  try {
    return await service.waitForBatch(batchId, {
      signal,
      intervalMs: POLL_MS,
      onUpdate: (summary, active) => {
        view?.summary(summary);
        // The stream knows better and sooner; the queue's bytes only when there is no stream.
        if (!live) for (const job of active) view?.transfer(job);
      },
    });
  } finally {
    stopFeed.abort();
    await feed;
  }
}

interface ProgressData {
  readonly id: number;
  readonly batchId: number;
  readonly remotePath: string;
  readonly bytesDone: number;
  readonly sizeBytes: number | null;
  readonly speed: number;
}

function applyEvent(view: BatchView, batchId: number, type: string, data: unknown): void {
  if (typeof data !== "object" || data === null || !("batchId" in data) || data.batchId !== batchId) return;
  if (type === "progress") {
    const progress = data as ProgressData;
    view.transfer({
      id: progress.id,
      remotePath: progress.remotePath,
      bytesDone: progress.bytesDone,
      sizeBytes: progress.sizeBytes,
      speed: progress.speed,
    });
  } else if (type === "job") {
    view.outcome(data as Job);
  }
}
