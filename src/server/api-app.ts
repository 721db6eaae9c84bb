/**
 * The daemon's HTTP application: /api/v1 (JSON, OpenAPI at /api/v1/openapi.json, live events),
 * /metrics for Prometheus and the dashboard at /. Transport-free (a fetch handler), so tests can
 * call it without a socket and http-server.ts serves it.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { ApiToken } from "../app/api-token.js";
import type { SyncService } from "../app/sync-service.js";
import type { ResolvedServer } from "../config/resolve-server.js";
import { SyncError } from "../domain/errors.js";
import type { Logger } from "../engine/events.js";
import { messagesOf, say } from "../i18n/message.js";
import { errorResponse, requestInvalid } from "./api-errors.js";
import { type Asset, DASHBOARD_CSP, loadDashboardAssets } from "./dashboard-assets.js";
import { dashboardLanguage, pageMessagesJson, renderDashboardPage } from "./dashboard-page.js";
import { guard } from "./guard.js";
import type { LiveEvents } from "./live-events.js";
import type { Metrics } from "./metrics.js";
import { registerBatchRoutes } from "./routes/batch-routes.js";
import { registerConfigRoutes } from "./routes/config-routes.js";
import { registerDestinationRoutes } from "./routes/destination-routes.js";
import { registerEventRoutes } from "./routes/event-routes.js";
import { registerJobRoutes } from "./routes/job-routes.js";
import { registerRemoteRoutes } from "./routes/remote-routes.js";
import { type NotifyTest, registerSettingsRoutes } from "./routes/settings-routes.js";
import { StreamLimits } from "./stream-limits.js";

export const API_BASE = "/api/v1";
const MAX_BODY_BYTES = 1024 * 1024;

export interface ApiAppOptions {
  readonly service: SyncService;
  readonly server: ResolvedServer;
  readonly token: ApiToken;
  readonly live: LiveEvents;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly version: string;
  readonly assets?: ReadonlyMap<string, Asset>;
  /** "Send test" of the notification settings; given by the daemon, which runs notifications. */
  readonly notifyTest?: NotifyTest | undefined;
}

export function createApiApp(options: ApiAppOptions): OpenAPIHono {
  const { service, logger } = options;
  const assets = withMessages(options.assets ?? loadDashboardAssets());
  const app = new OpenAPIHono();

  app.onError((error, c) => {
    const { body, status } = errorResponse(error, logger);
    // The rest of an oversized body is never read: the connection cannot be reused.
    if (status === 413) c.header("Connection", "close");
    return c.json(body, status);
  });
  app.notFound((c) => {
    const { body, status } = errorResponse(
      new SyncError("NOT_FOUND", say("server.nothingAtRoute", { method: c.req.method, path: c.req.path })),
      logger,
    );
    return c.json(body, status);
  });
  app.use("*", async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
  if (options.server.corsOrigins.length > 0) {
    app.use(
      `${API_BASE}/*`,
      cors({ origin: [...options.server.corsOrigins], allowHeaders: ["Authorization", "Content-Type"] }),
    );
  }
  app.use("*", guard({ server: options.server, token: options.token, isPublic: (path) => assets.has(path) }));
  // Every path, before anything reads the body: a Content-Length over the cap is refused
  // unread, and a chunked body is cut off as soon as it passes the cap.
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new SyncError("REQUEST_TOO_LARGE", say("faults.bodyTooLarge", { limit: MAX_BODY_BYTES }));
      },
    }),
  );

  const api = new OpenAPIHono({
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const where = issue === undefined || issue.path.length === 0 ? "request" : issue.path.join(".");
      throw requestInvalid(`\`${where}\`: ${issue?.message ?? "is not valid"}.`);
    },
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description:
      "`junmai-sync token` prints it. Needed for every POST, and for every call when the daemon listens beyond loopback.",
  });
  registerJobRoutes(api, service);
  registerBatchRoutes(api, service, options.server);
  registerDestinationRoutes(api, service);
  registerEventRoutes(
    api,
    service,
    options.live,
    new StreamLimits(options.server.maxStreams ?? 32, options.server.maxStreamsPerClient ?? 4),
  );
  registerConfigRoutes(api, service);
  registerRemoteRoutes(api, service);
  registerSettingsRoutes(api, service, options.notifyTest);
  api.openAPIRegistry.registerPath({
    method: "get",
    path: "/events",
    tags: ["live"],
    summary: "Server-Sent Events: job, progress (≥ 1/s while bytes move), batch, counts",
    responses: {
      200: {
        description: "An event stream.",
        content: { "text/event-stream": { schema: { type: "string" } } },
      },
    },
  });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "junmai-sync",
      version: options.version,
      description: "The daemon's API: queue status, jobs, batches, destinations, uploads and live events.",
    },
    servers: [{ url: API_BASE }],
  });
  app.route(API_BASE, api);

  app.get("/metrics", async (c) => {
    c.header("Content-Type", options.metrics.contentType);
    return c.body(await options.metrics.text());
  });

  // The page itself in the reader's language, made once per language.
  const pages = new Map<string, Uint8Array>();
  const page = assets.get("/");
  app.get("*", (c) => {
    if (c.req.path === MESSAGES_PATH) {
      // The settings pages' texts, in the same reader's language as the page.
      const language = dashboardLanguage(c.req.header("Cookie"), c.req.header("Accept-Language"));
      c.header("Content-Type", "application/json; charset=utf-8");
      c.header("Cache-Control", "no-cache");
      c.header("Vary", "Accept-Language, Cookie");
      c.header("Content-Language", language);
      return c.body(pageMessagesJson(language, MESSAGE_PREFIXES));
    }
    if (page !== undefined && (c.req.path === "/" || c.req.path === "/index.html")) {
      const language = dashboardLanguage(c.req.header("Cookie"), c.req.header("Accept-Language"));
      let body = pages.get(language);
      if (body === undefined) {
        body = new TextEncoder().encode(renderDashboardPage(new TextDecoder().decode(page.body), language));
        pages.set(language, body);
      }
      c.header("Content-Type", page.type);
      c.header("Content-Security-Policy", DASHBOARD_CSP);
      c.header("Cache-Control", "no-cache");
      c.header("Vary", "Accept-Language, Cookie");
      c.header("Content-Language", language);
      return c.body(body as Uint8Array<ArrayBuffer>);
    }
    const asset = assets.get(c.req.path);
    if (asset === undefined) throw new SyncError("NOT_FOUND", say("server.nothingAt", { path: c.req.path }));
    c.header("Content-Type", asset.type);
    c.header("Content-Security-Policy", DASHBOARD_CSP);
    c.header("Cache-Control", "no-cache");
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });
  return app;
}

const MESSAGES_PATH = "/messages.json";
const MESSAGE_PREFIXES = ["settings.", "dashboard.", "rendition.", "state.", "batchStatus."];

/**
 * The dashboard's texts from the catalogue, as /messages.json (public, like the other assets).
 * Listed here so the guard lets it through; the route above answers in the reader's language.
 */
function withMessages(assets: ReadonlyMap<string, Asset>): ReadonlyMap<string, Asset> {
  const body = new TextEncoder().encode(JSON.stringify(messagesOf(["settings.", "dashboard."])));
  return new Map([...assets, ["/messages.json", { body, type: "application/json; charset=utf-8" }]]);
}
