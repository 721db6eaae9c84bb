/**
 * An error as a reader sees it: its message and hint in their language. The code stays English
 * (scripts match on it); JSON and the API keep the English text the error was stored with.
 *
 * An error names its sentences by catalogue key (`says`, `hintSays`) wherever it has them: a
 * fresh SyncError, and a job's last error stored since the queue keeps them (schema version 10).
 * Those are rendered from the key. An error stored before keeps only English text: its hint is
 * still translated when it is the code's default (or that default with "all N attempts failed"
 * appended), and its message is recognised by its English text when it is one the engine writes
 * (`stored.*` in the catalogue). Anything else (rclone's own words) stays as it was written.
 */
import {
  attemptsFailedRef,
  defaultHint,
  type ErrorCode,
  type ErrorInfo,
  exhaustedHintRef,
  hintRef,
  isSyncError,
  retriesExhausted,
  type SyncError,
} from "../domain/errors.js";
import { recogniseStored } from "../i18n/recognise.js";
import type { Translator } from "../i18n/translator.js";

export interface ReadableError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
}

export function describeError(
  tr: Translator,
  error: SyncError | ErrorInfo,
  options: { readonly attempts?: number } = {},
): ReadableError {
  const recognised = error.says === undefined ? recogniseStored(error.message) : undefined;
  const message =
    (error.says === undefined ? undefined : tr.render(error.says)) ??
    (recognised === undefined ? undefined : tr.render(recognised)) ??
    error.message;
  const hint =
    keyedHint(tr, error.hintSays, isSyncError(error) ? undefined : error.attemptsFailed) ??
    storedHint(tr, error, options.attempts) ??
    error.hint;
  return { code: error.code, message, hint };
}

/** The hint from its key, followed by "all N attempts failed" when the retries were used up. */
function keyedHint(
  tr: Translator,
  hintSays: ErrorInfo["hintSays"],
  attemptsFailed: number | undefined,
): string | undefined {
  if (hintSays === undefined) return undefined;
  const base = tr.render(hintSays);
  if (base === undefined || attemptsFailed === undefined) return base;
  const tail = tr.render(attemptsFailedRef(attemptsFailed));
  return tail === undefined ? undefined : tr.t("errors.withAttempts", { hint: base, attempts: tail });
}

/** An old row's English hint: the code's default, or that default once the retries were used up. */
function storedHint(
  tr: Translator,
  error: ErrorInfo | SyncError,
  attempts: number | undefined,
): string | undefined {
  if (error.hint === defaultHint(error.code)) return tr.render(hintRef(error.code));
  if (attempts === undefined || attempts < 1) return undefined;
  const exhausted = retriesExhausted(
    { code: error.code, message: "", hint: defaultHint(error.code), temporary: true },
    attempts,
  );
  if (exhausted.hint !== error.hint) return undefined;
  return keyedHint(tr, exhaustedHintRef(error.code), attempts);
}
