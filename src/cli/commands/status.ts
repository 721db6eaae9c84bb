/** `junmai-sync status [JOB_ID]`: the queue at a glance, or one job in detail. */

import type { Command } from "commander";
import { countsAsShown } from "../../app/queue-status.js";
import { readServerRecord } from "../../app/server-record.js";
import type { SyncService } from "../../app/sync-service.js";
import type { DestinationStatus } from "../../domain/destination-health.js";
import { SyncError } from "../../domain/errors.js";
import { JOB_STATES, type Job, jobPercent } from "../../domain/job.js";
import { t } from "../../i18n/message.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { errorLines, formatBytes, remoteOf } from "../render/format.js";
import { bandwidthLine, destinationRateLine, holdLine } from "../render/hold.js";
import { renditionLine } from "../render/rendition.js";
import { faultLines } from "./follow-config.js";

interface StatusFlags {
  readonly json?: boolean;
}

export function registerStatus(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
): void {
  program
    .command("status")
    .description("Show queue counts, recent batches and failed jobs; or one job's details.")
    .argument("[job]", "a job id")
    .option("--json", "print as JSON")
    .action((job: string | undefined, flags: StatusFlags) =>
      run((context) =>
        withService(context, (service) =>
          job === undefined ? queue(context, service, flags) : one(context, service, job, flags),
        ),
      ),
    );
}

export function parseJobId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new SyncError("USAGE", `Expected a job id (a positive whole number), got \`${text}\`.`);
  }
  return id;
}

