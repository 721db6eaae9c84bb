/** The line a job's outcome prints (completed, skipped, retrying, failed, cancelled). */
import type { Job } from "../../domain/job.js";
import { t } from "../../i18n/message.js";
import { type Colors, formatBytes, formatDuration, remoteOf } from "./format.js";

/** Text for a job that reached a state worth a line; undefined for states that are not. */
export function outcomeLine(job: Job, colors: Colors, clock: () => number = Date.now): string | undefined {
  const size = job.sizeBytes === null ? "" : ` (${formatBytes(job.sizeBytes)})`;
  switch (job.state) {
    case "completed":
      return `${colors.green("✓ completed")}  ${remoteOf(job)}${size}`;
    case "skipped": {
      // Skipped with a reason (no rendition possible, a conflict kept): the reason, not "identical".
      const why =
        job.lastError?.code === "RENDITION_UNSUPPORTED"
          ? t("rendition.unsupportedSkip")
          : job.lastError !== null
            ? `${job.lastError.code}: ${job.lastError.message}`
            : "already there, identical";
      return `${colors.green("= skipped  ")}  ${remoteOf(job)}${size} ${colors.dim(why)}`;
    }
    case "retrying": {
      const wait =
        job.nextAttemptAt === null ? "" : `, next try in ${formatDuration(job.nextAttemptAt - clock())}`;
      const reason = job.lastError === null ? "" : `${job.lastError.code}: ${job.lastError.message}`;
      return `${colors.yellow("↻ retrying ")}  ${remoteOf(job)} ${colors.dim(`(${reason} attempt ${job.attempts} of ${job.maxRetries + 1}${wait})`)}`;
    }
    case "failed":
      return `${colors.red("✗ failed   ")}  ${remoteOf(job)}  ${job.lastError?.code ?? ""}: ${job.lastError?.message ?? ""}`;
    case "cancelled":
      return `${colors.yellow("- cancelled")}  ${remoteOf(job)}`;
    default:
      return undefined;
  }
}
