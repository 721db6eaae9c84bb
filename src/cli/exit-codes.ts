/** The CLI's exit codes; documented in `--help` and docs/cli.md. Scripts rely on them. */
import { type ErrorCode, errorCategory } from "../domain/errors.js";

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

export function exitCodeFor(code: ErrorCode): number {
  const category = errorCategory(code);
  if (category === "usage") return EXIT.USAGE;
  if (category === "environment") return EXIT.ENVIRONMENT;
  return EXIT.FAILED;
}

export const EXIT_CODES_HELP = `
Exit codes:
  0    success (every job completed or skipped)
  1    some jobs failed, or a check failed
  2    usage error or invalid config (the message names the option or key)
  3    environment error: rclone missing or too old, data directory or queue database unusable`;
