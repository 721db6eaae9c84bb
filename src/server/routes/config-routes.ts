/**
 * The settings editor's routes: the config file as a document (secrets as "(set)"), replaced
 * whole with `If-Match` so two editors cannot overwrite each other, and read again on demand.
 * Everything goes through app/config-editor.ts, the same checks the CLI's file reading does.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ConfigReload } from "../../app/live-config.js";
import type { SyncService } from "../../app/sync-service.js";
import { ApiErrorSchema } from "../schemas/shared-schemas.js";
import { bearer, errors, json } from "./responses.js";

const FaultSchema = z
  .object({
    file: z.string(),
    message: z.string(),
    hint: z.string(),
    key: z.string().nullable().openapi({ example: "destinations[1].concurrency" }),
    line: z.int().nullable(),
    column: z.int().nullable(),
    at: z.number().openapi({ description: "When it was found (ms since the epoch)." }),
  })
  .openapi("ConfigFault", {
    description: "Why the config file's latest version was refused; the previous config stays in force.",
  });

const ConfigViewSchema = z
  .object({
    file: z.string(),
    exists: z.boolean().openapi({ description: "false: no file yet, the document is the embedded default." }),
    etag: z.string().openapi({ description: "Send it back as If-Match when saving." }),
    config: z.record(z.string(), z.unknown()).nullable().openapi({
      description: 'The config document; every secret reads "(set)". null: the file is not JSON.',
    }),
    fault: FaultSchema.nullable(),
  })
  .openapi("ConfigView");

const ReloadSchema = z
  .object({
    ok: z.boolean(),
    added: z.array(z.string()).optional(),
    removed: z.array(z.string()).optional(),
    fault: FaultSchema.optional(),
  })
  .openapi("ConfigReload");

const SavedSchema = z.object({ etag: z.string(), reload: ReloadSchema }).openapi("ConfigSaved");

const getConfig = createRoute({
  method: "get",
  path: "/config",
  tags: ["settings"],
  summary: 'The config file as a document (secrets as "(set)"), its etag, and why it is refused if it is',
  security: bearer,
  responses: { 200: json(ConfigViewSchema, "The config document."), ...errors },
});

const putConfig = createRoute({
  method: "put",
  path: "/config",
  tags: ["settings"],
  summary:
    "Replace the whole config: validated like the file, written atomically (previous kept as .bak), applied live",
  security: bearer,
  request: {
    headers: z.object({
      "if-match": z
        .string()
        .optional()
        .openapi({ description: "The etag the document was read with; `*` forces." }),
    }),
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.record(z.string(), z.unknown()).openapi({
            description: 'The whole config document; "(set)" keeps the secret stored at that place.',
          }),
        },
      },
    },
  },
  responses: {
    200: json(SavedSchema, "Saved and applied; the new etag."),
    ...errors,
    409: json(ApiErrorSchema, "The file changed since it was read, or If-Match is missing (CONFIG_STALE)."),
    413: json(ApiErrorSchema, "The body is larger than 1 MiB (REQUEST_TOO_LARGE)."),
  },
});

const reloadConfig = createRoute({
  method: "post",
  path: "/config/reload",
  tags: ["settings"],
  summary: "Read the config file again now (as SIGHUP does); an invalid file is refused and reported",
  security: bearer,
  responses: { 200: json(ReloadSchema, "Applied, or refused with the fault."), ...errors },
});

/** The reload's answer as JSON (mutable arrays for the response type). */
function reloadBody(reload: ConfigReload): z.infer<typeof ReloadSchema> {
  return reload.ok
    ? { ok: true, added: [...reload.added], removed: [...reload.removed] }
    : { ok: false, fault: reload.fault };
}

export function registerConfigRoutes(app: OpenAPIHono, service: SyncService): void {
  app.openapi(getConfig, (c) => {
    const view = service.configEditor().read();
    c.header("ETag", view.etag);
    return c.json({ ...view, config: (view.config ?? null) as Record<string, unknown> | null }, 200);
  });
  app.openapi(putConfig, async (c) => {
    const saved = await service
      .configEditor()
      .replace(c.req.valid("json"), c.req.valid("header")["if-match"]);
    c.header("ETag", saved.etag);
    return c.json({ etag: saved.etag, reload: reloadBody(saved.reload) }, 200);
  });
  app.openapi(reloadConfig, (c) => c.json(reloadBody(service.reloadConfig()), 200));
}
