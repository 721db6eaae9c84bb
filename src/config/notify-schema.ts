/**
 * Notification channels (`notify: [...]`): one message per batch, never per file. Webhook URLs
 * and passwords are secrets: each can be given in the file or, better, named by an environment
 * variable (`urlEnv`, `tokenEnv`, `passwordEnv`) so the config file can be shared.
 */
import * as z from "zod";

/** Batch outcomes, and `destination`: a destination needs attention, is full, or is offline for long. */
export const NOTIFY_EVENTS = ["completed", "failed", "destination"] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

const common = {
  name: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe("Shown in logs and `notify test`; default: the type and position, e.g. `slack#1`."),
  on: z
    .array(z.enum(NOTIFY_EVENTS))
    .min(1)
    .default([...NOTIFY_EVENTS])
    .describe(
      "What to send: completed, failed (batch outcomes), destination (a destination needs attention, is full, or is offline for long); default all three.",
    ),
};

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: "must be an environment variable name" });

const urlOrEnv = {
  url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("The webhook URL (a secret: prefer `urlEnv`)."),
  urlEnv: envName.optional().describe("Name of the environment variable holding the URL."),
};

function oneUrl<T extends { url?: string | undefined; urlEnv?: string | undefined }>(value: T): boolean {
  return (value.url === undefined) !== (value.urlEnv === undefined);
}
const oneUrlMessage = { message: "give exactly one of `url` and `urlEnv`" };

export const notifyChannelSchema = z.discriminatedUnion("type", [
  z
    .strictObject({
      type: z.literal("webhook"),
      ...common,
      ...urlOrEnv,
      headers: z
        .record(z.string(), z.string())
        .default({})
        .describe("Extra request headers, e.g. an Authorization header your receiver expects."),
    })
    .refine(oneUrl, oneUrlMessage)
    .describe("POSTs the batch report as JSON (see docs/notifications.md)."),
  z
    .strictObject({ type: z.literal("slack"), ...common, ...urlOrEnv })
    .refine(oneUrl, oneUrlMessage)
    .describe("A Slack incoming webhook."),
  z
    .strictObject({ type: z.literal("discord"), ...common, ...urlOrEnv })
    .refine(oneUrl, oneUrlMessage)
    .describe("A Discord channel webhook."),
  z
    .strictObject({
      type: z.literal("ntfy"),
      ...common,
      url: z
        .url({ protocol: /^https?$/ })
        .describe("Server and topic, e.g. `https://ntfy.sh/my-studio-uploads`."),
      token: z.string().min(1).optional().describe("An ntfy access token (a secret: prefer `tokenEnv`)."),
      tokenEnv: envName.optional(),
    })
    .describe("A push notification through ntfy."),
  z
    .strictObject({
      type: z.literal("email"),
      ...common,
      host: z.string().min(1).describe("SMTP server."),
      port: z.int().min(1).max(65535).default(587),
      secure: z
        .boolean()
        .optional()
        .describe("TLS from the first byte (port 465); default: true on 465, else STARTTLS when offered."),
      user: z.string().min(1).optional(),
      password: z.string().min(1).optional().describe("SMTP password (a secret: prefer `passwordEnv`)."),
      passwordEnv: envName.optional(),
      from: z.string().min(3).describe('Sender, e.g. `"junmai-sync <studio@example.com>"`.'),
      to: z.array(z.string().min(3)).min(1).describe("Recipients."),
    })
    .describe("An email over SMTP."),
]);

export type NotifyChannelSettings = z.output<typeof notifyChannelSchema>;
