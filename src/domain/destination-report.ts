/**
 * What a notification says about a destination in trouble — one message per episode, not per
 * file: it needs attention (credentials, certificate, missing bucket …), it is full, or it has
 * been offline for long. Pure: the text for every channel comes from here, with rclone's words.
 */
import { t } from "../i18n/message.js";
import type { DestinationStatus } from "./destination-health.js";
import type { ErrorCode } from "./errors.js";
import { formatBytes } from "./units.js";

export type DestinationEvent = "destination.needs-attention" | "destination.full" | "destination.offline";

export interface DestinationReport {
  readonly version: 1;
  readonly event: DestinationEvent;
  readonly destination: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
  /** rclone's own words, redacted. */
  readonly detail: string | null;
  readonly freeBytes: number | null;
  readonly neededBytes: number | null;
  readonly since: number;
  readonly host: string;
  readonly at: number;
  readonly test: boolean;
}

export function destinationReport(
  event: DestinationEvent,
  status: DestinationStatus,
  space: { readonly freeBytes: number | null; readonly neededBytes: number | null },
  host: string,
  now: number,
): DestinationReport {
  return {
    version: 1,
    event,
    destination: status.destination,
    code: status.reason?.code ?? "REMOTE_UNREACHABLE",
    message: status.reason?.message ?? "",
    hint: status.reason?.hint ?? "",
    detail: status.reason?.detail ?? null,
    ...space,
    since: status.since,
    host,
    at: now,
    test: false,
  };
}

export function destinationTitle(report: DestinationReport): string {
  const prefix = report.test ? "[test] " : "";
  switch (report.event) {
    case "destination.needs-attention":
      return prefix + t("faults.alertAttentionTitle", { destination: report.destination, code: report.code });
    case "destination.full":
      return prefix + t("faults.alertFullTitle", { destination: report.destination });
    case "destination.offline":
      return (
        prefix +
        t("faults.alertOfflineTitle", {
          destination: report.destination,
          minutes: Math.round((report.at - report.since) / 60_000),
        })
      );
  }
}

export function destinationLines(report: DestinationReport): string[] {
  const lines = [`${report.code}: ${report.message}`];
  if (report.freeBytes !== null && report.neededBytes !== null) {
    lines.push(
      t("faults.freeNeeded", {
        free: formatBytes(report.freeBytes),
        needed: formatBytes(report.neededBytes),
      }).trim(),
    );
  }
  if (report.detail !== null && report.detail !== "")
    lines.push(t("faults.rcloneWords", { detail: report.detail }));
  if (report.hint !== "") lines.push(report.hint);
  lines.push(t("faults.alertHeldJobs"), `on ${report.host}`);
  return lines;
}
