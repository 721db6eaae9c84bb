/**
 * An error as a reader sees it: its message and hint in their language. The code stays English
 * (scripts match on it); JSON and the API keep the English text the error was stored with.
 *
 * A fresh SyncError names its sentences by key (`says`, `hintSays`). A stored one (a job's last
 * error) keeps only English text: its hint is still translated when it is the code's default
 * (or that default with "all N attempts failed" appended), and its message stays as rclone or
 * the engine wrote it.
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
  const fresh = isSyncError(error) ? error : undefined;
  const message = (fresh?.says === undefined ? undefined : tr.render(fresh.says)) ?? error.message;
  const hint =
    (fresh?.hintSays === undefined ? undefined : tr.render(fresh.hintSays)) ??
    storedHint(tr, error, options.attempts) ??
    error.hint;
  return { code: error.code, message, hint };
}

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
  const base = tr.render(exhaustedHintRef(error.code));
  const tail = tr.render(attemptsFailedRef(attempts));
  return base === undefined || tail === undefined
    ? undefined
    : tr.t("errors.withAttempts", { hint: base, attempts: tail });
}
