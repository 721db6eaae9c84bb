/**
 * A destination's `rendition`: the resized / converted copy it receives instead of the
 * original, and the watermark drawn onto it (see domain/rendition.ts for what each means).
 */
import * as z from "zod";
import { METADATA_POLICIES, RENDITION_FORMATS, WATERMARK_POSITIONS } from "../domain/rendition.js";

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
