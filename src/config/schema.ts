/**
 * The config file's schema: the single source of truth for its TypeScript types, for
 * validation, and for the published JSON Schema (`schema/config.schema.json`).
 */
import * as z from "zod";
import { DEFAULT_RETRIES } from "../domain/backoff.js";
import { CONFLICT_POLICIES } from "../domain/conflict.js";
import {
  METADATA_POLICIES,
  RENDITION_FORMATS,
  UNSUPPORTED_ACTIONS,
  WATERMARK_POSITIONS,
} from "../domain/rendition.js";
import { notifyChannelSchema } from "./notify-schema.js";
import { serverSchema } from "./server-schema.js";

export const DEFAULT_CONCURRENCY = 3;

const destinationName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
    message: "must start with a letter or digit and use only letters, digits, `_`, `.` and `-` (max 64)",
  })
  .describe("The name used with `--to` and shown in status.");

const pixels = z.int().min(16).max(65_535);

export const watermarkSchema = z
  .strictObject({
    image: z
      .string()
      .min(1)
      .describe(
        "The watermark image (PNG with transparency works best), relative to the config file's folder.",
      ),
    position: z
      .enum(WATERMARK_POSITIONS)
      .default("bottom-right")
      .describe("Where it sits, with a small margin."),
    opacity: z.number().min(0).max(1).default(0.6).describe("0 (invisible) to 1 (as drawn)."),
    scale: z
      .number()
      .gt(0)
      .max(1)
      .default(0.15)
      .describe("Its width as a share of the rendition's width (0.15: 15 %)."),
  })
  .describe("A logo drawn onto every rendition.");

export const renditionSchema = z
  .strictObject({
    longEdge: pixels.optional().describe("The longer side in pixels; never upscaled."),
    width: pixels
      .optional()
      .describe("With `height`: a box the rendition fits inside (either may be left out)."),
    height: pixels.optional().describe("See `width`."),
    format: z
      .enum(RENDITION_FORMATS)
      .default("jpeg")
      .describe("`jpeg`, `webp`, `avif`, or `original` (the source's own format); the file name follows it."),
    quality: z.int().min(1).max(100).default(80).describe("Encoder quality 1–100."),
    colorSpace: z
      .enum(["srgb", "keep"])
      .default("srgb")
      .describe(
        "`srgb`: convert from the embedded profile (Adobe RGB, ProPhoto, Display P3 …; none means sRGB) and embed sRGB, what browsers and phones expect; `keep`: keep the source's profile.",
      ),
    sharpen: z
      .enum(["none", "screen"])
      .default("none")
      .describe("`screen`: light output sharpening after resizing."),
    metadata: z
      .enum(METADATA_POLICIES)
      .default("copyright")
      .describe(
        "`all`: keep EXIF, IPTC and XMP; `copyright`: keep only copyright, creator and rights (EXIF, IPTC, XMP); `none`: nothing but the colour profile.",
      ),
    removeLocation: z.boolean().default(false).describe("Remove GPS from EXIF and XMP."),
    watermark: watermarkSchema.optional(),
  })
  .describe("Make a resized / converted copy for this destination instead of sending the original.");

