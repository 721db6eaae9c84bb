/**
 * The token `rclone authorize "dropbox"` prints on a computer with a browser, as a person
 * pastes it: the bare JSON, or the whole "Paste the following into your remote machine --->
 * {…} <---End paste" text. Anything else (a URL, a code, half a token) is refused before
 * rclone.conf is touched.
 */
import { SyncError } from "../domain/errors.js";
import { t } from "../i18n/message.js";

const BETWEEN_MARKERS = /--->\s*([\s\S]*?)\s*<---\s*End paste/i;

/** The token as compact JSON, ready for rclone's `token` parameter; throws TOKEN_INVALID. */
export function parseRcloneToken(pasted: string, type: string): string {
  const text = pasted.trim();
  const inside = BETWEEN_MARKERS.exec(text)?.[1] ?? text;
  const start = inside.indexOf("{");
  const end = inside.lastIndexOf("}");
  let token: unknown;
  try {
    token = start === -1 || end < start ? undefined : JSON.parse(inside.slice(start, end + 1));
  } catch {
    token = undefined;
  }
  if (
    token === null ||
    typeof token !== "object" ||
    typeof (token as { access_token?: unknown }).access_token !== "string" ||
    (token as { access_token: string }).access_token === ""
  ) {
    throw new SyncError("TOKEN_INVALID", t("signIn.tokenInvalid", { type }), {
      hint: t("signIn.tokenHint", { command: authorizeCommand(type) }),
    });
  }
  return JSON.stringify(token);
}

/** The command to run on a computer with a browser. */
export function authorizeCommand(type: string): string {
  return `rclone authorize "${type}"`;
}
