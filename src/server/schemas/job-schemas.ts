/** Jobs: one file to one destination, its state, what it is sent as, and how to list them. */
import { z } from "@hono/zod-openapi";
import { JOB_STATES } from "../../domain/job.js";
import { METADATA_POLICIES, RENDITION_FORMATS } from "../../domain/rendition.js";
import { TRANSPORT_KINDS } from "../../domain/resume.js";
import { ErrorInfoSchema, epochMs, nullableEpochMs, positiveId } from "./shared-schemas.js";

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

export const JobIdParams = z.object({ id: positiveId("id") });

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

export const RetryAllResultSchema = z.object({ retried: z.number().int() }).openapi("RetryAllResult");
