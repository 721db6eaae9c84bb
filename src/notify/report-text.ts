/**
 * A notice as sentences in one language: the title and the body lines every chat and email
 * channel shows, for a finished batch or a destination in trouble. The webhook channel sends the
 * notice itself (JSON, English keys).
 */
import { describeError } from "../app/describe-error.js";
import { type BatchReport, isBatchReport, type Notice } from "../domain/batch-report.js";
import type { DestinationReport } from "../domain/destination-report.js";
import { sentencesOf } from "../domain/errors.js";
import type { Translator } from "../i18n/translator.js";

export function reportTitle(tr: Translator, notice: Notice): string {
  const title = isBatchReport(notice) ? batchTitle(tr, notice) : destinationTitle(tr, notice);
  return notice.test ? tr.t("report.test", { title }) : title;
}

/** The body as plain lines; channels add their own markup around them. */
export function reportLines(tr: Translator, notice: Notice): string[] {
  return isBatchReport(notice) ? batchLines(tr, notice) : destinationLines(tr, notice);
}

function batchTitle(tr: Translator, report: BatchReport): string {
  const name = report.batch.name ?? tr.t("report.batch", { id: report.batch.id });
  const where = report.destinations.join(", ");
  const { files } = report;
  return report.event === "batch.completed"
    ? tr.plural("report.completed", files.delivered, { name, where })
    : tr.plural("report.failed", files.total, { name, where, failed: tr.number(files.failed) });
}

function batchLines(tr: Translator, report: BatchReport): string[] {
  const { files } = report;
  const lines = [
    tr.plural("report.summary", files.total, {
      delivered: tr.number(files.delivered),
      bytes: tr.bytes(report.bytes),
      duration: tr.duration(report.durationMs),
      host: report.host,
    }),
  ];
  if (files.cancelled > 0) lines.push(tr.t("report.cancelled", { count: tr.number(files.cancelled) }));
  for (const failure of report.failures) {
    const readable = describeError(tr, {
      code: failure.code,
      message: failure.message,
      hint: failure.hint,
      temporary: false,
      ...sentencesOf(failure),
    });
    lines.push(
      `✗ ${tr.t("report.failure", {
        path: failure.remotePath,
        destination: failure.destination,
        code: failure.code,
        message: readable.message,
        hint: readable.hint,
      })}`,
    );
    if (failure.detail !== undefined && failure.detail !== "" && !failure.message.includes(failure.detail)) {
      lines.push(`   ${tr.t("faults.rcloneWords", { detail: failure.detail.split("\n")[0] ?? "" })}`);
    }
  }
  if (report.moreFailures > 0)
    lines.push(tr.t("report.moreFailed", { count: tr.number(report.moreFailures) }));
  if (report.failures.length > 0) lines.push(tr.t("report.retry"));
  for (const link of report.shareLinks) lines.push(`🔗 ${link.remotePath}: ${link.url}`);
  return lines;
}

function destinationTitle(tr: Translator, report: DestinationReport): string {
  switch (report.event) {
    case "destination.needs-attention":
      return tr.t("faults.alertAttentionTitle", { destination: report.destination, code: report.code });
    case "destination.full":
      return tr.t("faults.alertFullTitle", { destination: report.destination });
    case "destination.offline":
      return tr.t("faults.alertOfflineTitle", {
        destination: report.destination,
        minutes: Math.round((report.at - report.since) / 60_000),
      });
  }
}

function destinationLines(tr: Translator, report: DestinationReport): string[] {
  const readable = describeError(tr, {
    code: report.code,
    message: report.message,
    hint: report.hint,
    temporary: false,
    ...sentencesOf(report),
  });
  const lines = [`${report.code}: ${readable.message}`];
  if (report.freeBytes !== null && report.neededBytes !== null) {
    lines.push(
      tr
        .t("faults.freeNeeded", { free: tr.bytes(report.freeBytes), needed: tr.bytes(report.neededBytes) })
        .trim(),
    );
  }
  if (report.detail !== null && report.detail !== "")
    lines.push(tr.t("faults.rcloneWords", { detail: report.detail }));
  if (report.hint !== "") lines.push(readable.hint);
  lines.push(tr.t("faults.alertHeldJobs"), tr.t("report.onHost", { host: report.host }));
  return lines;
}
