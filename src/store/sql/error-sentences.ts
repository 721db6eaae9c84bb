/**
 * A stored error's sentences by catalogue key (`says`, `hintSays`, `attemptsFailed` of
 * ErrorInfo) in one JSON column, `error_says`, beside the English text in `error_message` and
 * `error_hint`. Its reader may be another version of junmai-sync on another host of a shared
 * queue, so what it does not understand is dropped, never trusted: the English text remains.
 */
import type { ErrorInfo, ErrorSentences as Sentences } from "../../domain/errors.js";
import type { MessageRef } from "../../i18n/message.js";

/** The column's value for `error`: null when it names no sentence by key. */
export function errorSentences(error: ErrorInfo): string | null {
  const { says, hintSays, attemptsFailed } = error;
  if (says === undefined && hintSays === undefined) return null;
  return JSON.stringify({ says, hintSays, attemptsFailed });
}

/** The sentences read back from the column; nothing for NULL or a value this version cannot read. */
export function parseErrorSentences(text: string | null): Sentences {
  if (text === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null) return {};
  const { says, hintSays, attemptsFailed } = value as Record<string, unknown>;
  const message = messageRef(says);
  const hint = messageRef(hintSays);
  return {
    ...(message === undefined ? {} : { says: message }),
    ...(hint === undefined ? {} : { hintSays: hint }),
    ...(hint !== undefined && typeof attemptsFailed === "number" && Number.isSafeInteger(attemptsFailed)
      ? { attemptsFailed }
      : {}),
  };
}

function messageRef(value: unknown): MessageRef | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { key, params, instants } = value as Record<string, unknown>;
  if (typeof key !== "string") return undefined;
  if (params !== undefined && !isParams(params)) return undefined;
  if (
    instants !== undefined &&
    !(Array.isArray(instants) && instants.every((name) => typeof name === "string"))
  )
    return undefined;
  return {
    key,
    ...(params === undefined ? {} : { params }),
    ...(instants === undefined ? {} : { instants: instants as string[] }),
  };
}

function isParams(value: unknown): value is Readonly<Record<string, string | number>> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === "string" || typeof item === "number")
  );
}
