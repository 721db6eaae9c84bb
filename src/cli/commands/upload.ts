/** `junmai-sync upload <path…>`: queue files and folders; with --wait, see them through. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { firstUnknownToDaemon } from "../../app/config-state-record.js";
import type { HeldBy } from "../../app/held-batch.js";
import type { BatchUpload, SyncService } from "../../app/sync-service.js";
import type { BatchSummary } from "../../domain/batch.js";
import { SyncError } from "../../domain/errors.js";
import { t } from "../../i18n/message.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { readAllStdin } from "../prompt.js";
import { errorLines, formatBytes, formatDuration, remoteOf } from "../render/format.js";
import { heldLines, watchHeld } from "../render/held.js";
import { deliveryLines, renditionLine } from "../render/rendition.js";

interface UploadFlags {
  readonly to: string[];
  readonly subpath?: string;
  readonly batch?: string;
  readonly wait?: boolean;
  readonly json?: boolean;
  readonly concurrency?: string;
  readonly fromStdin?: boolean;
  readonly fromFile?: string;
  readonly priority?: string;
  readonly dryRun?: boolean;
}

export function registerUpload(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
): void {
  program
    .command("upload")
    .description("Queue files and folders (recursively) for upload; with --wait, upload them now and report.")
    .argument("[paths...]", "files and folders to upload")
    .option(
      "--from-stdin",
      "also read paths from standard input, one per line or NUL-separated (find -print0)",
    )
    .option(
      "--from-file <list>",
      "also read paths from a file, one per line or NUL-separated (no command-line length limit)",
    )
    .option(
      "--to <name>",
      "destination name (repeat for several; default: the config's default)",
      collect,
      [],
    )
    .option("--subpath <path>", "folder below the destination's base path, e.g. 2024/wedding")
    .option(
      "--batch <name>",
      "a name for this batch; calls with the same name within the quiet period join one batch",
    )
    .option("--priority <p>", "high, normal (default), low, or -100…100: higher goes first")
    .option("--wait", "upload now (or wait for the running daemon) and exit when done")
    .option("--concurrency <n>", "with --wait and no daemon: transfers at once across destinations")
    .option("--json", "print the result as JSON")
    .option("--dry-run", "show where each file would go and as what (original or rendition); queue nothing")
    .action((paths: string[], flags: UploadFlags) => run((context) => upload(context, paths, flags)));
}

/** NUL-separated when there is a NUL (safe for any file name), else one path per line. */
export function splitPathList(text: string): string[] {
  const items = text.includes("\0") ? text.split("\0") : text.split(/\r?\n/);
  return items.filter((item) => item.trim() !== "");
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new SyncError("USAGE", "--from-stdin expects a list of paths piped in, not a terminal.", {
      hint: "find ./export -name '*.jpg' -print0 | junmai-sync upload --from-stdin",
    });
  }
  return readAllStdin();
}

