/**
 * A destination's `rendition` as the engine uses it: frozen, the watermark's path made absolute
 * and its file checked now, so an unreadable watermark is a config error naming the key when
 * the config loads — not a failed job for every photo of the next export.
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { RenditionSettings } from "../domain/rendition.js";
import { t } from "../i18n/message.js";
import { configError } from "./config-error.js";
import { type ConfigPathContext, resolveConfigPath } from "./config-path.js";
import type { RenditionInput } from "./schema.js";

export function resolveRendition(
  input: RenditionInput,
  key: string,
  context: ConfigPathContext,
): RenditionSettings {
  const watermark =
    input.watermark === undefined
      ? null
      : Object.freeze({
          ...input.watermark,
          image: checkedImage(
            resolveConfigPath(input.watermark.image, `${key}.watermark.image`, context),
            `${key}.watermark.image`,
          ),
        });
  return Object.freeze({
    longEdge: input.longEdge ?? null,
    width: input.width ?? null,
    height: input.height ?? null,
    format: input.format,
    quality: input.quality,
    colorSpace: input.colorSpace,
    sharpen: input.sharpen,
    metadata: input.metadata,
    removeLocation: input.removeLocation,
    watermark,
  });
}

/** The leading bytes of the image formats a watermark can be in. */
const SIGNATURES: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP)
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x49, 0x49, 0x2a, 0x00], // TIFF, little-endian
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF, big-endian
];

/** Whether a file's first 16 bytes start like an image a watermark can be (AVIF: `ftyp` at 4). */
export function looksLikeImage(head: Buffer): boolean {
  const isAvif = head.subarray(4, 8).toString("latin1") === "ftyp";
  return isAvif || SIGNATURES.some((signature) => signature.every((byte, at) => head[at] === byte));
}

function checkedImage(file: string, key: string): string {
  const head = Buffer.alloc(16);
  let read: number;
  try {
    const fd = openSync(file, "r");
    try {
      read = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error: unknown) {
    const why = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw configError(key, t("rendition.error.watermarkUnreadable", { file: JSON.stringify(file), why }));
  }
  if (read === 0 || !looksLikeImage(head)) {
    throw configError(key, t("rendition.error.watermarkNotImage", { file: JSON.stringify(file) }));
  }
  return file;
}