async function queue(context: CommandContext, service: SyncService, flags: StatusFlags): Promise<number> {
  const status = await service.getQueueStatus();
  const batches = await service.listBatches(5);
  const failed = await service.listJobs({ states: ["failed"], limit: 20 });
  const waiting = await service.listJobs({ states: ["retrying"], limit: 20 });
  // Where this computer's daemon serves its dashboard, if it runs here.
  const dashboard = readServerRecord(service.paths.dataDir)?.url ?? null;
  // Loaded on use: main.ts imports this file, and every command would pay for the store.
  const { findOldQueue, oldQueueNotice } = await import("../../app/old-queue.js");
  const old = await findOldQueue(service.paths);
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
  const { colors, out } = context;
  const shown = countsAsShown(status);
  out.write(
    `${colors.bold("Queue")}  ${JOB_STATES.map((state) => `${state} ${shown[state]}`).join(" · ")}\n`,
  );
  if (status.transfers.waiting > 0) {
    out.write(
      `${colors.bold("Transfers")} ${t("progress.statusTransfers", { running: status.transfers.sending, waiting: status.transfers.waiting })}\n`,
    );
  }
  out.write(
    status.daemon === null
      ? `${colors.bold("Daemon")} not running\n`
      : `${colors.bold("Daemon")} running (pid ${status.daemon.pid} on ${status.daemon.host}, since ${new Date(status.daemon.startedAt).toLocaleString()})${dashboard === null ? "" : ` · dashboard ${dashboard}/`}\n`,
  );
  if (old !== undefined) {
    for (const line of oldQueueNotice(old, service.paths)) out.write(`${colors.yellow("notice")} ${line}\n`);
  }
  out.write(
    `${colors.bold("Destinations")} ${status.destinations.map((d) => `${d.name} (${d.kind})`).join(", ")}\n`,
  );
  if (status.config.fault !== null) {
    for (const line of faultLines(status.config.fault)) out.write(`${colors.yellow("!")} ${line}\n`);
  }
  for (const removed of status.config.removedDestinations) {
    out.write(
      `${colors.yellow("⏸")} ${removed.name} ${t("config.destinationRemoved")} (${removed.waiting} waiting)\n`,
    );
  }
  if (status.dataDir?.full === true) {
    out.write(
      `${colors.red("✗")} ${t("faults.dataDirLow", { path: status.dataDir.path, free: formatBytes(status.dataDir.freeBytes ?? 0) })}\n`,
    );
  }
  if (status.bandwidth !== null)
    out.write(`${colors.bold("Bandwidth")} ${bandwidthLine(status.bandwidth)}\n`);
  for (const { name, bandwidth, rate } of status.destinations) {
    const line = destinationRateLine(bandwidth, rate);
    if (line !== null) out.write(`${colors.bold("Bandwidth")} ${name}: ${line}\n`);
  }
  for (const { name, hold } of status.destinations) {
    const destination = service.config.destinations.find((d) => d.name === name);
    if (hold !== null && destination !== undefined) {
      out.write(`${colors.yellow("⏸")} ${name} ${holdLine(hold, destination)}\n`);
    }
  }
  for (const { name, health } of status.destinations) {
    if (health === null || health.condition === "online") continue;
    out.write(`${colors.yellow("⏸")} ${name} ${healthLine(health)}\n`);
    if (health.reason !== null) out.write(`${errorLines(health.reason, "    ").join("\n")}\n`);
  }
  if (status.workers.length > 0) {
    const workers = status.workers.map((worker) => `${worker.kind} on ${worker.host} (pid ${worker.pid})`);
    out.write(`${colors.bold("Workers")} ${workers.join(", ")}\n`);
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
    const where = host === null ? "" : ` on ${host}`;
    out.write(
      `${colors.green("↑")} job ${job.id} ${remoteOf(job)} ${job.state}${where} ${jobPercent(job)}%\n`,
    );
  }
  const claimedMore =
    status.counts.uploading + status.counts.verifying - Math.min(shownMoving, moving.length);
  if (claimedMore > 0) out.write(`  ${t("progress.more", { count: claimedMore })}\n`);
  if (batches.length > 0) {
    out.write(`${colors.bold("Recent batches")}\n`);
    for (const summary of batches) {
      const done = summary.counts.completed + summary.counts.skipped;
      const name = summary.batch.name === null ? "" : ` ${summary.batch.name}`;
      out.write(
        `  #${summary.batch.id}${name}  ${new Date(summary.batch.createdAt).toLocaleString()}  ${summary.status}  ${done}/${summary.batch.jobCount} delivered  ${formatBytes(summary.bytesDone)}\n`,
      );
    }
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
    const at = next === 0 ? "" : ` until ${new Date(next).toLocaleTimeString()}`;
    out.write(
      `${colors.yellow("↻")} job ${job.id} ${remoteOf(job)} waits${at}: ${job.lastError?.code ?? ""} ${job.lastError?.message ?? ""}\n`,
    );
  }
  for (const job of failed) {
    out.write(`${colors.red("✗")} job ${job.id} ${job.sourcePath} → ${remoteOf(job)}\n`);
    if (job.lastError !== null) out.write(`${errorLines(job.lastError, "    ").join("\n")}\n`);
  }
  if (failed.length > 0) out.write("Retry with `junmai-sync retry <job>` or `junmai-sync retry --all`.\n");
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
  const lines = [
    `Job ${job.id} (batch ${job.batchId})`,
    `  state     ${job.state}`,
    `  source    ${job.sourcePath}`,
    `  remote    ${remoteOf(job)}`,
    `  ${t("rendition.statusLabel").padEnd(9)} ${renditionLine(job.rendition)}`,
    `  attempts  ${job.attempts} of ${job.maxRetries + 1}`,
    `  progress  ${formatBytes(job.bytesDone)} / ${job.sizeBytes === null ? "?" : formatBytes(job.sizeBytes)} (${jobPercent(job)}%)`,
  ];
  if (job.transport !== undefined && job.transport !== null) {
    lines.push(t("resume.transport", { transport: job.transport }));
  }
  if (job.resumedFrom !== undefined && job.resumedFrom !== null && job.resumedFrom > 0) {
    const percent = job.sizeBytes ? Math.floor((job.resumedFrom / job.sizeBytes) * 100) : 0;
    lines.push(t("resume.resumedFrom", { bytes: formatBytes(job.resumedFrom), percent }));
  }
  if (job.hash !== null) lines.push(`  ${(job.hashType ?? "hash").padEnd(9)} ${job.hash}`);
  if (job.shareLink !== null) lines.push(`  link      ${job.shareLink}`);
  if (job.nextAttemptAt !== null) lines.push(`  next try  ${new Date(job.nextAttemptAt).toLocaleString()}`);
  if (job.lastError !== null) lines.push("  last error", ...errorLines(job.lastError, "    "));
  context.out.write(`${lines.join("\n")}\n`);
  return EXIT.OK;
}

/** "offline since 21:10:03, next check 21:10:35" and the like. */
export function healthLine(health: DestinationStatus): string {
  const since = new Date(health.since).toLocaleTimeString();
  const until = health.until === null ? null : new Date(health.until).toLocaleTimeString();
  switch (health.condition) {
    case "offline":
      return `offline since ${since}${until === null ? "" : `, next check ${until}`}; its jobs wait`;
    case "rate-limited":
      return `rate-limited since ${since}: ${health.concurrency} upload(s) at once${until === null ? "" : `, resuming ${until}`}`;
    case "quota-paused":
      return `paused (quota) since ${since}${until === null ? "" : ` until ${new Date(health.until ?? 0).toLocaleString()}`}; other destinations go on`;
    case "needs-attention":
      return t("faults.attentionLine", { since });
    case "full":
      return t("faults.fullLine", { since, until: until ?? "" });
    case "online":
      return "online";
  }
}

/** A job as `status --json` prints it: the stored fields plus percent. */
export function jobJson(job: Job) {
  return { ...job, percent: jobPercent(job) };
}
