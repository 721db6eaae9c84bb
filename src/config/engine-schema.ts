/** The workers' tuning (`engine`): leases, polling, groups, renditions, stalls and rcd checks. */
import * as z from "zod";
import { DEFAULT_BATCH_QUIET_SECONDS } from "./watch-schema.js";

export const engineSchema = z
  .strictObject({
    leaseSeconds: z
      .int()
      .min(5)
      .max(3600)
      .default(60)
      .describe("How long a claimed job stays owned without a heartbeat before another worker may take it."),
    pollIntervalMs: z
      .int()
      .min(50)
      .max(10_000)
      .default(500)
      .describe("How often an idle worker looks for new jobs."),
    progressIntervalMs: z
      .int()
      .min(100)
      .max(10_000)
      .default(1000)
      .describe("How often transfer progress is read from rclone."),
    batchQuietSeconds: z
      .int()
      .min(1)
      .max(86_400)
      .default(DEFAULT_BATCH_QUIET_SECONDS)
      .describe(
        "`upload --batch NAME` joins the batch of that name while it received files less than this long ago, so an exporter calling once per file makes one batch.",
      ),
    groupFiles: z
      .int()
      .min(1)
      .max(1000)
      .default(256)
      .describe(
        "Files a group transfer may carry: files of one folder bound for one remote folder travel in one rclone call and are checked with one listing, instead of a round trip each. A destination's first group is the size of its concurrency and each next one twice the last, up to this and up to what its copies move in about a second at the pace seen so far. 1 sends every file on its own.",
      ),
    renditionConcurrency: z
      .int()
      .min(1)
      .max(64)
      .optional()
      .describe(
        "Renditions made at once, apart from uploads; default: the number of CPUs minus one (at least 1).",
      ),
    renditionMaxMegapixels: z
      .int()
      .min(1)
      .max(1000)
      .default(150)
      .describe(
        "Larger images are refused (IMAGE_TOO_LARGE) instead of risking the memory it takes to decode them.",
      ),
    shutdownGraceSeconds: z
      .int()
      .min(0)
      .max(3600)
      .default(30)
      .describe("On SIGINT/SIGTERM, how long running transfers may finish before they are stopped."),
    stallSeconds: z
      .int()
      .min(1)
      .max(86_400)
      .default(120)
      .describe("A transfer that moves no bytes for this long is stopped and retried (TRANSFER_STALLED)."),
    heldCheckSeconds: z
      .int()
      .min(1)
      .max(3600)
      .default(30)
      .describe(
        "First check of a destination that needs attention or is full (doubling to 5 min): passed, one upload tries again.",
      ),
    offlineNotifyMinutes: z
      .int()
      .min(1)
      .max(10_080)
      .default(30)
      .describe("A destination offline for longer than this sends one notification."),
    rcdCheckSeconds: z
      .int()
      .min(1)
      .max(3600)
      .default(15)
      .describe("How often the daemon asks its rclone rcd whether it still answers (`rc/noop`)."),
    rcdTimeoutMs: z
      .int()
      .min(100)
      .max(600_000)
      .default(5_000)
      .describe("An rclone rcd that does not answer its check within this time is killed and restarted."),
  })
  .describe("Worker tuning; the defaults suit most set-ups.");
