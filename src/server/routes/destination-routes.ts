/** Destinations with health and holds; pausing and resuming one or all. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { SyncService } from "../../app/sync-service.js";
import { DestinationParams, DestinationSchema, PauseResultSchema } from "../schemas/destination-schemas.js";
import { bearer, errors, json, notFound } from "./responses.js";

const listDestinations = createRoute({
  method: "get",
  path: "/destinations",
  tags: ["destinations"],
  summary: "Every destination with its health (online, offline, rate-limited, quota-paused) and hold",
  responses: { 200: json(z.array(DestinationSchema), "Destinations."), ...errors },
});

function pauseResponses(verb: string) {
  return {
    200: json(PauseResultSchema, `${verb}d; stored, so it holds across restarts.`),
    ...errors,
    ...notFound,
  };
}

function pauseAll(action: "pause" | "resume") {
  const verb = action === "pause" ? "Pause" : "Resume";
  return createRoute({
    method: "post",
    path: `/${action}`,
    tags: ["destinations"],
    summary: `${verb} every destination (running uploads finish)`,
    security: bearer,
    responses: pauseResponses(verb),
  });
}

function pauseOne(action: "pause" | "resume") {
  const verb = action === "pause" ? "Pause" : "Resume";
  return createRoute({
    method: "post",
    path: `/destinations/{name}/${action}`,
    tags: ["destinations"],
    summary: `${verb} one destination (running uploads finish)`,
    security: bearer,
    request: { params: DestinationParams },
    responses: pauseResponses(verb),
  });
}

export function registerDestinationRoutes(app: OpenAPIHono, service: SyncService): void {
  app.openapi(listDestinations, async (c) => c.json([...(await service.getQueueStatus()).destinations], 200));
  for (const action of ["pause", "resume"] as const) {
    const apply = (name?: string) => (action === "pause" ? service.pause(name) : service.resume(name));
    app.openapi(pauseAll(action), async (c) => {
      await apply();
      return c.json({ destination: null, paused: action === "pause" }, 200);
    });
    app.openapi(pauseOne(action), async (c) => {
      const { name } = c.req.valid("param");
      await apply(name);
      return c.json({ destination: name, paused: action === "pause" }, 200);
    });
  }
}
