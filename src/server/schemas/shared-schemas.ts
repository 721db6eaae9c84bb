/**
 * The API's shapes, once: the zod schemas in this folder validate requests, type the handlers
 * and generate /api/v1/openapi.json, so the document cannot drift from what the server accepts.
 * One file per resource, as routes/ has; this one holds what every resource uses: times, ids
 * in a path, and errors.
 */
import { z } from "@hono/zod-openapi";
import { ERROR_CODES } from "../../domain/errors.js";

export const epochMs = z.number().int().openapi({ description: "Milliseconds since 1970-01-01 UTC" });
export const nullableEpochMs = epochMs.nullable();

export const positiveId = (name: string) =>
  z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name, in: "path" }, example: 1 });

export const ApiErrorSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    hint: z.string(),
  })
  .openapi("Error", { description: "Every error: a stable code, a message and what to do about it." });

export const ErrorInfoSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    hint: z.string(),
    temporary: z.boolean(),
    detail: z.string().optional(),
    retryAfterMs: z.number().optional(),
  })
  .openapi("ErrorInfo");
