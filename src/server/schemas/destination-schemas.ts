/** Destinations as the workers find them: health, holds, bandwidth and rate; pausing one. */
import { z } from "@hono/zod-openapi";
import { DESTINATION_CONDITIONS } from "../../domain/destination-health.js";
import { HOLD_REASONS } from "../../domain/destination-schedule.js";
import { ErrorInfoSchema, epochMs, nullableEpochMs } from "./shared-schemas.js";

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

export const BandwidthSchema = z
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

export const DestinationParams = z.object({
  name: z
    .string()
    .min(1)
    .openapi({ param: { name: "name", in: "path" }, example: "local" }),
});

export const PauseResultSchema = z
  .object({ destination: z.string().nullable(), paused: z.boolean() })
  .openapi("PauseResult");
