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
