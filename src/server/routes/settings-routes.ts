/**
 * What the settings pages ask while a person edits: does this folder exist and can the daemon
 * read it, where would a sample photo land with this template, does this destination work,
 * does this notification channel receive a message.
 */
import path from "node:path";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { checkFolder, checkImageFile, previewPath } from "../../app/settings-checks.js";
import type { SyncService } from "../../app/sync-service.js";
import { bearer, errors, json, notFound } from "./responses.js";

/** Sends a sample batch message to one channel (or all); given by the daemon, which runs notifications. */
export type NotifyTest = (
  channel: string | undefined,
) => Promise<readonly { channel: string; ok: boolean; error: string | null }[]>;

/**
 * A route that checks one path as the daemon sees it (relative paths from the config's folder):
 * the folder check and the image file check differ only in their words and their checker.
 */
function pathCheckRoute(routePath: string, summary: string, schemaName: string, description: string) {
  return createRoute({
    method: "post",
    path: routePath,
    tags: ["settings"],
    summary,
    security: bearer,
    request: {
      body: {
        required: true,
        content: { "application/json": { schema: z.object({ path: z.string().min(1) }) } },
      },
    },
    responses: {
      200: json(
        z.object({ path: z.string(), ok: z.boolean(), problem: z.string().nullable() }).openapi(schemaName),
        description,
      ),
      ...errors,
    },
  });
}

const pathChecks = [
  {
    route: pathCheckRoute(
      "/settings/check-folder",
      "Whether a folder exists and the daemon can read it (watch folders, local destinations)",
      "FolderCheck",
      "The folder as the daemon sees it.",
    ),
    check: checkFolder,
  },
  {
    route: pathCheckRoute(
      "/settings/check-file",
      "Whether an image file exists, the daemon can read it and it looks like an image (a watermark)",
      "FileCheck",
      "The file as the daemon sees it.",
    ),
    check: checkImageFile,
  },
] as const;

const previewRoute = createRoute({
  method: "post",
  path: "/settings/preview-path",
  tags: ["settings"],
  summary: "Where a sample photo lands with a subpath and file name template",
  security: bearer,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            subpath: z.string(),
            fileName: z.string().default("{name}.{ext}"),
            sample: z.string().min(1).openapi({ example: "Wedding/DSC_0001.NEF" }),
            date: z.string().openapi({ example: "2026-04-01" }),
            camera: z.string().optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: json(z.object({ path: z.string() }), "The path below the destination's base folder."),
    ...errors,
  },
});

const testDestination = createRoute({
  method: "post",
  path: "/destinations/{name}/test",
  tags: ["settings"],
  summary: "Write, read back and delete a probe file at a destination (or an rclone remote)",
  security: bearer,
  request: { params: z.object({ name: z.string().min(1) }) },
  responses: {
    200: json(
      z
        .object({
          name: z.string(),
          ok: z.boolean(),
          latencyMs: z.number(),
          verifiedBy: z.string(),
          steps: z.array(
            z.object({ name: z.string(), ok: z.boolean(), error: z.unknown().optional() }).passthrough(),
          ),
        })
        .passthrough()
        .openapi("DestinationTest"),
      "Each step and its verdict.",
    ),
    ...errors,
    ...notFound,
  },
});

const notifyTest = createRoute({
  method: "post",
  path: "/notify/test",
  tags: ["settings"],
  summary: "Send a sample batch message to every notification channel, or one",
  security: bearer,
  request: {
    body: {
      required: false,
      content: { "application/json": { schema: z.object({ channel: z.string().optional() }) } },
    },
  },
  responses: {
    200: json(
      z.array(z.object({ channel: z.string(), ok: z.boolean(), error: z.string().nullable() })),
      "How each channel took it.",
    ),
    ...errors,
  },
});

export function registerSettingsRoutes(
  app: OpenAPIHono,
  service: SyncService,
  sendTest: NotifyTest | undefined,
): void {
  for (const { route, check } of pathChecks) {
    app.openapi(route, async (c) => {
      const baseDir = path.dirname(service.paths.configPath);
      return c.json(await check(c.req.valid("json").path, baseDir), 200);
    });
  }
  app.openapi(previewRoute, (c) => c.json({ path: previewPath(c.req.valid("json")) }, 200));
  app.openapi(testDestination, async (c) => {
    const result = await service.remotes().test(c.req.valid("param").name);
    return c.json(JSON.parse(JSON.stringify(result)) as z.infer<typeof testDestinationBody>, 200);
  });
  app.openapi(notifyTest, async (c) => {
    const body = c.req.valid("json") as { channel?: string } | undefined;
    const outcomes = sendTest === undefined ? [] : await sendTest(body?.channel);
    return c.json([...outcomes], 200);
  });
}

const testDestinationBody = z.object({
  name: z.string(),
  ok: z.boolean(),
  latencyMs: z.number(),
  verifiedBy: z.string(),
  steps: z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.unknown().optional() })),
});
