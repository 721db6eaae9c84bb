/** The CLI's exit codes; documented in `--help` and docs/cli.md. Scripts rely on them. */
import { type ErrorCode, errorCategory } from "../domain/errors.js";
import type { Translator } from "../i18n/translator.js";

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

export function exitCodesHelp(tr: Translator): string {
  return `\n${tr.t("cli.exit.title")}\n  0    ${tr.t("cli.exit.ok")}\n  1    ${tr.t("cli.exit.failed")}\n  2    ${tr.t("cli.exit.usage")}\n  3    ${tr.t("cli.exit.environment")}`;
}
