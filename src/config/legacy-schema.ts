/** The Python prototype's `cloud_sync` section, accepted as-is and mapped onto one destination. */
import * as z from "zod";
import { DEFAULT_RETRIES } from "../domain/backoff.js";
import { DEFAULT_CONCURRENCY } from "./destination-schema.js";

export const legacyCloudSyncSchema = z
  .looseObject({
    enabled: z.boolean().default(true),
    provider: z
      .string()
      .min(1)
      .describe(
        "`dropbox`, `google_drive`, `onedrive`, or any rclone remote name; becomes the remote `<provider>:` unless `remote_name` is set.",
      ),
    remote_name: z.string().min(1).optional().describe("The rclone remote to use instead of `<provider>:`."),
    remote_path: z.string().default(""),
    max_concurrent: z.int().min(1).max(64).default(DEFAULT_CONCURRENCY),
    max_retries: z.int().min(0).max(100).default(DEFAULT_RETRIES),
  })
  .describe("Compatibility with the prototype's config; unknown keys in this section are ignored.");
