/** A destination (`destinations: [...]`): a named upload target and its policies. */
import * as z from "zod";
import { DEFAULT_RETRIES } from "../domain/backoff.js";
import { CONFLICT_POLICIES } from "../domain/conflict.js";
import { UNSUPPORTED_ACTIONS } from "../domain/rendition.js";
import { renditionSchema } from "./rendition-schema.js";

export const DEFAULT_CONCURRENCY = 3;

export const destinationName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
    message: "must start with a letter or digit and use only letters, digits, `_`, `.` and `-` (max 64)",
  })
  .describe("The name used with `--to` and shown in status.");

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
      .describe(
        "Transfers running at once to this destination. A file whose bytes are sent gives its slot to the next while it is verified and moved into place, so up to twice this many files are in flight.",
      ),
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
