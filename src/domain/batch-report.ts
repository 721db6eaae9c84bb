/**
 * What a notification says about a finished batch: the numbers, where it went, the share links,
 * and for a failed one which files and why. Pure data: the webhook sends it as JSON (English keys,
 * ISO-able epoch times); the sentences of the other channels are written from it in the reader's
 * language by notify/report-text.ts.
 */
import type { DestinationReport } from "./destination-report.js";
import type { ErrorCode, ErrorInfo } from "./errors.js";

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
  readonly failures: readonly ({
    readonly sourcePath: string;
    readonly remotePath: string;
    readonly destination: string;
    readonly code: ErrorCode;
    readonly message: string;
    readonly hint: string;
    /** rclone's own words (redacted), below our summary. */
    readonly detail?: string;
    /** The message and hint by catalogue key, as the job's error keeps them (optional: older reports). */
  } & Pick<ErrorInfo, "says" | "hintSays" | "attemptsFailed">)[];
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
