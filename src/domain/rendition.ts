/**
 * A rendition: the copy of a photo a destination wants instead of the original — the way
 * Lightroom's export dialog thinks about it (size, format, quality, colour space, sharpening,
 * metadata, watermark). Pure: what to make and what to call it, decided when a job is queued
 * and stored with it, so a job is made as planned even if the config changes meanwhile. Making
 * it is media/'s work; the engine prepares it before the transfer (engine/prepare-bytes.ts).
 */

export const RENDITION_FORMATS = ["jpeg", "webp", "avif", "original"] as const;
export type RenditionFormat = (typeof RENDITION_FORMATS)[number];

export const METADATA_POLICIES = ["all", "copyright", "none"] as const;
export type MetadataPolicy = (typeof METADATA_POLICIES)[number];

export const WATERMARK_POSITIONS = [
  "top-left",
  "top",
  "top-right",
  "left",
  "center",
  "right",
  "bottom-left",
  "bottom",
  "bottom-right",
] as const;
export type WatermarkPosition = (typeof WATERMARK_POSITIONS)[number];

export const UNSUPPORTED_ACTIONS = ["skip", "original"] as const;
export type UnsupportedAction = (typeof UNSUPPORTED_ACTIONS)[number];

export interface Watermark {
  /** Absolute path of the watermark image (checked readable when the config loads). */
  readonly image: string;
  readonly position: WatermarkPosition;
  /** 0–1, multiplied into the watermark's own transparency. */
  readonly opacity: number;
  /** The watermark's width as a share of the rendition's width, 0–1. */
  readonly scale: number;
}

export interface RenditionSettings {
  /** The longer side in pixels, never upscaled; null: no limit from it. */
  readonly longEdge: number | null;
  /** A box the rendition fits inside (either side may be null); never upscaled. */
  readonly width: number | null;
  readonly height: number | null;
  readonly format: RenditionFormat;
  /** 1–100 for JPEG, WebP and AVIF. */
  readonly quality: number;
  /** `srgb`: convert from the embedded profile and embed sRGB; `keep`: keep the source's. */
  readonly colorSpace: "srgb" | "keep";
  readonly sharpen: "none" | "screen";
  readonly metadata: MetadataPolicy;
  /** No GPS in EXIF or XMP. */
  readonly removeLocation: boolean;
  readonly watermark: Watermark | null;
}

/**
 * What a destination with a rendition does with one source file, decided when it is queued:
 * make the rendition, or — for a file the image library cannot read (RAW, video, sidecar) —
 * skip it or send the original, as the destination's `onUnsupported` says.
 */
export type RenditionPlan =
  | { readonly kind: "make"; readonly settings: RenditionSettings }
  | { readonly kind: "skip" }
  | { readonly kind: "original" };

/**
 * Extensions the image library reads (sharp's prebuilt libvips: JPEG, PNG, WebP, AVIF, TIFF,
 * GIF). HEIC and camera RAW are not among them; a wrongly named file is found out when it is
 * made (IMAGE_UNREADABLE).
 */
const READABLE = new Map<string, string>([
  ["jpg", "jpeg"],
  ["jpeg", "jpeg"],
  ["jpe", "jpeg"],
  ["png", "png"],
  ["webp", "webp"],
  ["avif", "avif"],
  ["tif", "tiff"],
  ["tiff", "tiff"],
  ["gif", "gif"],
]);

/** The extension each output format gets. */
const EXTENSION: Readonly<Record<string, string>> = Object.freeze({
  jpeg: "jpg",
  webp: "webp",
  avif: "avif",
  png: "png",
  tiff: "tif",
  gif: "gif",
});

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot <= 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

/** The source's format as the image library knows it, or null when it cannot read it. */
export function readableFormat(fileName: string): string | null {
  return READABLE.get(extensionOf(fileName)) ?? null;
}

