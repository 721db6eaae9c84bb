/** A watch rule (`watch: [...]`): a folder the daemon watches and where its files go. */
import * as z from "zod";
import { destinationName } from "./destination-schema.js";

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
