/**
 * A small typed client for rclone's remote-control API.
 *
 * Built on node:http rather than global fetch on purpose: a synchronous `operations/copyfile`
 * answers only when the file is uploaded, and fetch (undici) gives up after 300 s without
 * response headers — a 2 GB TIFF over a slow uplink would be cut off. node:http has no such
 * limit, and its keep-alive agent reuses connections across thousands of small calls.
 */
import http from "node:http";
import { redactSecrets } from "../domain/redact.js";

export interface RcEndpoint {
  readonly url: string;
  readonly user: string;
  readonly pass: string;
}

/** rclone answered with an error (HTTP status ≥ 400 and `{error, status}`). */
export class RcError extends Error {
  override readonly name = "RcError";
  readonly status: number;
  readonly method: string;

  constructor(method: string, status: number, message: string) {
    // rclone echoes the call's input (connection strings, obscured passwords) next to the
    // error; only the message is kept, and even that is redacted.
    super(redactSecrets(message));
    this.status = status;
    this.method = method;
  }
}

/** rclone's answer that the file or folder asked about is not there (not a failure to reach it). */
export function isNotFound(error: unknown): boolean {
  return error instanceof RcError && (error.status === 404 || /not found/i.test(error.message));
}

/** rclone could not be reached at all (not started, crashed, restarting). */
export class RcUnavailableError extends Error {
  override readonly name = "RcUnavailableError";
  readonly method: string;

  constructor(method: string, cause: unknown) {
    super(`rclone rcd did not answer ${method}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.method = method;
  }
}

/** Told when a call starts and when it ends (the supervisor stops an rcd nobody calls). */
export interface RcActivity {
  begin(): void;
  end(): void;
}

export class RcClient {
  readonly #url: URL;
  readonly #authorization: string;
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  readonly #activity: RcActivity | undefined;

  constructor(endpoint: RcEndpoint, activity?: RcActivity) {
    this.#url = new URL(endpoint.url);
    this.#authorization = `Basic ${Buffer.from(`${endpoint.user}:${endpoint.pass}`).toString("base64")}`;
    this.#activity = activity;
  }

  /** Calls `method` with `params`; resolves with rclone's JSON answer, rejects with RcError or RcUnavailableError. */
  call<T>(method: string, params: object = {}, signal?: AbortSignal): Promise<T> {
    const activity = this.#activity;
    if (activity === undefined) return this.#request(method, params, signal);
    activity.begin();
    const answer = this.#request<T>(method, params, signal);
    answer.then(
      () => activity.end(),
      () => activity.end(),
    );
    return answer;
  }

  #request<T>(method: string, params: object, signal: AbortSignal | undefined): Promise<T> {
    const body = JSON.stringify(params);
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const request = http.request(
        {
          agent: this.#agent,
          hostname: this.#url.hostname,
          port: this.#url.port,
          path: `/${method}`,
          method: "POST",
          headers: {
            authorization: this.#authorization,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
          signal,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", (error) => reject(new RcUnavailableError(method, error)));
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const status = response.statusCode ?? 0;
            let parsed: unknown;
            try {
              parsed = text === "" ? {} : JSON.parse(text);
            } catch {
              reject(new RcError(method, status, `unexpected answer: ${text.slice(0, 200)}`));
              return;
            }
            if (status >= 400) {
              const message =
                parsed !== null && typeof parsed === "object" && "error" in parsed
                  ? String(parsed.error)
                  : `HTTP ${status}`;
              reject(new RcError(method, status, message));
              return;
            }
            resolve(parsed as T);
          });
        },
      );
      request.on("error", (error) => {
        if (signal?.aborted) reject(signal.reason);
        else reject(new RcUnavailableError(method, error));
      });
      request.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
