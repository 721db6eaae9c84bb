/** The queue at a glance (`GET /status`) and what `junmai-sync status` shows (`/status/report`). */
import { z } from "@hono/zod-openapi";
import { WORKER_KINDS } from "../../store/job-store.js";
import { BatchSummarySchema } from "./batch-schemas.js";
import { BandwidthSchema, DestinationSchema } from "./destination-schemas.js";
import { JobSchema, StateCountsSchema } from "./job-schemas.js";
import { epochMs, nullableEpochMs } from "./shared-schemas.js";

const WorkerSchema = z
  .object({
    owner: z.string(),
    host: z.string(),
    pid: z.number().int(),
    kind: z.enum(WORKER_KINDS),
    startedAt: epochMs,
    heartbeatAt: epochMs,
  })
  .openapi("Worker");

export const StatusSchema = z
  .object({
    counts: StateCountsSchema,
    destinations: z.array(DestinationSchema),
    pausedSince: nullableEpochMs,
    bandwidth: BandwidthSchema.nullable(),
    daemon: WorkerSchema.nullable(),
    workers: z.array(WorkerSchema),
    transfers: z
      .object({ sending: z.number().int(), waiting: z.number().int() })
      .describe(
        "The jobs in state uploading, split: sending is what rclone sends now, waiting the rest of the groups claimed with them.",
      ),
    active: z.array(z.object({ job: JobSchema, host: z.string().nullable() })),
    config: z
      .object({
        fault: z
          .object({
            file: z.string(),
            message: z.string(),
            hint: z.string(),
            key: z.string().nullable(),
            line: z.int().nullable(),
            column: z.int().nullable(),
            at: z.number(),
          })
          .nullable()
          .openapi({
            description: "Why the config file's latest version was refused (the previous one runs), or null.",
          }),
        removedDestinations: z
          .array(z.object({ name: z.string(), waiting: z.int() }))
          .openapi({ description: "Destinations removed from the config whose jobs still wait." }),
      })
      .openapi({ description: "The live config: its refusal, if any, and removed destinations." }),
    dataDir: z
      .object({ path: z.string(), freeBytes: z.number().nullable(), full: z.boolean() })
      .nullable()
      .openapi({
        description: "The disk under the data directory; `full`: no new work is taken until there is room.",
      }),
  })
  .openapi("Status");

/** `GET /status/report`: what `junmai-sync status` shows, read by the daemon for it. */
export const StatusReportSchema = z
  .object({
    status: StatusSchema,
    batches: z.array(BatchSummarySchema).describe("The five newest batches."),
    failed: z.array(JobSchema).describe("Up to 20 failed jobs."),
    retrying: z.array(JobSchema).describe("Up to 20 jobs waiting for their next attempt."),
  })
  .openapi("StatusReport");
