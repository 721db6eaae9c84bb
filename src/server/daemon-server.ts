/**
 * The daemon's dashboard and API, put together: the token (checked before anything starts, so
 * an unsafe exposure refuses to run), live events, metrics, the app and its socket. While it
 * runs, `server.json` in the data directory tells `junmai-sync token` where it is.
 */
import { type ApiToken, assertSafeExposure, loadApiToken } from "../app/api-token.js";
import { writeServerRecord } from "../app/server-record.js";
import type { SyncService } from "../app/sync-service.js";
import type { ResolvedServer } from "../config/resolve-server.js";
import type { Logger } from "../engine/events.js";
import { VERSION } from "../platform/version.js";
import { createApiApp } from "./api-app.js";
import { type RunningServer, startHttpServer } from "./http-server.js";
import { LiveEvents } from "./live-events.js";
import { Metrics } from "./metrics.js";
import type { NotifyTest } from "./routes/settings-routes.js";

export interface DaemonServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Loads (or creates) the API token and refuses an exposure it cannot protect; throws SERVER_UNSAFE. */
export function prepareServer(service: SyncService, server: ResolvedServer, env = process.env): ApiToken {
  const token = loadApiToken(service.paths.dataDir, env);
  assertSafeExposure(server, token);
  return token;
}

export async function startDaemonServer(
  service: SyncService,
  options: {
    readonly server: ResolvedServer;
    readonly token: ApiToken;
    readonly logger: Logger;
    readonly notifyTest?: NotifyTest | undefined;
  },
): Promise<DaemonServer> {
  const live = new LiveEvents(service);
  const metrics = new Metrics(service);
  let running: RunningServer;
  try {
    const app = createApiApp({ service, live, metrics, version: VERSION, ...options });
    running = await startHttpServer(app.fetch, options.server);
  } catch (error: unknown) {
    live.close();
    metrics.close();
    throw error;
  }
  const forget = writeServerRecord(service.paths.dataDir, { url: running.url, pid: process.pid });
  return {
    url: running.url,
    close: async () => {
      forget();
      live.close();
      metrics.close();
      await running.close();
    },
  };
}