export const destinationSchema = z
  .strictObject({
    name: destinationName,
    remote: z
      .string()
      .min(1)
      .describe(
        "Any rclone remote: a local folder (`./var/cloud`, `D:\\Backup`), a remote from your rclone.conf (`dropbox:`), or a connection string (`:webdav,url='https://…':`).",
      ),
    path: z.string().default("").describe("Base folder inside the remote; every upload goes below it."),
    concurrency: z
      .int()
      .min(1)
      .max(64)
      .default(DEFAULT_CONCURRENCY)
      .describe("Uploads running at once to this destination."),
    retries: z
      .int()
      .min(0)
      .max(100)
      .default(DEFAULT_RETRIES)
      .describe("Retries after the first attempt for temporary errors (backoff 2 s, 4 s, 8 s … max 60 s)."),
    onConflict: z
      .enum(CONFLICT_POLICIES)
      .default("auto")
      .describe(
        "When a different file already exists at the remote path: `auto` replaces only what junmai-sync delivered from the same source (a re-export) and otherwise uploads as `name (1).ext`; `overwrite`, `skip`, `rename`, or `version` (move the old file to `.versions/<time>/` first).",
      ),
    tempNames: z
      .enum(["auto", "always", "never"])
      .default("auto")
      .describe(
        "Upload under a hidden temporary name and move it into place once verified, so an interrupted upload never leaves a partial file under the real name. `auto`: for backends that write in place (local, SFTP, WebDAV, FTP, SMB …), not for object stores, which only show a file once it is complete.",
      ),
    quotaPauseMinutes: z
      .int()
      .min(1)
      .max(1440)
      .default(60)
      .describe(
        "When the provider reports its daily upload cap or a full account, this destination pauses this long before trying again; the others go on.",
      ),
    encrypt: z
      .boolean()
      .default(false)
      .describe(
        "Encrypt file contents and names before they leave this computer, with an rclone crypt remote wrapping `remote` + `path`; set its password once with `junmai-sync remote encrypt NAME`. Verified by size (crypt keeps no plain hash).",
      ),
    link: z
      .boolean()
      .default(false)
      .describe(
        "After each verified upload, ask the backend for a public link and keep it with the job (Dropbox, Google Drive, OneDrive, S3 and others; not local folders, SFTP or plain WebDAV).",
      ),
    window: z
      .string()
      .min(1)
      .optional()
      .describe(
        'When uploads to this destination may start, in `timeZone`: `"22:00-07:00"`, `"Sat,Sun"`, `"Mon-Fri 22:00-07:00; Sat,Sun"`. Outside it, its jobs wait. Default: always.',
      ),
    windowEnd: z
      .enum(["finish", "stop"])
      .default("finish")
      .describe(
        "At the window's end, `finish` lets running uploads complete; `stop` stops them and they resume (without spending an attempt) when the window opens again.",
      ),
    dailyCap: z
      .string()
      .regex(/^\d+(\.\d+)?\s*[KMGTP]?i?B?$/i, { message: 'must be a size like "700G", "50G" or "1.5T"' })
      .optional()
      .describe(
        'Bytes this destination may receive per day, e.g. "700G" for Google Drive\'s 750 GB/day; reaching it holds the destination until `dailyCapReset`.',
      ),
    dailyCapReset: z
      .string()
      .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like "00:00" or "09:00"' })
      .default("00:00")
      .describe("Local time (in `timeZone`) at which the daily cap's count starts over."),
    bandwidth: z
      .string()
      .min(1)
      .optional()
      .describe(
        'This destination\'s upload limit, a rate or an rclone-style timetable (`"2M"`, `"08:00,1M 19:00,off"`), shared by its uploads at once. Applies on top of the global `bandwidth`.',
      ),
    resumable: z
      .enum(["auto", "off"])
      .default("auto")
      .describe(
        "`auto`: files above `resumableAbove` going to S3 (and S3-compatible stores) or SFTP upload through junmai-sync's own resumable transfer, which continues at the byte where an interrupted upload stopped (S3 multipart, SFTP offsets), with the remote's settings read from rclone. `off`: every file goes through rclone and an interrupted upload starts again from byte 0.",
      ),
    resumableAbove: z
      .string()
      .regex(/^\d+(\.\d+)?\s*[KMGTP]?i?B?$/i, { message: 'must be a size like "64M" or "1G"' })
      .default("64M")
      .describe("Files larger than this use the resumable transfer (where the backend allows one)."),
    partSize: z
      .string()
      .regex(/^\d+(\.\d+)?\s*[KMGTP]?i?B?$/i, { message: 'must be a size like "16M"' })
      .default("16M")
      .describe(
        "S3 multipart part size for resumable uploads (at least 5M); it grows for files that would need more than S3's 10 000 parts. Each part is recorded once sent, so at most one part is sent again after an interruption.",
      ),
    subpath: z
      .string()
      .optional()
      .describe(
        "This destination's own folder layout below `path`, a template: `{subpath}` (the watch rule's or `upload --subpath`'s folder), `{date}` (delivery date), `{yyyy}{mm}{dd}` (capture date), `{folder}`, `{name}`, `{camera}`, `{batch}`. Default: the rule's or upload's subpath as it is.",
      ),
    rendition: renditionSchema.optional(),
    onUnsupported: z
      .enum(UNSUPPORTED_ACTIONS)
      .default("skip")
      .describe(
        "With a rendition, for files the image library cannot read (RAW, video, sidecars): `skip` them, or send the `original`.",
      ),
  })
  .describe("A named upload target.");

