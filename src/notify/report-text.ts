/**
 * A batch report as sentences in one language: the title and the body lines every chat and
 * email channel shows. The webhook channel sends the report itself (JSON, English keys).
 */
import { describeError } from "../app/describe-error.js";
import type { BatchReport } from "../domain/batch-report.js";
import type { Translator } from "../i18n/translator.js";

export function reportTitle(tr: Translator, report: BatchReport): string {
  const name = report.batch.name ?? tr.t("report.batch", { id: report.batch.id });
  const where = report.destinations.join(", ");
  const { files } = report;
  const title =
    report.event === "batch.completed"
      ? tr.plural("report.completed", files.delivered, { name, where })
      : tr.plural("report.failed", files.total, { name, where, failed: tr.number(files.failed) });
  return report.test ? tr.t("report.test", { title }) : title;
}

/** The body as plain lines; channels add their own markup around them. */
export function reportLines(tr: Translator, report: BatchReport): string[] {
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
  }
  if (report.moreFailures > 0)
    lines.push(tr.t("report.moreFailed", { count: tr.number(report.moreFailures) }));
  if (report.failures.length > 0) lines.push(tr.t("report.retry"));
  for (const link of report.shareLinks) lines.push(`🔗 ${link.remotePath}: ${link.url}`);
  return lines;
}