function readPathList(file: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error: unknown) {
    throw new SyncError("USAGE", t("upload.listUnreadable", { file }), {
      cause: error,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
  ];
}

async function upload(context: CommandContext, args: string[], flags: UploadFlags): Promise<number> {
  const paths = [
    ...args,
    ...(flags.fromFile === undefined ? [] : splitPathList(readPathList(flags.fromFile))),
    ...(flags.fromStdin ? splitPathList(await readStdin()) : []),
  ];
  if (paths.length === 0) {
    throw new SyncError("USAGE", "No paths to upload.", {
      hint: "Give files or folders as arguments, a list with --from-file, or pipe one with --from-stdin.",
    });
  }
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new SyncError(
      "USAGE",
      `Expected --concurrency to be a whole number ≥ 1, got \`${flags.concurrency}\`.`,
    );
  }
  return withService(
    context,
    async (service) => {
      if (flags.dryRun) return dryRun(context, service, paths, flags);
      const queued = await service.uploadBatch(paths, {
        to: flags.to.length > 0 ? flags.to : undefined,
        subpath: flags.subpath,
        batchName: flags.batch,
        priority: flags.priority,
      });
      for (const odd of queued.skipped) {
        // One line each, named by its path as given: `skipped pipe.jpg: NOT_A_FILE …`.
        const name = path.relative(process.cwd(), odd.path) || odd.path;
        context.err.write(
          `${context.errColors.yellow(t("faults.skipped", { name, code: odd.code, message: odd.message }))}\n`,
        );
      }
      for (const missing of queued.missing) {
        context.err.write(
          `${context.errColors.yellow("warning")} SOURCE_MISSING: ${missing} does not exist; its job will fail unless it appears.\n`,
        );
      }
      if (!flags.wait) {
        if (flags.json) {
          printJson(context, {
            batch: queued.batch,
            jobs: queued.jobIds.length,
            destinations: queued.destinations,
            missing: queued.missing,
            skipped: queued.skipped,
          });
        } else {
          context.out.write(
            `Queued batch ${queued.batch.id}: ${queued.jobIds.length} job(s) → ${queued.destinations.join(", ")}\n`,
          );
        }
        await warnUnknownToDaemon(context, service, queued.destinations);
        return EXIT.OK;
      }
      const started = Date.now();
      const found: { held: HeldBy[] | null } = { held: null };
      const summary = await waitFor(context, service, queued, flags, concurrency, (held) => {
        found.held = held;
      });
      // Our own run also ends when only held work is left: say why, as the watcher would have.
      found.held ??= await service.batchHeldBy(queued.batch.id, started);
      if (found.held !== null) return reportHeld(context, queued.batch.id, found.held, flags);
      return report(context, service, summary, flags, Date.now() - started);
    },
    "cli",
  );
}

/** Uploads in this process, or follows the daemon's progress when one is running. */
async function waitFor(
  context: CommandContext,
  service: SyncService,
  queued: BatchUpload,
  flags: UploadFlags,
  concurrency: number | undefined,
  onHeld: (held: HeldBy[]) => void,
): Promise<BatchSummary> {
  const initial = await service.getBatchStatus(queued.batch.id);
  // The progress view is loaded only for --wait: queueing alone skips the cost.
  const { createBatchView } = await import("../render/batch-view.js");
  const view = flags.json
    ? undefined
    : createBatchView({
        stream: context.out,
        colors: context.colors,
        totalJobs: queued.jobIds.length,
        totalBytes: initial.bytesTotal,
      });
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) context.exit(EXIT.INTERRUPTED);
    context.err.write(
      "\nStopping: running transfers finish first (Ctrl-C again to quit at once; queued jobs stay queued).\n",
    );
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
      if (flags.json === true || view === undefined)
        return await service.waitForBatch(queued.batch.id, { signal: controller.signal });
      const { followDaemonBatch } = await import("./follow-daemon.js");
      const summary = await followDaemonBatch(service, daemon, queued.batch.id, view, controller.signal);
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

async function dryRun(
  context: CommandContext,
  service: SyncService,
  paths: readonly string[],
  flags: UploadFlags,
): Promise<number> {
  const planned = await service.planUpload(paths, {
    to: flags.to.length > 0 ? flags.to : undefined,
    subpath: flags.subpath,
    batchName: flags.batch,
  });
  if (flags.json) {
    printJson(context, { dryRun: true, planned });
    return EXIT.OK;
  }
  const destinations = [...new Set(planned.map((entry) => entry.destination))];
  const files = new Set(planned.map((entry) => entry.sourcePath)).size;
  context.out.write(`${t("rendition.dryRunHeader", { files, destinations: destinations.join(", ") })}\n`);
  for (const entry of planned) {
    const what = entry.missing
      ? t("rendition.dryRunMissing", { source: entry.sourcePath })
      : renditionLine(entry.rendition);
    context.out.write(
      `  ${t("rendition.dryRunLine", { source: entry.sourcePath, destination: entry.destination, remote: entry.remotePath, what })}\n`,
    );
  }
  return EXIT.OK;
}