export const DEFAULT_STABILITY_MS = 2000;
export const DEFAULT_BATCH_QUIET_SECONDS = 30;

export const watchRuleSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .describe("The folder your exporter writes to (`./var/export`, `D:\\Exports`, `~/Pictures/Export`)."),
    include: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "Globs of files to deliver, relative to `path` (`*.jpg`, `Selects/**`); a pattern without `/` matches at any depth; case is ignored. Default: every file.",
      ),
    exclude: z
      .array(z.string().min(1))
      .default([])
      .describe("Globs of files or folders never to deliver, e.g. `*.xmp` or `Rejects/**`."),
    recursive: z.boolean().default(true).describe("Watch subfolders too."),
    to: z
      .array(destinationName)
      .min(1)
      .optional()
      .describe("Destinations every file goes to, each on its own; default: the default destination."),
    subpath: z
      .string()
      .default("{folder}")
      .describe(
        "Folder below each destination's base path, a template: `{yyyy}`, `{mm}`, `{dd}` (EXIF capture date, else the file's time), `{folder}` (path below the watched folder), `{name}`, `{ext}`, `{camera}`, `{batch}`.",
      ),
    fileName: z
      .string()
      .default("{name}.{ext}")
      .describe("The uploaded file's name, a template with the same fields; default: the file's own name."),
    priority: z
      .union([z.enum(["high", "normal", "low"]), z.int().min(-100).max(100)])
      .default("normal")
      .describe("Priority of this folder's jobs: high, normal, low or -100…100; higher goes first."),
    stabilityMs: z
      .int()
      .min(100)
      .max(600_000)
      .default(DEFAULT_STABILITY_MS)
      .describe("A file is queued once its size and modification time have not changed for this long."),
    batchQuietSeconds: z
      .int()
      .min(1)
      .max(86_400)
      .default(DEFAULT_BATCH_QUIET_SECONDS)
      .describe("Files arriving with less than this between them form one batch (one notification)."),
    ignoreTemporary: z
      .boolean()
      .default(true)
      .describe(
        "Skip hidden files and folders and names exporters use while writing (`*.tmp`, `*.part`, `~*` …).",
      ),
  })
  .describe("A folder to watch: every file that appears in it and stays still is delivered.");

/** The Python prototype's `cloud_sync` section, accepted as-is and mapped onto one destination. */
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
      .max(100)
      .default(64)
      .describe(
        "Files a group transfer may carry: files of one folder bound for one remote folder travel in one rclone call and are checked with one listing, instead of a round trip each. 1 sends every file on its own.",
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

export const rcloneSchema = z
  .strictObject({
    binary: z
      .string()
      .min(1)
      .default("rclone")
      .describe("The rclone executable (name on PATH or full path)."),
    configPath: z
      .string()
      .min(1)
      .optional()
      .describe("rclone.conf to use; default: RCLONE_CONFIG or rclone's own default."),
  })
  .describe("How to run rclone.");

export const storeSchema = z
  .discriminatedUnion("type", [
    z
      .strictObject({ type: z.literal("sqlite") })
      .describe("The embedded queue: queue.db in the data directory."),
    z
      .strictObject({
        type: z.literal("postgres"),
        url: z
          .string()
          .min(1)
          .describe(
            "postgres://user@host:5432/database; keep the password in PGPASSWORD or ~/.pgpass rather than here.",
          ),
        schema: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: "must be a lower-case SQL identifier" })
          .default("junmai_sync")
          .describe("PostgreSQL schema holding the queue's tables; several queues can share one database."),
      })
      .describe("A queue shared by several machines (a studio)."),
  ])
  .describe("Where the queue lives. Default: JUNMAI_SYNC_PG_URL if set, else SQLite.");

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    destinations: z.array(destinationSchema).default([]),
    defaultDestination: z
      .string()
      .optional()
      .describe("Used when `upload` has no `--to`; default: the first destination."),
    cloud_sync: legacyCloudSyncSchema.optional(),
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
