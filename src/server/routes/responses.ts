/** Response entries shared by the route definitions. */
import type { z } from "@hono/zod-openapi";
import { ApiErrorSchema } from "../schemas/shared-schemas.js";

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description } as const;
}

export const errors = {
  400: json(ApiErrorSchema, "The request is not valid (REQUEST_INVALID, USAGE …)."),
  401: json(ApiErrorSchema, "The API token is missing or wrong (UNAUTHORIZED)."),
} as const;

export const notFound = { 404: json(ApiErrorSchema, "No such job, batch or destination.") } as const;
export const conflict = {
  409: json(ApiErrorSchema, "The job's state does not allow this (ILLEGAL_TRANSITION)."),
} as const;

export const bearer = [{ bearer: [] }];
