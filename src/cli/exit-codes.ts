/** The CLI's exit codes; documented in `--help` and docs/cli.md. Scripts rely on them. */
import type { ErrorCode } from "../domain/errors.js";

export const EXIT = Object.freeze({
  OK: 0,
  /** Some jobs failed (or a check failed). */
  FAILED: 1,
  /** Bad usage or an invalid config. */
  USAGE: 2,
  /** The environment is unusable: rclone missing, data directory or database unusable. */
  ENVIRONMENT: 3,
  /** Interrupted by Ctrl-C twice. */
  INTERRUPTED: 130,
});

const USAGE_CODES: readonly ErrorCode[] = [
  "USAGE",
  "CONFIG_INVALID",
  "CONFIG_MISSING",
  "UNKNOWN_DESTINATION",
  "INVALID_PATH",
  "JOB_NOT_FOUND",
  "BATCH_NOT_FOUND",
  "ILLEGAL_TRANSITION",
];

const ENVIRONMENT_CODES: readonly ErrorCode[] = [
  "RCLONE_MISSING",
  "RCLONE_FAILED",
  "DATA_DIR_UNUSABLE",
  "STORE_CORRUPT",
  "STORE_LOCKED",
  "STORE_TOO_NEW",
  "STORE_FAILED",
];

export function exitCodeFor(code: ErrorCode): number {
  if (USAGE_CODES.includes(code)) return EXIT.USAGE;
  if (ENVIRONMENT_CODES.includes(code)) return EXIT.ENVIRONMENT;
  return EXIT.FAILED;
}

export const EXIT_CODES_HELP = `
Exit codes:
  0    success (every job completed or skipped)
  1    some jobs failed, or a check failed
  2    usage error or invalid config (the message names the option or key)
  3    environment error: rclone missing or too old, data directory or queue database unusable`;
