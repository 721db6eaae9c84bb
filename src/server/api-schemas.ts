/**
 * The API's shapes, once: these zod schemas validate requests, type the handlers and generate
 * /api/v1/openapi.json, so the document cannot drift from what the server accepts.
 */

import { z } from "@hono/zod-openapi";
import { DESTINATION_CONDITIONS } from "../domain/destination-health.js";
import { HOLD_REASONS } from "../domain/destination-schedule.js";
import { ERROR_CODES } from "../domain/errors.js";
import { JOB_STATES } from "../domain/job.js";
import { METADATA_POLICIES, RENDITION_FORMATS } from "../domain/rendition.js";
import { TRANSPORT_KINDS } from "../domain/resume.js";
import { WORKER_KINDS } from "../store/job-store.js";

const epochMs = z.number().int().openapi({ description: "Milliseconds since 1970-01-01 UTC" });
const nullableEpochMs = epochMs.nullable();

export const ApiErrorSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    hint: z.string(),
  })
  .openapi("Error", { description: "Every error: a stable code, a message and what to do about it." });

const MessageRefSchema = z
  .object({
    key: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    instants: z.array(z.string()).readonly().optional(),
  })
  .openapi("MessageRef", {
    description:
      "A sentence by its catalogue key (src/i18n) and parameters, secrets redacted as in `message`; `instants` names the parameters that are dates (ms since 1970).",
  });

export const ErrorInfoSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    hint: z.string(),
    temporary: z.boolean(),
    detail: z.string().optional(),
    retryAfterMs: z.number().optional(),
    says: MessageRefSchema.optional().openapi({
      description:
        "`message` by catalogue key, for a client showing it in another language; absent for rclone's own words and errors stored before.",
    }),
    hintSays: MessageRefSchema.optional().openapi({ description: "`hint` by catalogue key, likewise." }),
    attemptsFailed: z.number().int().optional().openapi({
      description: "The retries were used up after this many attempts; `hint` ends by saying so.",
    }),
  })
  .openapi("ErrorInfo");

export const JobStateSchema = z.enum(JOB_STATES).openapi("JobState");

export const RenditionSettingsSchema = z
  .object({
    longEdge: z.number().int().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    format: z.enum(RENDITION_FORMATS),
    quality: z.number().int(),
    colorSpace: z.enum(["srgb", "keep"]),
    sharpen: z.enum(["none", "screen"]),
    metadata: z.enum(METADATA_POLICIES),
    removeLocation: z.boolean(),
    watermark: z
      .object({ image: z.string(), position: z.string(), opacity: z.number(), scale: z.number() })
      .nullable(),
  })
  .openapi("RenditionSettings");

export const RenditionPlanSchema = z
  .object({
    kind: z.enum(["make", "skip", "original"]).openapi({
      description:
        "`make`: a rendition; `skip` / `original`: the image library cannot read the file (onUnsupported).",
    }),
    settings: RenditionSettingsSchema.optional(),
  })
  .openapi("RenditionPlan");

export const RenditionSummarySchema = z
  .object({
    size: z.string(),
    format: z.string(),
    colorSpace: z.enum(["srgb", "keep"]),
    metadata: z.enum(METADATA_POLICIES),
    removeLocation: z.boolean(),
    watermark: z.boolean(),
  })
  .openapi("RenditionSummary");

export const BatchDeliveriesSchema = z
  .object({
    destinations: z.array(
      z.object({
        destination: z.string(),
        files: z.number().int(),
        rendition: RenditionSummarySchema.nullable().openapi({ description: "null: the originals." }),
        unsupportedSkipped: z.number().int(),
        unsupportedOriginals: z.number().int(),
        text: z
          .string()
          .openapi({ description: "The same, as a sentence for people (the dashboard shows it)." }),
      }),
    ),
    previewJobId: z.number().int().nullable(),
  })
  .openapi("BatchDeliveries");

export const JobSchema = z
  .object({
    id: z.number().int(),
    batchId: z.number().int(),
    destination: z.string(),
    sourcePath: z.string().openapi({ description: "Absolute path on the machine that queued it." }),
    remotePath: z.string().openapi({ description: "Path inside the destination, `/`-separated." }),
    state: JobStateSchema,
    attempts: z.number().int(),
    maxRetries: z.number().int(),
    sizeBytes: z.number().nullable(),
    bytesDone: z.number(),
    percent: z.number().int().min(0).max(100),
    hashType: z.string().nullable(),
    hash: z.string().nullable(),
    lastError: ErrorInfoSchema.nullable(),
    nextAttemptAt: nullableEpochMs,
    leaseOwner: z.string().nullable(),
    leaseExpiresAt: nullableEpochMs,
    priority: z.number().int(),
    shareLink: z.string().nullable(),
    transport: z
      .enum(TRANSPORT_KINDS)
      .nullable()
      .optional()
      .openapi({ description: "What moved the bytes: `rclone`, or our resumable `s3` / `sftp`." }),
    resumedFrom: z.number().nullable().optional().openapi({
      description: "Bytes the last transfer did not send again because it resumed; null: from 0.",
    }),
    rendition: RenditionPlanSchema.nullable().openapi({
      description:
        "What the destination gets instead of the original, decided when queued; null: the original.",
    }),
    createdAt: epochMs,
    updatedAt: epochMs,
    startedAt: nullableEpochMs,
    finishedAt: nullableEpochMs,
  })
  .openapi("Job");