export function planRendition(
  settings: RenditionSettings,
  onUnsupported: UnsupportedAction,
  fileName: string,
): RenditionPlan {
  if (readableFormat(fileName) === null) return { kind: onUnsupported };
  return { kind: "make", settings };
}

/** The format the rendition is written in: `original` keeps the source's. */
export function outputFormat(settings: RenditionSettings, sourceName: string): string {
  if (settings.format !== "original") return settings.format;
  return readableFormat(sourceName) ?? "jpeg";
}

/** The uploaded name follows the format: `DSC_0001.jpg` → `DSC_0001.webp` for a WebP rendition. */
export function renditionName(plan: RenditionPlan | null, remoteName: string, sourceName: string): string {
  if (plan?.kind !== "make") return remoteName;
  const format = outputFormat(plan.settings, sourceName);
  if (plan.settings.format === "original") return remoteName;
  const dot = remoteName.lastIndexOf(".");
  const stem = dot <= 0 ? remoteName : remoteName.slice(0, dot);
  return `${stem}.${EXTENSION[format] ?? format}`;
}

/** Applies `renditionName` to the last segment of a `/`-separated remote path. */
export function renditionPath(plan: RenditionPlan | null, remotePath: string, sourceName: string): string {
  const slash = remotePath.lastIndexOf("/");
  const folder = slash === -1 ? "" : remotePath.slice(0, slash + 1);
  return `${folder}${renditionName(plan, remotePath.slice(slash + 1), sourceName)}`;
}

/** Bumped whenever the pipeline would make different bytes from the same settings. */
export const RENDITION_PIPELINE_VERSION = 1;

/**
 * The settings as one canonical string (fixed key order), the part of the cache key that is
 * not the source: the same source with the same settings is made once, whichever destination
 * or job asks.
 */
export function settingsKey(settings: RenditionSettings, sourceName: string): string {
  const watermark = settings.watermark;
  return JSON.stringify([
    RENDITION_PIPELINE_VERSION,
    settings.longEdge,
    settings.width,
    settings.height,
    outputFormat(settings, sourceName),
    settings.quality,
    settings.colorSpace,
    settings.sharpen,
    settings.metadata,
    settings.removeLocation,
    watermark === null ? null : [watermark.image, watermark.position, watermark.opacity, watermark.scale],
  ]);
}

/** The box the rendition fits inside, from `longEdge` and `width`/`height` (null: no limit). */
export function targetBox(settings: RenditionSettings): { width: number | null; height: number | null } {
  const long = settings.longEdge;
  const width = minOf(settings.width, long);
  const height = minOf(settings.height, long);
  return { width, height };
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** Short, language-neutral facts for views and `--json`: `{ size: "2048 px", format: "JPEG q80" … }`. */
export interface RenditionSummary {
  readonly size: string;
  readonly format: string;
  readonly colorSpace: "srgb" | "keep";
  readonly metadata: MetadataPolicy;
  readonly removeLocation: boolean;
  readonly watermark: boolean;
}

export function summarizeRendition(settings: RenditionSettings): RenditionSummary {
  const box = targetBox(settings);
  const size =
    settings.longEdge !== null && box.width === settings.longEdge && box.height === settings.longEdge
      ? `${settings.longEdge} px`
      : `${box.width ?? "any"}×${box.height ?? "any"} px`;
  const format =
    settings.format === "original"
      ? `original format q${settings.quality}`
      : `${settings.format.toUpperCase()} q${settings.quality}`;
  return {
    size: box.width === null && box.height === null ? "full size" : size,
    format,
    colorSpace: settings.colorSpace,
    metadata: settings.metadata,
    removeLocation: settings.removeLocation,
    watermark: settings.watermark !== null,
  };
}

/** A stored plan (JSON text) back into its type; null for a job without a rendition. */
export function parsePlan(text: string | null): RenditionPlan | null {
  if (text === null || text === "") return null;
  const value = JSON.parse(text) as RenditionPlan;
  if (value.kind === "make" || value.kind === "skip" || value.kind === "original") return value;
  return null;
}
