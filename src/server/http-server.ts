/**
 * Serves the API app on a socket. A port already taken is a SERVER_FAILED error with a hint,
 * never a crash of the daemon: uploads matter more than the dashboard.
 */
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { ResolvedServer } from "../config/resolve-server.js";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

export interface RunningServer {
  /** `http://127.0.0.1:7420` (the port actually bound when 0 was asked). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

export async function startHttpServer(fetch: FetchHandler, server: ResolvedServer): Promise<RunningServer> {
  const http = createAdaptorServer({ fetch, hostname: server.host, port: server.port });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const at = { host: server.host, port: server.port };
      const why =
        error.code === "EADDRINUSE"
          ? say("server.portInUse", at)
          : error.code === "EADDRNOTAVAIL"
            ? say("server.noSuchAddress", at)
            : error.code === "EACCES"
              ? say("server.portNotAllowed", at)
              : say("server.cannotListen", { ...at, reason: error.message });
      reject(new SyncError("SERVER_FAILED", why, { cause: error }));
    };
    http.once("error", onError);
    http.listen(server.port, server.host, () => {
      http.off("error", onError);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const host = server.host.includes(":") ? `[${server.host}]` : server.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Live-event streams never end by themselves; cut them so close() returns.
        if ("closeAllConnections" in http) http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
