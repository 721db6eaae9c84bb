/**
 * The running daemon's live events, read the way the dashboard reads them: its server's
 * address from server.json in the data directory, the API token if the server wants one, and
 * GET /api/v1/events (Server-Sent Events). `upload --wait` follows a batch with it, so the
 * bytes, speed and ETA it shows are the daemon's, not the queue's copy of them, which is
 * written every few seconds.
 *
 * Every failure (no server recorded, server off, port taken by something else, a token
 * refused) ends the feed quietly: the caller falls back to polling the queue.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { API_TOKEN_FILE } from "./api-token.js";
import { readServerRecord } from "./server-record.js";

export interface DaemonEvent {
  /** `job`, `progress`, `batch` or `counts` (see docs/api.md). */
  readonly type: string;
  readonly data: unknown;
}

export interface FeedOptions {
  readonly signal: AbortSignal;
  readonly onEvent: (event: DaemonEvent) => void;
  /** The stream is open: events will follow. */
  readonly onOpen?: () => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** Resolves when the feed ends, with why: aborted, or it could not connect or was cut. */
export async function followDaemon(
  dataDir: string,
  options: FeedOptions,
): Promise<"aborted" | "unavailable" | "ended"> {
  const record = readServerRecord(dataDir);
  if (record === undefined) return "unavailable";
  const token = readToken(dataDir, options.env ?? process.env);
  let response: Response;
  try {
    response = await fetch(`${loopbackUrl(record.url)}/api/v1/events`, {
      signal: options.signal,
      headers: {
        accept: "text/event-stream",
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
    });
  } catch {
    return options.signal.aborted ? "aborted" : "unavailable";
  }
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || response.body === null || !type.startsWith("text/event-stream")) {
    await response.body?.cancel().catch(() => undefined);
    return "unavailable";
  }
  options.onOpen?.();
  try {
    await readEvents(response.body, options.onEvent);
    return "ended";
  } catch {
    return options.signal.aborted ? "aborted" : "ended";
  }
}

async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: DaemonEvent) => void,
): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n/g, "\n");
    for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseBlock(block);
      if (event !== undefined) onEvent(event);
    }
  }
}

function parseBlock(block: string): DaemonEvent | undefined {
  let type = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) type = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return undefined;
  try {
    return { type, data: JSON.parse(data.join("\n")) as unknown };
  } catch {
    return undefined;
  }
}

/** A server listening on every address is reached on this computer's loopback. */
function loopbackUrl(url: string): string {
  return url.replace("//0.0.0.0:", "//127.0.0.1:").replace("//[::]:", "//[::1]:");
}

/** The token the daemon checks, read only: following a batch never creates one. */
function readToken(dataDir: string, env: NodeJS.ProcessEnv): string | undefined {
  const given = env.JUNMAI_SYNC_API_TOKEN?.trim();
  if (given !== undefined && given !== "") return given;
  try {
    const value = readFileSync(path.join(dataDir, API_TOKEN_FILE), "utf8").trim();
    return value === "" ? undefined : value;
  } catch {
    return undefined;
  }
}