/** Held by a destination that needs attention: say why, in rclone's words, and fail. */
function reportHeld(context: CommandContext, batchId: number, held: HeldBy[], flags: UploadFlags): number {
  if (flags.json) printJson(context, { batch: batchId, status: "held", heldBy: held });
  else context.err.write(`${heldLines(batchId, held).join("\n")}\n`);
  return EXIT.FAILED;
}

async function report(
  context: CommandContext,
  service: SyncService,
  summary: BatchSummary,
  flags: UploadFlags,
  elapsedMs: number,
): Promise<number> {
  const failed = await service.listJobs({ batchId: summary.batch.id, states: ["failed"], limit: 1000 });
  const { counts } = summary;
  const delivered = counts.completed + counts.skipped;
  const ok = delivered === summary.batch.jobCount;
  if (flags.json) {
    printJson(context, {
      batch: summary.batch,
      status: summary.status,
      counts,
      bytes: summary.bytesDone,
      elapsedMs,
      failed: failed.map((job) => ({
        id: job.id,
        source: job.sourcePath,
        remote: remoteOf(job),
        error: job.lastError,
      })),
    });
    return ok ? EXIT.OK : EXIT.FAILED;
  }
  const { colors } = context;
  const parts = [`${counts.completed} completed`, `${counts.skipped} skipped`, `${counts.failed} failed`];
  if (counts.cancelled > 0) parts.push(`${counts.cancelled} cancelled`);
  const queued = counts.pending + counts.retrying + counts.uploading + counts.verifying;
  if (queued > 0) parts.push(`${queued} still queued`);
  const headline = `Batch ${summary.batch.id}: ${parts.join(", ")} — ${formatBytes(summary.bytesDone)} in ${formatDuration(elapsedMs)}`;
  // Red when nothing arrived, yellow when some did: never the colour of success.
  const paint = ok ? colors.green : delivered > 0 ? colors.yellow : colors.red;
  context.out.write(`${paint(headline)}\n`);
  for (const line of await deliveryLines(service, summary.batch.id)) context.out.write(`  ${line}\n`);
  for (const job of failed) {
    context.out.write(`${colors.red("✗")} job ${job.id} ${job.sourcePath}\n`);
    if (job.lastError !== null) context.out.write(`${errorLines(job.lastError, "    ").join("\n")}\n`);
  }
  if (queued > 0) context.out.write("The rest stays queued: `junmai-sync daemon` finishes it.\n");
  return ok ? EXIT.OK : EXIT.FAILED;
}

/** Queued without waiting: the jobs stay, but a daemon that does not know the destination is worth a warning. */
async function warnUnknownToDaemon(
  context: CommandContext,
  service: SyncService,
  destinations: readonly string[],
): Promise<void> {
  const daemon = await service.findDaemon().catch(() => undefined);
  if (daemon === undefined) return;
  try {
    await refuseUnknownToDaemon(service, daemon.pid, destinations);
  } catch (error: unknown) {
    if (!(error instanceof SyncError)) throw error;
    context.err.write(`${context.errColors.yellow("warning")} ${error.message}\n  hint: ${error.hint}\n`);
  }
}

/** The daemon would never start these jobs: say so (and why) instead of waiting at 0 %. */
async function refuseUnknownToDaemon(
  service: SyncService,
  pid: number,
  destinations: readonly string[],
): Promise<void> {
  const unknown = await firstUnknownToDaemon(service.paths.dataDir, pid, destinations);
  if (unknown === undefined) return;
  const { name, record } = unknown;
  const lines = [
    t("config.daemonDoesNotKnow", { pid, name, known: record.destinations.join(", ") || "none" }),
    ...(record.fault === null ? [] : [t("config.daemonFault", { message: record.fault.message })]),
  ];
  throw new SyncError("UNKNOWN_DESTINATION", lines.join("\n"), {
    hint: t("config.daemonWillPickUp", { name, pid }),
  });
}
