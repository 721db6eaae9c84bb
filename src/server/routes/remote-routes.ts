/**
 * Cloud sign-in from the browser, through rclone (app/sign-in.ts): create a remote and get
 * rclone's sign-in page to open, or paste the token `rclone authorize` printed elsewhere; ask
 * whether a remote is set up (never its token); cancel a sign-in left open.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { SIGN_IN_TYPES } from "../../app/sign-in.js";
import type { SyncService } from "../../app/sync-service.js";
import { ApiErrorSchema } from "../schemas/shared-schemas.js";
import { bearer, errors, json } from "./responses.js";

const SignInRequestSchema = z
  .object({
    name: z.string().openapi({ example: "dropbox" }),
    type: z.enum(SIGN_IN_TYPES),
    parameters: z.record(z.string(), z.string()).default({}).openapi({
      description: "rclone's options of the backend (client_id, client_secret …), usually none.",
    }),
    mode: z.enum(["browser", "paste"]).optional().openapi({
      description:
        "browser (default): rclone's sign-in page on this computer; paste: the token from `rclone authorize`.",
    }),
    token: z.string().optional().openapi({
      description: 'What `rclone authorize "TYPE"` printed on a computer with a browser (mode paste).',
    }),
  })
  .openapi("SignInRequest");

const SignInAnswerSchema = z
  .object({
    state: z.enum(["done", "authorize", "paste"]),
    url: z.string().optional().openapi({
      description:
        "authorize: open it in a browser on the daemon's computer (rclone's page on 127.0.0.1:53682).",
    }),
    command: z
      .string()
      .optional()
      .openapi({ description: "paste: run this where a browser is, then send its output as `token`." }),
  })
  .openapi("SignInAnswer");

const RemoteStateSchema = z
  .object({
    name: z.string(),
    type: z.string().nullable(),
    configured: z.boolean(),
    signIn: z.object({ state: z.enum(["waiting", "failed"]), error: z.string().optional() }).nullable(),
  })
  .openapi("RemoteState");

const createRemote = createRoute({
  method: "post",
  path: "/remotes",
  tags: ["settings"],
  summary: "Sign in to Dropbox, Google Drive or OneDrive through rclone; one sign-in at a time",
  security: bearer,
  request: { body: { required: true, content: { "application/json": { schema: SignInRequestSchema } } } },
  responses: {
    200: json(SignInAnswerSchema, "Done, a page to open, or the command whose token to paste."),
    ...errors,
    409: json(ApiErrorSchema, "A sign-in is already waiting (SIGN_IN_BUSY)."),
    502: json(ApiErrorSchema, "rclone offered no sign-in page (SIGN_IN_FAILED)."),
  },
});

const getRemote = createRoute({
  method: "get",
  path: "/remotes/{name}",
  tags: ["settings"],
  summary: "Whether a remote of rclone.conf is set up (never its token), and its sign-in's state",
  security: bearer,
  request: { params: z.object({ name: z.string().min(1) }) },
  responses: { 200: json(RemoteStateSchema, "The remote."), ...errors },
});

const cancelSignIn = createRoute({
  method: "post",
  path: "/remotes/sign-in/cancel",
  tags: ["settings"],
  summary: "Cancel the sign-in that is waiting (nothing is saved)",
  security: bearer,
  responses: { 200: json(z.object({ cancelled: z.boolean() }), "Cancelled, if one was waiting."), ...errors },
});

export function registerRemoteRoutes(app: OpenAPIHono, service: SyncService): void {
  app.openapi(createRemote, async (c) => {
    const body = c.req.valid("json");
    return c.json({ ...(await service.signIns().start(body)) }, 200);
  });
  app.openapi(getRemote, async (c) => {
    const state = await service.signIns().remote(c.req.valid("param").name);
    return c.json({ ...state, signIn: state.signIn === null ? null : { ...state.signIn } }, 200);
  });
  app.openapi(cancelSignIn, async (c) => {
    await service.signIns().cancel();
    return c.json({ cancelled: true }, 200);
  });
}
