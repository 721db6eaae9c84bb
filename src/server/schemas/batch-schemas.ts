/** Batches: the jobs of one export or one upload call, what each destination received, uploads. */
import { z } from "@hono/zod-openapi";
import { METADATA_POLICIES } from "../../domain/rendition.js";
import { StateCountsSchema } from "./job-schemas.js";
import { epochMs, nullableEpochMs, positiveId } from "./shared-schemas.js";

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

export const BatchIdParams = z.object({ id: positiveId("id") });

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
