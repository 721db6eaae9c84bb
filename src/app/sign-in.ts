/**
 * Signing in to Dropbox, Google Drive and OneDrive from the dashboard, through rclone itself —
 * no OAuth code of our own. rclone's rc `config/create` (non-interactive) answers with a
 * question, `*oauth-islocal`; answering "true" makes rclone serve its sign-in page on
 * 127.0.0.1:53682 and log the authorize URL, which we read from the rcd's log and hand to the
 * browser. rclone's call returns once the provider sent the person back (token saved) or
 * refused. For a daemon without a browser nearby, the token `rclone authorize` prints on
 * another computer is pasted instead.
 *
 * rclone's port is fixed, so one sign-in at a time. One left open is cancelled after five
 * minutes with rclone's own "error=cancelled" request (rc `job/stop` does not free the port on
 * rclone 1.60), and a remote that was not there before is removed again: nothing half-made stays.
 */

import { SyncError, toSyncError } from "../domain/errors.js";
import type { Logger } from "../engine/events.js";
import { t } from "../i18n/message.js";
import type { RcClient } from "../rclone/rc-client.js";
import { deleteRemote, listRemotes } from "../rclone/remote-admin.js";
import { authorizeCommand, parseRcloneToken } from "./oauth-token.js";

export const SIGN_IN_TYPES = ["dropbox", "drive", "onedrive"] as const;
const REMOTE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const AUTHORIZE_URL = /(http:\/\/127\.0\.0\.1:53682\/auth\?state=[A-Za-z0-9_-]+)/;
const URL_WAIT_MS = 15_000;
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export type SignInAnswer =
  | { readonly state: "done" }
  | { readonly state: "authorize"; readonly url: string }
  | { readonly state: "paste"; readonly command: string };

export interface SignInRequest {
  readonly name: string;
  readonly type: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** "browser" (default): rclone's sign-in page; "paste": the token from `rclone authorize`. */
  readonly mode?: "browser" | "paste" | undefined;
  /** The pasted output of `rclone authorize` (mode "paste"). */
  readonly token?: string | undefined;
}

export interface RemoteState {
  readonly name: string;
  readonly type: string | null;
  /** The remote exists and has what it needs (a token for these types); never the token. */
  readonly configured: boolean;
  /** A sign-in for it waiting in a browser, or the reason the last one failed. */
  readonly signIn: { readonly state: "waiting" | "failed"; readonly error?: string } | null;
}

export interface SignInsOptions {
  readonly client: () => Promise<RcClient>;
  readonly onRcloneLog: (listener: (line: string) => void) => () => void;
  readonly logger: Logger;
  readonly timeoutMs?: number;
}

interface Waiting {
  readonly name: string;
  readonly authState: string;
  readonly timer: NodeJS.Timeout;
}

export class SignIns {
  readonly #options: SignInsOptions;
  #waiting: Waiting | undefined;
  readonly #failed = new Map<string, string>();

  constructor(options: SignInsOptions) {
    this.#options = options;
  }

