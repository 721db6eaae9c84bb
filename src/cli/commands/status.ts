/** `junmai-sync status [JOB_ID]`: the queue at a glance, or one job in detail. */
import type { Command } from "commander";
import { readServerRecord } from "../../app/server-record.js";
import { readStatusReport, type StatusReport } from "../../app/status-report.js";
import type { SyncService } from "../../app/sync-service.js";
import { type ResolvedPaths, resolvePaths } from "../../config/paths.js";
import type { Destination } from "../../domain/destination.js";
import { SyncError } from "../../domain/errors.js";
import { type Job, jobPercent } from "../../domain/job.js";
import { say } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { jobDetailLines } from "../render/job-detail.js";
import { writeQueueReport } from "../render/queue-report.js";

interface StatusFlags {
  readonly json?: boolean;
}

export function registerStatus(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
  tr: Translator,
): void {
  program
    .command("status")
    .description(tr.t("status.description"))
    .argument("[job]", tr.t("status.arg.job"))
    .option("--json", tr.t("cli.option.json"))
    .action((job: string | undefined, flags: StatusFlags) =>
      run((context) =>
        job === undefined
          ? queue(context, flags)
          : withService(context, (service) => one(context, service, job, flags)),
      ),
    );
}

export function parseJobId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new SyncError("USAGE", say("status.error.jobId", { value: text }));
  }
  return id;
}

/**
 * The queue at a glance: from the running daemon when it answers (it has the queue open), else
 * read here. The same report either way, so the same output (app/daemon-status.ts).
 */
async function queue(context: CommandContext, flags: StatusFlags): Promise<number> {
  const paths = resolvePaths({ configFlag: context.globals.config, dataDirFlag: context.globals.dataDir });
  // Loaded on use: main.ts imports this file for every command, and this loads node:http.
  const { askDaemonStatus } = await import("../../app/daemon-status.js");
  const fromDaemon = await askDaemonStatus(paths.dataDir);
  // A window's hours are in the config, which the daemon path does not read.
  if (
    fromDaemon !== undefined &&
    !fromDaemon.status.destinations.some(({ hold }) => hold?.reason === "outside-window")
  ) {
    return show(context, fromDaemon, paths, () => null, flags);
  }
  return withService(context, async (service) =>
    show(
      context,
      await readStatusReport(service),
      service.paths,
      (name) => service.config.destinations.find((d) => d.name === name) ?? null,
      flags,
    ),
  );
}

async function show(
  context: CommandContext,
  report: StatusReport,
  paths: ResolvedPaths,
  destinationNamed: (name: string) => Pick<Destination, "name" | "window"> | null,
  flags: StatusFlags,
): Promise<number> {
  const { status, batches, failed, retrying: waiting } = report;
  // Where this computer's daemon serves its dashboard, if it runs here.
  const dashboard = readServerRecord(paths.dataDir)?.url ?? null;
  // Loaded on use, and only where an old queue can be (it opens a store): `status` starts sooner.
  const oldQueue = paths.dataDirSource === "embedded" ? await import("../../app/old-queue.js") : undefined;
  const old = await oldQueue?.findOldQueue(paths);
  if (flags.json) {
    printJson(context, {
      ...status,
      dashboard,
      oldQueue: old ?? null,
      batches,
      failed: failed.map(jobJson),
      retrying: waiting.map(jobJson),
    });
    return EXIT.OK;
  }
  const notices =
    old !== undefined && oldQueue !== undefined ? oldQueue.oldQueueNotice(old, paths, context.tr) : [];
  writeQueueReport(context, report, { dashboard, notices, destinationNamed });
  return EXIT.OK;
}

async function one(
  context: CommandContext,
  service: SyncService,
  text: string,
  flags: StatusFlags,
): Promise<number> {
  const job = await service.getUploadStatus(parseJobId(text));
  if (flags.json) {
    printJson(context, jobJson(job));
    return EXIT.OK;
  }
  context.out.write(`${jobDetailLines(context.tr, job).join("\n")}\n`);
  return EXIT.OK;
}

/** A job as `status --json` prints it: the stored fields plus percent. */
export function jobJson(job: Job) {
  return { ...job, percent: jobPercent(job) };
}
