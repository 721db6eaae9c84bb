/**
 * GET /api/v1/events: Server-Sent Events. On connect a `counts` event; then `job` (every state
 * change), `progress` (each running transfer, once a second while bytes move), `batch` (a batch
 * finished) and `counts` (when they change). A comment every 15 s keeps proxies from closing it.
 */

import { getConnInfo } from "@hono/node-server/conninfo";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { SyncService } from "../../app/sync-service.js";
import type { LiveEvent, LiveEvents } from "../live-events.js";
import type { StreamLimits } from "../stream-limits.js";

const KEEPALIVE_MS = 15_000;
/** A client this far behind is gone or stuck; dropping it keeps the daemon's memory bounded. */
const MAX_PENDING_WRITES = 2_000;

export function registerEventRoutes(
  app: OpenAPIHono,
  service: SyncService,
  live: LiveEvents,
  limits: StreamLimits,
): void {
  app.get("/events", (c) => {
    // Refused before the stream starts, so the client gets a real 429.
    const release = limits.admit(clientOf(c));
    return streamSSE(c, async (stream) => {
      let pending = 0;
      let sequence = 0;
      let closed = false;
      let end: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => {
        end = resolve;
      });
      const send = (event: LiveEvent) => {
        if (closed) return;
        if (pending >= MAX_PENDING_WRITES) {
          closed = true;
          end();
          return;
        }
        pending += 1;
        sequence += 1;
        stream
          .writeSSE({ event: event.type, data: JSON.stringify(event.data), id: String(sequence) })
          .catch(() => {
            closed = true;
            end();
          })
          .finally(() => {
            pending -= 1;
          });
      };
      const unsubscribe = live.subscribe(send);
      stream.onAbort(() => {
        closed = true;
        end();
      });
      const keepalive = setInterval(() => {
        if (!closed) stream.write(": keepalive\n\n").catch(() => end());
      }, KEEPALIVE_MS);
      try {
        send({ type: "counts", data: await service.getCounts() });
        await ended;
      } finally {
        clearInterval(keepalive);
        unsubscribe();
        release();
      }
    });
  });
}

/** The peer's address (the node server's socket); requests without one share a key. */
function clientOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
