/**
 * The config file's schema: the single source of truth for its TypeScript types, for
 * validation, and for the published JSON Schema (`schema/config.schema.json`). Each section's
 * schema lives in the file of its name (destination-schema.ts, watch-schema.ts, …); this file
 * puts them together.
 */
import * as z from "zod";
import { destinationSchema } from "./destination-schema.js";
import { engineSchema } from "./engine-schema.js";
import { legacyCloudSyncSchema } from "./legacy-schema.js";
import { notifyChannelSchema } from "./notify-schema.js";
import { rcloneSchema } from "./rclone-schema.js";
import type { renditionSchema } from "./rendition-schema.js";
import { serverSchema } from "./server-schema.js";
import { storeSchema } from "./store-schema.js";
import { watchRuleSchema } from "./watch-schema.js";

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    destinations: z.array(destinationSchema).default([]),
    defaultDestination: z
      .string()
      .optional()
      .describe("Used when `upload` has no `--to`; default: the first destination."),
    cloud_sync: legacyCloudSyncSchema.optional(),
    language: z
      .enum(["en", "ja"])
      .optional()
      .describe(
        "Language of the CLI, notifications and batch reports (`en` or `ja`); default: the locale (LANG …). `--lang` and JUNMAI_SYNC_LANG override it.",
      ),
    timeZone: z
      .string()
      .min(1)
      .optional()
      .describe(
        'IANA time zone for windows, timetables and cap resets ("Europe/Berlin", "Asia/Tokyo"); default: this computer\'s.',
      ),
    bandwidth: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Upload limit for everything, a rate or rclone\'s timetable form: `"2M"`, `"08:00,2M 19:00,off"`, `"Mon-08:00,1M Sat-00:00,off"`. Changes take effect live; `off` is no limit.',
      ),
    watch: z
      .array(watchRuleSchema)
      .default([])
      .describe("Folders the daemon watches; see docs/config.md#watch."),
    store: storeSchema.optional(),
    engine: engineSchema.default(() => engineSchema.parse({})),
    rclone: rcloneSchema.default(() => rcloneSchema.parse({})),
    server: serverSchema.default(() => serverSchema.parse({})),
    notify: z
      .array(notifyChannelSchema)
      .default([])
      .describe("Where to send a message when a batch completes or fails; see docs/notifications.md."),
  })
  .describe("junmai-sync configuration");

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type EngineSettings = z.output<typeof engineSchema>;
export type RcloneSettings = z.output<typeof rcloneSchema>;
export type DestinationInput = z.input<typeof destinationSchema>;
export type RenditionInput = z.output<typeof renditionSchema>;
export type StoreSettings = z.output<typeof storeSchema>;
export type WatchRuleSettings = z.output<typeof watchRuleSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" });
}
