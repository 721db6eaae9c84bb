/** Status, jobs, and what can be done to them: retry one, retry all failed, cancel. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { readStatusReport } from "../../app/status-report.js";
import type { SyncService } from "../../app/sync-service.js";
import { batchView, jobView, statusView } from "../api-views.js";
import {
  JobIdParams,
  JobListQuery,
  JobPageSchema,
  JobSchema,
  RetryAllResultSchema,
} from "../schemas/job-schemas.js";
import { StatusReportSchema, StatusSchema } from "../schemas/status-schemas.js";
import { bearer, conflict, errors, json, notFound } from "./responses.js";

const status = createRoute({
  method: "get",
  path: "/status",
  tags: ["queue"],
  summary: "Counts per state, destinations with health and holds, workers, transfers moving now",
  responses: { 200: json(StatusSchema, "The queue now."), ...errors },
});

const statusReport = createRoute({
  method: "get",
  path: "/status/report",
  tags: ["queue"],
  summary: "What `junmai-sync status` shows: the status, the five newest batches, failed and waiting jobs",
  responses: { 200: json(StatusReportSchema, "The queue now, as `status` shows it."), ...errors },
});

const listJobs = createRoute({
  method: "get",
  path: "/jobs",
  tags: ["jobs"],
  summary: "Jobs, oldest first, filtered by state, batch and destination; paginated by id",
  request: { query: JobListQuery },
  responses: { 200: json(JobPageSchema, "One page of jobs."), ...errors },
});

const getJob = createRoute({
  method: "get",
  path: "/jobs/{id}",
  tags: ["jobs"],
  summary: "One job",
  request: { params: JobIdParams },
  responses: { 200: json(JobSchema, "The job."), ...errors, ...notFound },
});

const thumbnail = createRoute({
  method: "get",
  path: "/jobs/{id}/thumbnail",
  tags: ["jobs"],
  summary: "A small JPEG preview of the job's source photo (made once, cached)",
  request: { params: JobIdParams },
  responses: {
    200: {
      content: { "image/jpeg": { schema: z.string().openapi({ format: "binary" }) } },
      description: "The preview.",
    },
    ...errors,
    ...notFound,
  },
});

const retryJob = createRoute({
  method: "post",
  path: "/jobs/{id}/retry",
  tags: ["jobs"],
  summary: "Put a failed, cancelled or waiting job back in the queue with a fresh retry budget",
  security: bearer,
  request: { params: JobIdParams },
  responses: { 200: json(JobSchema, "The job, queued again."), ...errors, ...notFound, ...conflict },
});

const cancelJob = createRoute({
  method: "post",
  path: "/jobs/{id}/cancel",
  tags: ["jobs"],
  summary: "Cancel a job that has not finished (a running transfer stops)",
  security: bearer,
  request: { params: JobIdParams },
  responses: { 200: json(JobSchema, "The cancelled job."), ...errors, ...notFound, ...conflict },
});

const retryAll = createRoute({
  method: "post",
  path: "/jobs/retry-failed",
  tags: ["jobs"],
  summary: "Put every failed job back in the queue",
  security: bearer,
  responses: { 200: json(RetryAllResultSchema, "How many jobs were queued again."), ...errors },
});

export function registerJobRoutes(app: OpenAPIHono, service: SyncService): void {
  app.openapi(status, async (c) => c.json(statusView(await service.getQueueStatus()), 200));

  // `status` asks a running daemon first (app/daemon-status.ts): it has the queue open already.
  app.openapi(statusReport, async (c) => {
    const report = await readStatusReport(service);
    return c.json(
      {
        status: statusView(report.status),
        batches: report.batches.map(batchView),
        failed: report.failed.map(jobView),
        retrying: report.retrying.map(jobView),
      },
      200,
    );
  });

  app.openapi(listJobs, async (c) => {
    const query = c.req.valid("query");
    // One more than asked tells whether another page exists, without a count.
    const jobs = await service.listJobs({
      states: query.state,
      batchId: query.batch,
      destination: query.destination,
      afterId: query.after,
      limit: query.limit + 1,
    });
    const page = jobs.slice(0, query.limit);
    const next = jobs.length > query.limit ? (page.at(-1)?.id ?? null) : null;
    return c.json({ jobs: page.map(jobView), next }, 200);
  });

  app.openapi(getJob, async (c) =>
    c.json(jobView(await service.getUploadStatus(c.req.valid("param").id)), 200),
  );
  app.openapi(thumbnail, async (c) => {
    const bytes = await service.thumbnail(c.req.valid("param").id);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": "image/jpeg",
      "Cache-Control": "private, max-age=3600",
    });
  });
  app.openapi(retryJob, async (c) =>
    c.json(jobView(await service.retryFailed(c.req.valid("param").id)), 200),
  );
  app.openapi(cancelJob, async (c) => c.json(jobView(await service.cancel(c.req.valid("param").id)), 200));
  app.openapi(retryAll, async (c) => c.json({ retried: await service.retryAllFailed() }, 200));
}
