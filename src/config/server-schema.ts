/**
 * The daemon's HTTP server (API, live events, dashboard, metrics). Loopback by default: a
 * photographer's dashboard is for this computer unless they choose otherwise.
 */
import * as z from "zod";

export const DEFAULT_SERVER_PORT = 7420;

export const serverSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe("Serve the dashboard and API while `daemon` or `watch` runs."),
    host: z
      .string()
      .min(1)
      .default("127.0.0.1")
      .describe(
        "Address to listen on. Anything but 127.0.0.1, ::1 or localhost makes every call need the API token.",
      ),
    port: z
      .int()
      .min(0)
      .max(65535)
      .default(DEFAULT_SERVER_PORT)
      .describe("TCP port; 0 picks a free one (printed at start)."),
    corsOrigins: z
      .array(z.url())
      .default([])
      .describe("Web origins allowed to call the API from a browser (CORS); none by default."),
    allowedRoots: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "Folders `POST /api/v1/uploads` may queue files from when the server listens beyond loopback (none by default: such a server queues nothing by path). A loopback server is not limited.",
      ),
    maxStreams: z
      .int()
      .min(1)
      .max(1000)
      .default(32)
      .describe("Live-event (SSE) connections open at once, in total."),
    maxStreamsPerClient: z
      .int()
      .min(1)
      .max(100)
      .default(4)
      .describe("Live-event (SSE) connections open at once from one client address."),
  })
  .describe("The daemon's dashboard and HTTP API; see docs/api.md.");

export type ServerSettings = z.output<typeof serverSchema>;
