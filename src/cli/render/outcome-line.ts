/** The line a job's outcome prints (completed, skipped, retrying, failed, cancelled). */

import { describeError } from "../../app/describe-error.js";
import type { Job } from "../../domain/job.js";
import type { Translator } from "../../i18n/translator.js";
import { type Colors, padEndColumns, remoteOf } from "./format.js";
import { textWidth } from "./text-width.js";

/** "✓ completed" and the like, padded to one width per language so the paths line up. */
function stateLabel(tr: Translator, mark: string, state: Job["state"]): string {
  const labels = (["completed", "skipped", "retrying", "failed", "cancelled"] as const).map((other) =>
    tr.t(`state.${other}`),
  );
  const width = Math.max(...labels.map((label) => textWidth(label)));
  return `${mark} ${padEndColumns(tr.t(`state.${state}`), width)}`;
}

/** Text for a job that reached a state worth a line; undefined for states that are not. */
export function outcomeLine(
  job: Job,
  colors: Colors,
  tr: Translator,
  clock: () => number = Date.now,
): string | undefined {
  const size = job.sizeBytes === null ? "" : ` (${tr.bytes(job.sizeBytes)})`;
  const reason =
    job.lastError === null ? "" : `${job.lastError.code}: ${describeError(tr, job.lastError).message}`;
  switch (job.state) {
    case "completed":
      return `${colors.green(stateLabel(tr, "✓", job.state))}  ${remoteOf(job)}${size}`;
    case "skipped": {
      // Skipped with a reason (no rendition possible, a conflict kept): the reason, not "identical".
      const why =
        job.lastError?.code === "RENDITION_UNSUPPORTED"
          ? tr.t("rendition.unsupportedSkip")
          : job.lastError !== null
            ? reason
            : tr.t("progress.identical");
      return `${colors.green(stateLabel(tr, "=", job.state))}  ${remoteOf(job)}${size} ${colors.dim(why)}`;
    }
    case "retrying": {
      const attempt = { reason, attempt: job.attempts, total: job.maxRetries + 1 };
      const detail =
        job.nextAttemptAt === null
          ? tr.t("progress.retrying", attempt)
          : tr.t("progress.retryingIn", { ...attempt, wait: tr.duration(job.nextAttemptAt - clock()) });
      return `${colors.yellow(stateLabel(tr, "↻", job.state))}  ${remoteOf(job)} ${colors.dim(detail)}`;
    }
    case "failed":
      return `${colors.red(stateLabel(tr, "✗", job.state))}  ${remoteOf(job)}  ${reason === "" ? ":" : reason}`;
    case "cancelled":
      return `${colors.yellow(stateLabel(tr, "-", job.state))}  ${remoteOf(job)}`;
    default:
      return undefined;
  }
}
