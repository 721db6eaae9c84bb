/** `junmai-sync upload <path…>`: queue files and folders; with --wait, see them through. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { firstUnknownToDaemon } from "../../app/config-state-record.js";
import type { HeldBy } from "../../app/held-batch.js";
import type { BatchUpload, SyncService } from "../../app/sync-service.js";
import type { BatchSummary } from "../../domain/batch.js";
import { SyncError } from "../../domain/errors.js";
import { say, t } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { collectNames } from "../option-values.js";
import { readAllStdin } from "../prompt.js";
import { errorLines, remoteOf } from "../render/format.js";
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
  tr: Translator,
): void {
  program
    .command("upload")
    .description(tr.t("upload.description"))
    .argument("[paths...]", tr.t("upload.arg.paths"))
    .option("--from-stdin", tr.t("upload.option.fromStdin"))
    .option("--from-file <list>", tr.t("upload.option.fromFile"))
    .option("--to <name>", tr.t("upload.option.to"), collectNames, [])
    .option("--subpath <path>", tr.t("upload.option.subpath"))
    .option("--batch <name>", tr.t("upload.option.batch"))
    .option("--priority <p>", tr.t("upload.option.priority"))
    .option("--wait", tr.t("upload.option.wait"))
    .option("--concurrency <n>", tr.t("upload.option.concurrency"))
    .option("--json", tr.t("upload.option.json"))
    .option("--dry-run", tr.t("upload.option.dryRun"))
    .action((paths: string[], flags: UploadFlags) => run((context) => upload(context, paths, flags)));
}

/** NUL-separated when there is a NUL (safe for any file name), else one path per line. */
export function splitPathList(text: string): string[] {
  const items = text.includes("\0") ? text.split("\0") : text.split(/\r?\n/);
  return items.filter((item) => item.trim() !== "");
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new SyncError("USAGE", say("upload.error.stdinIsTerminal"), {
      hint: "find ./export -name '*.jpg' -print0 | junmai-sync upload --from-stdin",
    });
  }
  return readAllStdin();
}

function readPathList(file: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error: unknown) {
    throw new SyncError("USAGE", say("upload.listUnreadable", { file }), {
      cause: error,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

async function upload(context: CommandContext, args: string[], flags: UploadFlags): Promise<number> {
  const paths = [
    ...args,
    ...(flags.fromFile === undefined ? [] : splitPathList(readPathList(flags.fromFile))),
    ...(flags.fromStdin ? splitPathList(await readStdin()) : []),
  ];
  if (paths.length === 0) {
    throw new SyncError("USAGE", say("upload.error.noPaths"), { hint: say("upload.error.noPathsHint") });
  }
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new SyncError("USAGE", say("upload.error.concurrency", { value: flags.concurrency ?? "" }));
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
      const { tr } = context;
      for (const odd of queued.skipped) {
        // One line each, named by its path as given: `skipped pipe.jpg: NOT_A_FILE …`.
        const name = path.relative(process.cwd(), odd.path) || odd.path;
        context.err.write(
          `${context.errColors.yellow(tr.t("faults.skipped", { name, code: odd.code, message: odd.message }))}\n`,
        );
      }
      for (const missing of queued.missing) {
        context.err.write(
          `${context.errColors.yellow(tr.t("cli.warningLabel"))} SOURCE_MISSING: ${tr.t("upload.missing", { path: missing })}\n`,
        );
        context.err.write(`  ${tr.t("cli.hint", { hint: tr.t("upload.missingHint") })}\n`);
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
            `${tr.plural("upload.queued", queued.jobIds.length, {
              batch: queued.batch.id,
              destinations: queued.destinations.join(", "),
            })}\n`,
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
      if (flags.json === true || view === undefined)
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
  const { tr } = context;
  context.out.write(`${tr.t("rendition.dryRunHeader", { files, destinations: destinations.join(", ") })}\n`);
  for (const entry of planned) {
    const what = entry.missing
      ? tr.t("rendition.dryRunMissing", { source: entry.sourcePath })
      : renditionLine(entry.rendition, tr);
    context.out.write(
      `  ${tr.t("rendition.dryRunLine", { source: entry.sourcePath, destination: entry.destination, remote: entry.remotePath, what })}\n`,
    );
  }
  return EXIT.OK;
}

/** Held by a destination that needs attention: say why, in rclone's words, and fail. */
function reportHeld(context: CommandContext, batchId: number, held: HeldBy[], flags: UploadFlags): number {
  if (flags.json) printJson(context, { batch: batchId, status: "held", heldBy: held });
  else context.err.write(`${heldLines(context.tr, batchId, held).join("\n")}\n`);
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
  const { colors, tr } = context;
  const parts = [
    tr.t("upload.count.completed", { count: counts.completed }),
    tr.t("upload.count.skipped", { count: counts.skipped }),
    tr.t("upload.count.failed", { count: counts.failed }),
  ];
  if (counts.cancelled > 0) parts.push(tr.t("upload.count.cancelled", { count: counts.cancelled }));
  const queued = counts.pending + counts.retrying + counts.uploading + counts.verifying;
  if (queued > 0) parts.push(tr.t("upload.count.queued", { count: queued }));
  const headline = tr.t("upload.headline", {
    batch: summary.batch.id,
    counts: parts.join(tr.t("upload.listSeparator")),
    bytes: tr.bytes(summary.bytesDone),
    elapsed: tr.duration(elapsedMs),
  });
  // Red when nothing arrived, yellow when some did: never the colour of success.
  const paint = ok ? colors.green : delivered > 0 ? colors.yellow : colors.red;
  context.out.write(`${paint(headline)}\n`);
  for (const line of await deliveryLines(service, summary.batch.id, context.tr))
    context.out.write(`  ${line}\n`);
  for (const job of failed) {
    context.out.write(
      `${colors.red("✗")} ${tr.t("upload.failedJob", { id: job.id, source: job.sourcePath })}\n`,
    );
    if (job.lastError !== null)
      context.out.write(`${errorLines(tr, job.lastError, "    ", job.attempts).join("\n")}\n`);
  }
  if (queued > 0) context.out.write(`${tr.t("upload.restQueued")}\n`);
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
    hint: say("config.daemonWillPickUp", { name, pid }),
  });
}
