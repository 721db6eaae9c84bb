/** `junmai-sync status [JOB_ID]`: the queue at a glance, or one job in detail. */

import type { Command } from "commander";
import { describeError } from "../../app/describe-error.js";
import { countsAsShown } from "../../app/queue-status.js";
import { readServerRecord } from "../../app/server-record.js";
import { readStatusReport, type StatusReport } from "../../app/status-report.js";
import type { SyncService } from "../../app/sync-service.js";
import { type ResolvedPaths, resolvePaths } from "../../config/paths.js";
import type { Destination } from "../../domain/destination.js";
import type { DestinationStatus } from "../../domain/destination-health.js";
import { SyncError } from "../../domain/errors.js";
import { JOB_STATES, type Job, jobPercent } from "../../domain/job.js";
import { say } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { errorLines, padEndColumns, remoteOf } from "../render/format.js";
import { bandwidthLine, destinationRateLine, holdLine } from "../render/hold.js";
import { renditionLine } from "../render/rendition.js";
import { textWidth } from "../render/text-width.js";
import { faultLines } from "./follow-config.js";

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
  const { colors, out, tr } = context;
  const shown = countsAsShown(status);
  const counts = JOB_STATES.map((state) =>
    tr.t("status.stateCount", { state: tr.t(`state.${state}`), count: shown[state] }),
  );
  out.write(`${colors.bold(tr.t("status.queue"))}  ${counts.join(" · ")}\n`);
  if (status.transfers.waiting > 0) {
    out.write(
      `${colors.bold(tr.t("status.transfers"))} ${tr.t("progress.statusTransfers", { running: status.transfers.sending, waiting: status.transfers.waiting })}\n`,
    );
  }
  const daemonLine =
    status.daemon === null
      ? tr.t("status.daemonStopped")
      : tr.t("status.daemonRunning", {
          pid: status.daemon.pid,
          host: status.daemon.host,
          since: tr.dateTime(status.daemon.startedAt),
        });
  const dashboardPart = dashboard === null ? "" : ` · ${tr.t("status.dashboard", { url: `${dashboard}/` })}`;
  out.write(`${colors.bold(tr.t("status.daemon"))} ${daemonLine}${dashboardPart}\n`);
  if (old !== undefined && oldQueue !== undefined) {
    for (const line of oldQueue.oldQueueNotice(old, paths, tr))
      out.write(`${colors.yellow(tr.t("cli.noticeLabel"))} ${line}\n`);
  }
  out.write(
    `${colors.bold(tr.t("status.destinations"))} ${status.destinations.map((d) => `${d.name} (${d.kind})`).join(", ")}\n`,
  );
  if (status.config.fault !== null) {
    for (const line of faultLines(tr, status.config.fault)) out.write(`${colors.yellow("!")} ${line}\n`);
  }
  for (const removed of status.config.removedDestinations) {
    out.write(
      `${colors.yellow("⏸")} ${removed.name} ${tr.t("config.destinationRemoved")} ${tr.t("status.removedWaiting", { count: removed.waiting })}\n`,
    );
  }
  if (status.dataDir?.full === true) {
    out.write(
      `${colors.red("✗")} ${tr.t("faults.dataDirLow", { path: status.dataDir.path, free: tr.bytes(status.dataDir.freeBytes ?? 0) })}\n`,
    );
  }
  if (status.bandwidth !== null)
    out.write(`${colors.bold(tr.t("status.bandwidth"))} ${bandwidthLine(tr, status.bandwidth)}\n`);
  for (const { name, bandwidth, rate } of status.destinations) {
    const line = destinationRateLine(tr, bandwidth, rate);
    if (line !== null) out.write(`${colors.bold(tr.t("status.bandwidth"))} ${name}: ${line}\n`);
  }
  for (const { name, hold } of status.destinations) {
    if (hold === null) continue;
    const destination = destinationNamed(name) ?? { name, window: null };
    out.write(`${colors.yellow("⏸")} ${name} ${holdLine(tr, hold, destination)}\n`);
  }
  for (const { name, health } of status.destinations) {
    if (health === null || health.condition === "online") continue;
    out.write(`${colors.yellow("⏸")} ${name} ${healthLine(tr, health)}\n`);
    if (health.reason !== null) out.write(`${errorLines(tr, health.reason, "    ").join("\n")}\n`);
  }
  if (status.workers.length > 0) {
    const workers = status.workers.map((worker) =>
      tr.t("status.worker", { kind: worker.kind, host: worker.host, pid: worker.pid }),
    );
    out.write(`${colors.bold(tr.t("status.workers"))} ${workers.join(", ")}\n`);
  }
  // A group claims many files at once: list the ones being sent or checked, not every claim.
  const moving = [...status.active].sort(
    (a, b) =>
      Number(b.job.state === "verifying") - Number(a.job.state === "verifying") ||
      b.job.bytesDone - a.job.bytesDone,
  );
  const shownMoving = Math.max(
    status.transfers.sending + status.counts.verifying,
    moving.filter(({ job }) => job.bytesDone > 0).length,
  );
  for (const { job, host } of moving.slice(0, shownMoving)) {
    const line =
      host === null
        ? tr.t("status.activeJob", {
            id: job.id,
            remote: remoteOf(job),
            state: tr.t(`state.${job.state}`),
            percent: jobPercent(job),
          })
        : tr.t("status.activeJobOn", {
            id: job.id,
            remote: remoteOf(job),
            state: tr.t(`state.${job.state}`),
            host,
            percent: jobPercent(job),
          });
    out.write(`${colors.green("↑")} ${line}\n`);
  }
  const claimedMore =
    status.counts.uploading + status.counts.verifying - Math.min(shownMoving, moving.length);
  if (claimedMore > 0) out.write(`  ${tr.t("progress.more", { count: claimedMore })}\n`);
  if (batches.length > 0) {
    out.write(`${colors.bold(tr.t("status.recentBatches"))}\n`);
    const names = batches.map(
      (summary) => `#${summary.batch.id}${summary.batch.name === null ? "" : ` ${summary.batch.name}`}`,
    );
    const width = Math.max(...names.map((name) => textWidth(name)));
    batches.forEach((summary, index) => {
      const done = summary.counts.completed + summary.counts.skipped;
      const delivered = tr.t("status.delivered", { done, total: summary.batch.jobCount });
      out.write(
        `  ${padEndColumns(names[index] ?? "", width)}  ${tr.dateTime(summary.batch.createdAt)}  ${tr.t(`batchStatus.${summary.status}`)}  ${delivered}  ${tr.bytes(summary.bytesDone)}\n`,
      );
    });
  }
  const paused = new Map(
    status.destinations.flatMap(({ name, health, hold }) => {
      const until = Math.max(
        health === null || health.condition === "online" ? 0 : (health.until ?? 0),
        hold?.until ?? 0,
      );
      return until === 0 ? [] : [[name, until] as const];
    }),
  );
  for (const job of waiting) {
    // A job of a held destination waits for the destination, not for its own retry time.
    const next = Math.max(job.nextAttemptAt ?? 0, paused.get(job.destination) ?? 0);
    const reason =
      job.lastError === null ? "" : `${job.lastError.code} ${describeError(tr, job.lastError).message}`;
    const line =
      next === 0
        ? tr.t("status.waits", { id: job.id, remote: remoteOf(job), reason })
        : tr.t("status.waitsUntil", { id: job.id, remote: remoteOf(job), until: tr.time(next), reason });
    out.write(`${colors.yellow("↻")} ${line}\n`);
  }
  for (const job of failed) {
    out.write(
      `${colors.red("✗")} ${tr.t("status.failedJob", { id: job.id, source: job.sourcePath, remote: remoteOf(job) })}\n`,
    );
    if (job.lastError !== null)
      out.write(`${errorLines(tr, job.lastError, "    ", job.attempts).join("\n")}\n`);
  }
  if (failed.length > 0) out.write(`${tr.t("status.retryHint")}\n`);
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
  const { tr } = context;
  const rows: Array<readonly [string, string]> = [
    [tr.t("status.field.state"), tr.t(`state.${job.state}`)],
    [tr.t("status.field.source"), job.sourcePath],
    [tr.t("status.field.remote"), remoteOf(job)],
    [tr.t("rendition.statusLabel"), renditionLine(job.rendition, tr)],
    [
      tr.t("status.field.attempts"),
      tr.t("status.attemptsOf", { attempts: job.attempts, total: job.maxRetries + 1 }),
    ],
    [
      tr.t("status.field.progress"),
      `${tr.bytes(job.bytesDone)} / ${job.sizeBytes === null ? "?" : tr.bytes(job.sizeBytes)} (${jobPercent(job)}%)`,
    ],
  ];
  if (job.hash !== null) rows.push([job.hashType ?? tr.t("status.field.hash"), job.hash]);
  if (job.shareLink !== null) rows.push([tr.t("status.field.link"), job.shareLink]);
  if (job.nextAttemptAt !== null) rows.push([tr.t("status.field.nextTry"), tr.dateTime(job.nextAttemptAt)]);
  // Labels are padded by display width: a Japanese label is twice as wide as its length.
  const width = Math.max(...rows.map(([label]) => textWidth(label)));
  const lines = [
    tr.t("status.jobTitle", { id: job.id, batch: job.batchId }),
    ...rows.map(([label, value]) => `  ${padEndColumns(label, width)} ${value}`),
  ];
  if (job.transport !== undefined && job.transport !== null) {
    lines.push(tr.t("resume.transport", { transport: job.transport }));
  }
  if (job.resumedFrom !== undefined && job.resumedFrom !== null && job.resumedFrom > 0) {
    const percent = job.sizeBytes ? Math.floor((job.resumedFrom / job.sizeBytes) * 100) : 0;
    lines.push(tr.t("resume.resumedFrom", { bytes: tr.bytes(job.resumedFrom), percent }));
  }
  if (job.lastError !== null)
    lines.push(`  ${tr.t("status.field.lastError")}`, ...errorLines(tr, job.lastError, "    ", job.attempts));
  context.out.write(`${lines.join("\n")}\n`);
  return EXIT.OK;
}

/** "offline since 21:10:03, next check 21:10:35" and the like. */
export function healthLine(tr: Translator, health: DestinationStatus): string {
  const since = tr.time(health.since);
  const until = health.until;
  switch (health.condition) {
    case "offline":
      return until === null
        ? tr.t("health.offline", { since })
        : tr.t("health.offlineNextCheck", { since, until: tr.time(until) });
    case "rate-limited":
      return until === null
        ? tr.t("health.rateLimited", { since, concurrency: health.concurrency })
        : tr.t("health.rateLimitedUntil", { since, concurrency: health.concurrency, until: tr.time(until) });
    case "quota-paused":
      return until === null
        ? tr.t("health.quotaPaused", { since })
        : tr.t("health.quotaPausedUntil", { since, until: tr.dateTime(until) });
    case "needs-attention":
      return tr.t("faults.attentionLine", { since });
    case "full":
      return tr.t("faults.fullLine", { since, until: until === null ? "" : tr.time(until) });
    case "online":
      return tr.t("health.online");
  }
}

/** A job as `status --json` prints it: the stored fields plus percent. */
export function jobJson(job: Job) {
  return { ...job, percent: jobPercent(job) };
}
