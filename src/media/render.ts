/**
 * One rendition, source file → finished bytes: read with guards (pixel limit, truncated files
 * refused), oriented, resized inside the box (shrink-on-load for JPEG, never upscaled),
 * converted to sRGB from the embedded profile (none: assumed sRGB) with sRGB embedded, alpha
 * flattened on white where the format has none, sharpened for screens, watermarked, encoded —
 * then the metadata policy applied (media/rights.ts, media/strip-location.ts).
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Sharp } from "sharp";
import { outputFormat, type RenditionSettings, targetBox } from "../domain/rendition.js";
import { imageError } from "./image-errors.js";
import {
  hasRights,
  insertJpegSegment,
  readRights,
  rightsExif,
  rightsIptcSegment,
  rightsXmp,
} from "./rights.js";
import { openImage } from "./sharp-runtime.js";
import { stripLocation } from "./strip-location.js";
import { watermarkOverlay } from "./watermark.js";

export interface RenderLimits {
  /** Inputs with more pixels are refused (IMAGE_TOO_LARGE) before they are decoded. */
  readonly maxPixels: number;
}

export interface Rendered {
  readonly bytes: Buffer;
  readonly width: number;
  readonly height: number;
  readonly format: string;
}

export async function renderImage(
  source: string,
  settings: RenditionSettings,
  limits: RenderLimits,
): Promise<Rendered> {
  let size: number | undefined;
  try {
    size = (await stat(source)).size;
    if (size === 0) throw new Error("empty");
    return await render(source, settings, limits);
  } catch (error: unknown) {
    throw imageError(error, source, limits.maxPixels, size);
  }
}

async function render(source: string, settings: RenditionSettings, limits: RenderLimits): Promise<Rendered> {
  const format = outputFormat(settings, path.basename(source));
  const image = await openImage(source, limits.maxPixels);
  const meta = await image.metadata();
  // Oriented first: every size below is of the upright picture.
  image.autoOrient();
  const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
  const box = targetBox(settings);
  const { width, height } = fitInside(upright.width, upright.height, box.width, box.height);
  if (width !== upright.width || height !== upright.height) {
    image.resize({ width, height, fit: "fill", withoutEnlargement: true });
  }
  if (!formatHasAlpha(format)) image.flatten({ background: "#ffffff" });
  if (settings.sharpen === "screen") image.sharpen({ sigma: 0.5 });
  if (settings.watermark !== null)
    image.composite([await watermarkOverlay(settings.watermark, width, height)]);
  const rights = settings.metadata === "copyright" ? await readRights(source) : null;
  applyMetadata(image, settings, rights);
  encode(image, format, settings.quality);
  let bytes: Buffer = await image.toBuffer();
  if (rights !== null && format === "jpeg") {
    const iptc = rightsIptcSegment(rights);
    if (iptc !== null) bytes = insertJpegSegment(bytes, iptc);
  }
  if (settings.removeLocation && settings.metadata === "all") bytes = stripLocation(bytes);
  return { bytes, width, height, format };
}

/** The size inside the box, keeping the aspect ratio, never larger than the source; at least 1 px. */
export function fitInside(
  width: number,
  height: number,
  boxWidth: number | null,
  boxHeight: number | null,
): { width: number; height: number } {
  const ratio = Math.min(
    1,
    boxWidth === null ? 1 : boxWidth / width,
    boxHeight === null ? 1 : boxHeight / height,
  );
  return {
    width: Math.max(1, Math.round(width * ratio)),
    height: Math.max(1, Math.round(height * ratio)),
  };
}

function formatHasAlpha(format: string): boolean {
  return format !== "jpeg";
}

function applyMetadata(
  image: Sharp,
  settings: RenditionSettings,
  rights: Awaited<ReturnType<typeof readRights>> | null,
): void {
  if (settings.metadata === "all") image.keepMetadata();
  if (rights !== null && hasRights(rights)) {
    const exif = rightsExif(rights);
    if (Object.keys(exif).length > 0) image.withExif({ IFD0: exif });
    const xmp = rightsXmp(rights);
    if (xmp !== null) image.withXmp(xmp);
  }
  // Browsers and phones assume sRGB; embedding it says so.
  if (settings.colorSpace === "srgb") image.withIccProfile("srgb");
  else image.keepIccProfile();
}

function encode(image: Sharp, format: string, quality: number): void {
  switch (format) {
    case "jpeg":
      image.jpeg({ quality, chromaSubsampling: quality >= 90 ? "4:4:4" : "4:2:0" });
      return;
    case "webp":
      image.webp({ quality });
      return;
    case "avif":
      image.avif({ quality });
      return;
    case "png":
      image.png();
      return;
    case "tiff":
      image.tiff({ quality });
      return;
    case "gif":
      image.gif();
      return;
    default:
      image.jpeg({ quality });
  }
}
