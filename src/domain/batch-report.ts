/**
 * What a notification says about a finished batch: the numbers, where it went, the share links,
 * and for a failed one which files and why. Pure: the text for every channel comes from here.
 */

import { t } from "../i18n/message.js";
import { type DestinationReport, destinationLines, destinationTitle } from "./destination-report.js";
import type { ErrorCode } from "./errors.js";
import { formatBytes, formatDuration } from "./units.js";

export interface BatchReport {
  /** Bumped when a field changes meaning; receivers of the JSON webhook can check it. */
  readonly version: 1;
  readonly event: "batch.completed" | "batch.failed";
  readonly batch: { readonly id: number; readonly name: string | null };
  readonly files: {
    readonly total: number;
    readonly delivered: number;
    readonly failed: number;
    readonly cancelled: number;
  };
  readonly bytes: number;
  /** Bytes resumed uploads did not send again (absent in reports from before resumable uploads). */
  readonly bytesSaved?: number;
  /** From queueing the batch to its last job finishing. */
  readonly durationMs: number;
  readonly destinations: readonly string[];
  readonly shareLinks: readonly { readonly remotePath: string; readonly url: string }[];
  readonly failures: readonly {
    readonly sourcePath: string;
    readonly remotePath: string;
    readonly destination: string;
    readonly code: ErrorCode;
    readonly message: string;
    readonly hint: string;
    /** rclone's own words (redacted), below our summary. */
    readonly detail?: string;
  }[];
  /** Failed files not listed in `failures` (a message stays readable). */
  readonly moreFailures: number;
  /**
   * Files a rendition destination could not make a rendition of (RAW, video …): skipped, or sent
   * as the original, as its `onUnsupported` says. Optional: older reports have none.
   */
  readonly unsupported?: readonly {
    readonly sourcePath: string;
    readonly destination: string;
    readonly action: "skipped" | "original";
  }[];
  readonly host: string;
  readonly at: number;
  /** True for `junmai-sync notify test`. */
  readonly test: boolean;
}

/** Lines of a report shown before "and N more". */
export const REPORT_LIST_LIMIT = 20;

/** Anything a channel sends: a finished batch, or a destination in trouble. */
export type Notice = BatchReport | DestinationReport;

export function isBatchReport(notice: Notice): notice is BatchReport {
  return notice.event === "batch.completed" || notice.event === "batch.failed";
}

/** A good-news notice (green), or a problem (red). */
export function isGoodNews(notice: Notice): boolean {
  return notice.event === "batch.completed";
}

export function reportTitle(notice: Notice): string {
  if (!isBatchReport(notice)) return destinationTitle(notice);
  const report = notice;
  const name = report.batch.name ?? `Batch ${report.batch.id}`;
  const where = report.destinations.join(", ");
  const prefix = report.test ? "[test] " : "";
  const { files } = report;
  if (report.event === "batch.completed") {
    return `${prefix}✓ ${name}: ${files.delivered} ${plural(files.delivered, "file")} delivered to ${where}`;
  }
  return `${prefix}✗ ${name}: ${files.failed} of ${files.total} ${plural(files.total, "file")} failed (${where})`;
}

/** The body as plain lines; channels add their own markup around them. */
export function reportLines(notice: Notice): string[] {
  if (!isBatchReport(notice)) return destinationLines(notice);
  const report = notice;
  const { files } = report;
  const lines = [
    `${files.delivered} of ${files.total} ${plural(files.total, "file")} delivered · ${formatBytes(report.bytes)} · ${formatDuration(report.durationMs)} · on ${report.host}`,
  ];
  if (files.cancelled > 0) lines.push(`${files.cancelled} cancelled`);
  for (const failure of report.failures) {
    lines.push(
      `✗ ${failure.remotePath} → ${failure.destination}: ${failure.code}: ${failure.message} (${failure.hint})`,
    );
    if (failure.detail !== undefined && failure.detail !== "" && !failure.message.includes(failure.detail)) {
      lines.push(`   ${t("faults.rcloneWords", { detail: failure.detail.split("\n")[0] ?? "" })}`);
    }
  }
  if (report.moreFailures > 0) lines.push(`… and ${report.moreFailures} more failed`);
  if (report.failures.length > 0) lines.push("Retry from the dashboard, or run `junmai-sync retry --all`.");
  for (const link of report.shareLinks) lines.push(`🔗 ${link.remotePath}: ${link.url}`);
  return lines;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