  async start(request: SignInRequest): Promise<SignInAnswer> {
    const { name, type } = request;
    if (!REMOTE_NAME.test(name)) throw new SyncError("REQUEST_INVALID", t("signIn.badName", { name }));
    if (!(SIGN_IN_TYPES as readonly string[]).includes(type)) {
      throw new SyncError("REQUEST_INVALID", t("signIn.badType", { type, types: SIGN_IN_TYPES.join(", ") }));
    }
    if (request.mode === "paste" && request.token === undefined) {
      return { state: "paste", command: authorizeCommand(type) };
    }
    if (this.#waiting !== undefined) {
      throw new SyncError("SIGN_IN_BUSY", t("signIn.busy", { name: this.#waiting.name }));
    }
    const client = await this.#options.client();
    this.#failed.delete(name);
    if (request.token !== undefined) {
      const token = parseRcloneToken(request.token, type);
      await createWithToken(client, name, type, { ...request.parameters, token });
      return { state: "done" };
    }
    const existed = (await listRemotes(client, AbortSignal.timeout(30_000))).some((r) => r.name === name);
    const created = await client.call<{ State?: string }>("config/create", {
      name,
      type,
      parameters: request.parameters,
      opt: { nonInteractive: true, obscure: true },
    });
    const state = created.State ?? "";
    if (state === "") return { state: "done" };
    if (!state.startsWith("*oauth-islocal")) return { state: "done" };
    return this.#browserSignIn(client, name, type, state, existed);
  }

  /** What the dashboard may know about a remote: its type and whether it is set up. */
  async remote(name: string): Promise<RemoteState> {
    const client = await this.#options.client();
    const found = (await listRemotes(client, AbortSignal.timeout(30_000))).find((r) => r.name === name);
    const failed = this.#failed.get(name);
    const waiting = this.#waiting?.name === name;
    return {
      name,
      type: found?.type ?? null,
      configured: found !== undefined && found.problem === null && !waiting,
      signIn: waiting
        ? { state: "waiting" }
        : failed === undefined
          ? null
          : { state: "failed", error: failed },
    };
  }

  /** Cancels a waiting sign-in (close, or its time is up). */
  async cancel(): Promise<void> {
    const waiting = this.#waiting;
    if (waiting === undefined) return;
    clearTimeout(waiting.timer);
    // rclone's own way out: its redirect handler ends the wait on an error for its state.
    await fetch(`http://127.0.0.1:53682/?state=${encodeURIComponent(waiting.authState)}&error=cancelled`, {
      signal: AbortSignal.timeout(5_000),
    }).catch(() => undefined);
  }

  async #browserSignIn(
    client: RcClient,
    name: string,
    type: string,
    state: string,
    existed: boolean,
  ): Promise<SignInAnswer> {
    const { logger } = this.#options;
    let unfollow = () => {};
    const url = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new SyncError("SIGN_IN_FAILED", t("signIn.noUrl", { type, seconds: URL_WAIT_MS / 1000 }))),
        URL_WAIT_MS,
      );
      unfollow = this.#options.onRcloneLog((line) => {
        const match = AUTHORIZE_URL.exec(line);
        if (match?.[1] === undefined) return;
        clearTimeout(timer);
        resolve(match[1]);
      });
    });
    const timeoutMs = this.#options.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
    let timedOut = false;
    // Answer "yes, a browser is here": rclone serves the page and blocks until the sign-in ends.
    const finished = client.call<{ State?: string; Error?: string }>("config/update", {
      name,
      parameters: {},
      opt: { nonInteractive: true, continue: true, state, result: "true" },
    });
    let authorizeUrl: string;
    try {
      authorizeUrl = await url;
    } catch (error: unknown) {
      unfollow();
      await finished.catch(() => undefined);
      if (!existed) await deleteRemote(client, name, AbortSignal.timeout(30_000)).catch(() => undefined);
      throw error;
    }
    unfollow();
    const authState = new URL(authorizeUrl).searchParams.get("state") ?? "";
    const timer = setTimeout(() => {
      timedOut = true;
      void this.cancel();
    }, timeoutMs);
    timer.unref();
    this.#waiting = { name, authState, timer };
    void finished
      .then((answer) => {
        if ((answer.Error ?? "") !== "") throw new SyncError("SIGN_IN_FAILED", answer.Error ?? "");
      })
      .then(
        () => logger.info({ remote: name, type }, "signed in"),
        async (error: unknown) => {
          const reason = timedOut
            ? t("signIn.timedOut", { name, minutes: Math.round(timeoutMs / 60_000) })
            : t("signIn.refused", {
                name,
                // rclone's reason spans lines ("Auth Error\nCode: …"): one line for a banner.
                reason: toSyncError(error, "SIGN_IN_FAILED").message.replace(/\s*\n\s*/g, " "),
              });
          this.#failed.set(name, reason);
          logger.warn({ remote: name, type, err: reason }, "sign-in failed");
          if (!existed) await deleteRemote(client, name, AbortSignal.timeout(30_000)).catch(() => undefined);
        },
      )
      .finally(() => {
        clearTimeout(timer);
        if (this.#waiting?.name === name) this.#waiting = undefined;
      });
    return { state: "authorize", url: authorizeUrl };
  }
}

/**
 * Creates a remote with a token already in hand (pasted from `rclone authorize`): rclone then
 * asks whether to refresh it, answered "no" so the call ends without a stray question.
 */
export async function createWithToken(
  client: RcClient,
  name: string,
  type: string,
  parameters: Readonly<Record<string, string>>,
): Promise<void> {
  const created = await client.call<{ State?: string }>("config/create", {
    name,
    type,
    parameters,
    opt: { nonInteractive: true, obscure: true },
  });
  let state = created.State ?? "";
  for (let step = 0; step < 5 && state.startsWith("*oauth-confirm"); step += 1) {
    const next = await client.call<{ State?: string }>("config/update", {
      name,
      parameters: {},
      opt: { nonInteractive: true, continue: true, state, result: "false" },
    });
    state = next.State ?? "";
  }
}
