/** Batches with their aggregate progress, and queueing new uploads. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { summaryLine } from "../../app/rendition-text.js";
import type { SyncService } from "../../app/sync-service.js";
import type { ResolvedServer } from "../../config/resolve-server.js";
import { batchView } from "../api-views.js";
import {
  BatchDeliveriesSchema,
  BatchIdParams,
  BatchListQuery,
  BatchSummarySchema,
  UploadBodySchema,
  UploadResultSchema,
} from "../schemas/batch-schemas.js";
import { ApiErrorSchema } from "../schemas/shared-schemas.js";
import { checkUploadRoots } from "../upload-roots.js";
import { bearer, errors, json, notFound } from "./responses.js";

const listBatches = createRoute({
  method: "get",
  path: "/batches",
  tags: ["batches"],
  summary: "The latest batches, newest first, with counts and bytes",
  request: { query: BatchListQuery },
  responses: { 200: json(z.array(BatchSummarySchema), "Batches."), ...errors },
});

const getBatch = createRoute({
  method: "get",
  path: "/batches/{id}",
  tags: ["batches"],
  summary: "One batch",
  request: { params: BatchIdParams },
  responses: { 200: json(BatchSummarySchema, "The batch."), ...errors, ...notFound },
});

const getDeliveries = createRoute({
  method: "get",
  path: "/batches/{id}/deliveries",
  tags: ["batches"],
  summary: "What each destination of the batch receives: the originals, or which rendition (size, format)",
  request: { params: BatchIdParams },
  responses: { 200: json(BatchDeliveriesSchema, "Per destination."), ...errors, ...notFound },
});

const upload = createRoute({
  method: "post",
  path: "/uploads",
  tags: ["batches"],
  summary: "Queue files or folders on the daemon's machine as one batch",
  security: bearer,
  request: { body: { content: { "application/json": { schema: UploadBodySchema } }, required: true } },
  responses: {
    201: json(UploadResultSchema, "Queued durably; the daemon uploads them."),
    ...errors,
    ...notFound,
    403: json(
      ApiErrorSchema,
      "A path outside `server.allowedRoots` on a server reachable beyond loopback (PATH_NOT_ALLOWED).",
    ),
    413: json(ApiErrorSchema, "The body is larger than 1 MiB (REQUEST_TOO_LARGE)."),
    422: json(UploadResultSchema, "None of the paths holds a file (SOURCE_MISSING)."),
  },
});

export function registerBatchRoutes(app: OpenAPIHono, service: SyncService, server: ResolvedServer): void {
  app.openapi(listBatches, async (c) =>
    c.json((await service.listBatches(c.req.valid("query").limit)).map(batchView), 200),
  );
  app.openapi(getBatch, async (c) =>
    c.json(batchView(await service.getBatchStatus(c.req.valid("param").id)), 200),
  );
  app.openapi(getDeliveries, async (c) => {
    const deliveries = await service.getBatchDeliveries(c.req.valid("param").id);
    const destinations = deliveries.destinations.map((entry) => ({
      ...entry,
      text: summaryLine(entry.rendition),
    }));
    return c.json({ ...deliveries, destinations }, 200);
  });
  app.openapi(upload, async (c) => {
    const body = c.req.valid("json");
    checkUploadRoots(body.paths, server, process.cwd());
    const result = await service.uploadBatch(body.paths, {
      to: body.to,
      subpath: body.subpath,
      batchName: body.batchName,
      priority: body.priority,
    });
    return c.json(
      {
        ...result,
        jobIds: [...result.jobIds],
        missing: [...result.missing],
        skipped: [...result.skipped],
        destinations: [...result.destinations],
      },
      201,
    );
  });
}
