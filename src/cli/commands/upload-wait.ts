/**
 * `upload --wait`: uploads the batch in this process, or follows the daemon's progress when one
 * is running, until the batch is finished or held by a destination that needs attention.
 */
import type { HeldBy } from "../../app/held-batch.js";
import type { BatchUpload, SyncService } from "../../app/sync-service.js";
import type { BatchSummary } from "../../domain/batch.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { watchHeld } from "../render/held.js";
import { refuseUnknownToDaemon } from "./unknown-to-daemon.js";

/** Uploads in this process, or follows the daemon's progress when one is running. */
export async function waitForBatch(
  context: CommandContext,
  service: SyncService,
  queued: BatchUpload,
  json: boolean | undefined,
  concurrency: number | undefined,
  onHeld: (held: HeldBy[]) => void,
): Promise<BatchSummary> {
  const initial = await service.getBatchStatus(queued.batch.id);
  // The progress view is loaded only for --wait: queueing alone skips the cost.
  const { createBatchView } = await import("../render/batch-view.js");
  const view = json
    ? undefined
    : createBatchView({
        stream: context.out,
        colors: context.colors,
        tr: context.tr,
        totalJobs: queued.jobIds.length,
        totalBytes: initial.bytesTotal,
      });
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) context.exit(EXIT.INTERRUPTED);
    context.err.write(`\n${context.tr.t("cli.stopping")}\n`);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let stopWatching: () => void = () => undefined;
  try {
    const daemon = await service.findDaemon();
    // A daemon republishes every destination's health when it starts; our own engine does so now.
    stopWatching = watchHeld(service, queued.batch.id, daemon === undefined ? Date.now() : 0, (held) => {
      onHeld(held);
      controller.abort();
    });
    if (daemon !== undefined) {
      await refuseUnknownToDaemon(service, daemon.pid, queued.destinations);
      if (json === true || view === undefined)
        return await service.waitForBatch(queued.batch.id, { signal: controller.signal });
      const { followDaemonBatch } = await import("./follow-daemon.js");
      const summary = await followDaemonBatch(
        service,
        daemon,
        queued.batch.id,
        view,
        controller.signal,
        context.tr,
      );
      view.finish(summary);
      return summary;
    }
    if (view !== undefined) {
      service.on("progress", (progress) => view.progress(progress));
      service.on("changed", (job) => view.outcome(job));
    }
    await service.processQueue({
      batchId: queued.batch.id,
      signal: controller.signal,
      ...(concurrency === undefined ? {} : { maxConcurrent: concurrency }),
    });
    const summary = await service.getBatchStatus(queued.batch.id);
    view?.finish(summary);
    return summary;
  } catch (error: unknown) {
    // Stopped because the batch is held: the caller reports that.
    if (controller.signal.aborted && interrupts === 0) return service.getBatchStatus(queued.batch.id);
    throw error;
  } finally {
    stopWatching();
    view?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
