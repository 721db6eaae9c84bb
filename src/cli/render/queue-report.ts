/**
 * `status` as people read it: the queue's counts, the daemon, each destination's limits, holds
 * and health, what is moving, the recent batches, and the jobs that wait or failed.
 */
import { describeError } from "../../app/describe-error.js";
import { countsAsShown } from "../../app/queue-status.js";
import type { StatusReport } from "../../app/status-report.js";
import type { Destination } from "../../domain/destination.js";
import type { DestinationStatus } from "../../domain/destination-health.js";
import { JOB_STATES, jobPercent } from "../../domain/job.js";
import type { Translator } from "../../i18n/translator.js";
import { faultLines } from "./config-fault.js";
import { type Colors, errorLines, padEndColumns, remoteOf } from "./format.js";
import { bandwidthLine, destinationRateLine, holdLine } from "./hold.js";
import { textWidth } from "./text-width.js";

export interface QueueReportExtras {
  /** Where this computer's daemon serves its dashboard, or null. */
  readonly dashboard: string | null;
  /** Notices shown under the daemon's line (an old queue left behind). */
  readonly notices: readonly string[];
  /** A destination's window, from the config where it was read (a hold names its hours). */
  readonly destinationNamed: (name: string) => Pick<Destination, "name" | "window"> | null;
}

export function writeQueueReport(
  context: { readonly colors: Colors; readonly out: NodeJS.WritableStream; readonly tr: Translator },
  report: StatusReport,
  { dashboard, notices, destinationNamed }: QueueReportExtras,
): void {
  const { status, batches, failed, retrying: waiting } = report;
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
  for (const line of notices) out.write(`${colors.yellow(tr.t("cli.noticeLabel"))} ${line}\n`);
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
