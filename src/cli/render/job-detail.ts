/** `status JOB_ID`: one job in detail, a label and its value a line. */
import { type Job, jobPercent } from "../../domain/job.js";
import type { Translator } from "../../i18n/translator.js";
import { errorLines, padEndColumns, remoteOf } from "./format.js";
import { renditionLine } from "./rendition.js";
import { textWidth } from "./text-width.js";

export function jobDetailLines(tr: Translator, job: Job): string[] {
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
  return lines;
}
