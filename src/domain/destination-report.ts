/**
 * What a notification says about a destination in trouble — one message per episode, not per
 * file: it needs attention (credentials, certificate, missing bucket …), it is full, or it has
 * been offline for long. Pure data; notify/report-text.ts writes it in the reader's language,
 * with rclone's words.
 */
import type { DestinationStatus } from "./destination-health.js";
import { type ErrorCode, type ErrorInfo, sentencesOf } from "./errors.js";

export type DestinationEvent = "destination.needs-attention" | "destination.full" | "destination.offline";

export interface DestinationReport {
  readonly version: 1;
  readonly event: DestinationEvent;
  readonly destination: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
  /** The message and hint by catalogue key, when the destination's reason has them. */
  readonly says?: ErrorInfo["says"];
  readonly hintSays?: ErrorInfo["hintSays"];
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
    ...sentencesOf(status.reason),
    ...space,
    since: status.since,
    host,
    at: now,
    test: false,
  };
}