export const StateCountsSchema = z
  .object(
    Object.fromEntries(JOB_STATES.map((state) => [state, z.number().int()])) as Record<
      (typeof JOB_STATES)[number],
      z.ZodNumber
    >,
  )
  .openapi("StateCounts");

export const BatchSummarySchema = z
  .object({
    batch: z.object({
      id: z.number().int(),
      name: z.string().nullable(),
      createdAt: epochMs,
      jobCount: z.number().int(),
      openUntil: nullableEpochMs.openapi({
        description: "Until when more files may join it; null once closed.",
      }),
    }),
    counts: StateCountsSchema,
    status: z.enum(["queued", "running", "completed", "failed", "cancelled"]),
    bytesTotal: z.number(),
    bytesDone: z.number(),
    percent: z.number().int().min(0).max(100),
  })
  .openapi("BatchSummary");

const HealthSchema = z
  .object({
    destination: z.string(),
    condition: z.enum(DESTINATION_CONDITIONS),
    reason: ErrorInfoSchema.nullable(),
    since: epochMs,
    until: nullableEpochMs,
    concurrency: z.number().int(),
    updatedAt: epochMs,
  })
  .openapi("DestinationHealth");

const HoldSchema = z
  .object({
    reason: z.enum(HOLD_REASONS),
    since: nullableEpochMs,
    until: nullableEpochMs,
    everything: z.boolean().optional(),
    sentBytes: z.number().optional(),
    capBytes: z.number().optional(),
    neededBytes: z.number().optional(),
    freeBytes: z.number().optional(),
  })
  .openapi("Hold", { description: "Why a destination starts no uploads now, by its schedule or a pause." });

const BandwidthSchema = z
  .object({
    bytesPerSecond: z.number().nullable(),
    until: nullableEpochMs,
    source: z.enum(["config", "live"]),
  })
  .openapi("Bandwidth");

const RateSchema = z
  .object({
    bytesPerSecond: z.number(),
    uploads: z.number().int(),
    limitBytesPerSecond: z.number().nullable(),
  })
  .openapi("Rate", {
    description:
      "What the destination's uploads move now, all workers together, and the limit they are held to (its own rate, or its share of the global one).",
  });

export const DestinationSchema = z
  .object({
    name: z.string(),
    kind: z.string(),
    basePath: z.string(),
    folder: z
      .string()
      .nullable()
      .openapi({ description: "A local destination's folder on disk; null for others." }),
    health: HealthSchema.nullable().openapi({ description: "As the workers find it; null while none runs." }),
    hold: HoldSchema.nullable(),
    bandwidth: BandwidthSchema.nullable(),
    rate: RateSchema.nullable().openapi({ description: "null while none of its uploads runs." }),
  })
  .openapi("Destination");

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

export const JobPageSchema = z
  .object({
    jobs: z.array(JobSchema),
    next: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Pass as `after` for the next page; null on the last page." }),
  })
  .openapi("JobPage");

const positiveId = (name: string) =>
  z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name, in: "path" }, example: 1 });

export const JobIdParams = z.object({ id: positiveId("id") });
export const BatchIdParams = z.object({ id: positiveId("id") });
export const DestinationParams = z.object({
  name: z
    .string()
    .min(1)
    .openapi({ param: { name: "name", in: "path" }, example: "local" }),
});

const stateList = z
  .string()
  .transform((text, context) => {
    const states = text.split(",").map((state) => state.trim());
    for (const state of states) {
      if (!(JOB_STATES as readonly string[]).includes(state)) {
        context.addIssue({
          code: "custom",
          message: `unknown state "${state}" (known: ${JOB_STATES.join(", ")})`,
        });
        return z.NEVER;
      }
    }
    return states as (typeof JOB_STATES)[number][];
  })
  .openapi({
    description: "One state or several, comma-separated: `failed` or `pending,retrying`.",
    example: "failed",
  });

export const JobListQuery = z.object({
  state: stateList.optional(),
  batch: z.coerce.number().int().positive().optional(),
  destination: z.string().min(1).optional(),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ description: "Jobs with a greater id (from `next`)." }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const BatchListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const UploadBodySchema = z
  .object({
    paths: z.array(z.string().min(1)).min(1).max(10_000).openapi({
      description: "Files or folders on the daemon's machine (folders are searched recursively).",
    }),
    to: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    subpath: z.string().optional(),
    batchName: z.string().min(1).max(200).optional(),
    priority: z.union([z.enum(["high", "normal", "low"]), z.number().int().min(-100).max(100)]).optional(),
  })
  .strict()
  .openapi("UploadRequest");

export const UploadResultSchema = z
  .object({
    batch: BatchSummarySchema.shape.batch,
    jobIds: z.array(z.number().int()),
    missing: z.array(z.string()),
    skipped: z
      .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
      .describe("Not queued, with why: pipes, sockets, devices, symbolic-link loops, unreadable folders."),
    destinations: z.array(z.string()),
  })
  .openapi("UploadResult");

export const RetryAllResultSchema = z.object({ retried: z.number().int() }).openapi("RetryAllResult");
export const PauseResultSchema = z
  .object({ destination: z.string().nullable(), paused: z.boolean() })
  .openapi("PauseResult");
