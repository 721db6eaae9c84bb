/** The metadata policies, colour spaces and watermark of a rendition, read back with exiftool. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { RenditionSettings } from "../../src/domain/rendition.js";
import { renderImage } from "../../src/media/render.js";
import { ADOBE_RGB_ICC, exiftoolRead, exiftoolWrite, gpsTags, makePhoto } from "../fixtures/images.js";
import { makeSuiteTempDir } from "../fixtures/temp-dir.js";

const BASE: RenditionSettings = {
  longEdge: 300,
  width: null,
  height: null,
  format: "jpeg",
  quality: 80,
  colorSpace: "srgb",
  sharpen: "none",
  metadata: "all",
  removeLocation: true,
  watermark: null,
};
const LIMITS = { maxPixels: 150_000_000 };

describe("rendition metadata", () => {
  const dir = makeSuiteTempDir();
  let source = "";

  beforeAll(async () => {
    source = await makePhoto(path.join(dir, "source.jpg"), { icc: ADOBE_RGB_ICC });
    exiftoolWrite(source, [
      "-EXIF:Copyright=(c) Jun",
      "-EXIF:Artist=Jun",
      "-EXIF:Make=Nikon",
      "-GPSLatitude=35.6",
      "-GPSLatitudeRef=N",
      "-GPSLongitude=139.7",
      "-GPSLongitudeRef=E",
      "-XMP-exif:GPSLatitude=35.6",
      "-XMP-exif:GPSLongitude=139.7",
      "-XMP-dc:Title=Sakura",
      "-IPTC:By-line=Jun",
    ]);
  });

  async function made(settings: Partial<RenditionSettings>, name: string): Promise<Record<string, unknown>> {
    const rendered = await renderImage(source, { ...BASE, ...settings }, LIMITS);
    const file = path.join(dir, name);
    writeFileSync(file, rendered.bytes);
    return exiftoolRead(file);
  }

  for (const format of ["jpeg", "webp", "avif"] as const) {
    it(`all + removeLocation keeps everything but GPS (${format})`, async () => {
      const tags = await made({ format }, `all.${format}`);
      expect(gpsTags(tags)).toEqual([]);
      expect(tags["IFD0:Make"]).toBe("Nikon");
      expect(tags["IFD0:Copyright"]).toBe("(c) Jun");
      expect(tags["XMP-dc:Title"]).toBe("Sakura");
      expect(tags["ICC_Profile:ProfileDescription"]).toBe("sRGB");
    });
  }

  it("all without removeLocation keeps GPS", async () => {
    const tags = await made({ removeLocation: false }, "gps.jpg");
    expect(tags["GPS:GPSLatitude"]).toBeCloseTo(35.6, 3);
  });

  it("none keeps nothing but the sRGB profile", async () => {
    const tags = await made({ metadata: "none" }, "none.jpg");
    expect(tags["IFD0:Copyright"]).toBeUndefined();
    expect(tags["IFD0:Make"]).toBeUndefined();
    expect(gpsTags(tags)).toEqual([]);
    expect(tags["ICC_Profile:ProfileDescription"]).toBe("sRGB");
  });

  it("colorSpace keep keeps the Adobe RGB profile", async () => {
    const tags = await made({ colorSpace: "keep", metadata: "none" }, "keep.jpg");
    expect(String(tags["ICC_Profile:ProfileDescription"])).toMatch(/A98|Adobe/i);
  });

  it("a width/height box and a watermark", async () => {
    const logo = path.join(dir, "logo.png");
    await sharp({
      create: { width: 100, height: 50, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } },
    })
      .png()
      .toFile(logo);
    const rendered = await renderImage(
      source,
      {
        ...BASE,
        longEdge: null,
        width: 200,
        height: 100,
        metadata: "none",
        watermark: { image: logo, position: "bottom-right", opacity: 1, scale: 0.25 },
      },
      LIMITS,
    );
    expect([rendered.width, rendered.height]).toEqual([150, 100]);
    const { data, info } = await sharp(rendered.bytes).raw().toBuffer({ resolveWithObject: true });
    // Bottom-right, inside the margin, is the white logo; top-left is the photo.
    const pixel = (x: number, y: number) => data[(y * info.width + x) * info.channels + 2] ?? 0;
    expect(pixel(info.width - 10, info.height - 6)).toBeGreaterThan(240);
    expect(pixel(2, 2)).toBeLessThan(200);
  });
});
