/**
 * The daemon API's bearer token: JUNMAI_SYNC_API_TOKEN if set, else a random one created on
 * first start in the data directory (mode 0600) and shown by `junmai-sync token`.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isLoopbackHost, type ResolvedServer } from "../config/resolve-server.js";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

export const API_TOKEN_FILE = "api-token";
/** The length of a token we create (43 characters of base64url, 256 bits) sets the bar for one given. */
export const MIN_EXPOSED_TOKEN_LENGTH = 32;

export interface ApiToken {
  readonly value: string;
  readonly source: "env" | "file";
  /** The file holding it (source `file`). */
  readonly file: string | null;
  /** Whether only its owner can read it (always true on Windows, where the data folder is per user). */
  readonly private: boolean;
}

export function loadApiToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): ApiToken {
  const given = env.JUNMAI_SYNC_API_TOKEN?.trim();
  if (given !== undefined && given !== "") return { value: given, source: "env", file: null, private: true };
  const file = path.join(dataDir, API_TOKEN_FILE);
  try {
    // `wx`: two processes starting at once cannot both create one; the loser reads the winner's.
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new SyncError("DATA_DIR_UNUSABLE", say("errors.tokenFileCreate", { file }), { cause: error });
    }
  }
  const value = readFileSync(file, "utf8").trim();
  if (value === "") {
    throw new SyncError("SERVER_UNSAFE", say("errors.tokenFileEmpty", { file }), {
      hint: say("errors.tokenFileEmptyHint"),
    });
  }
  const isPrivate = process.platform === "win32" || (statSync(file).mode & 0o077) === 0;
  return { value, source: "file", file, private: isPrivate };
}

/** Refuses to serve beyond this computer with a token that is short or readable by others. */
export function assertSafeExposure(server: ResolvedServer, token: ApiToken): void {
  if (isLoopbackHost(server.host)) return;
  if (token.value.length < MIN_EXPOSED_TOKEN_LENGTH) {
    throw new SyncError(
      "SERVER_UNSAFE",
      say("errors.tokenShort", { host: server.host, length: MIN_EXPOSED_TOKEN_LENGTH }),
    );
  }
  if (!token.private) {
    throw new SyncError(
      "SERVER_UNSAFE",
      say("errors.tokenReadable", { host: server.host, file: token.file ?? "" }),
      { hint: say("errors.tokenReadableHint", { file: token.file ?? "" }) },
    );
  }
}

/** Constant-time comparison, so response timing tells nothing about the token. */
export function tokenMatches(token: ApiToken, presented: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(token.value), digest(presented));
}
