/**
 * An error as a reader sees it: its message and hint in their language. The code stays English
 * (scripts match on it); JSON and the API keep the English text the error was stored with.
 *
 * A fresh SyncError names its sentences by key (`says`, `hintSays`). A stored one (a job's last
 * error) keeps only English text: its hint is still translated when it is the code's default
 * (or that default with "all N attempts failed" appended), and its message is recognised by its
 * English text when it is one the engine writes (`stored.*` in the catalogue); anything else
 * (rclone's own words) stays as it was written.
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
  const fresh = isSyncError(error) ? error : undefined;
  const stored = fresh?.says === undefined ? recogniseStored(error.message) : undefined;
  const message =
    (fresh?.says === undefined ? undefined : tr.render(fresh.says)) ??
    (stored === undefined ? undefined : tr.render(stored)) ??
    error.message;
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
