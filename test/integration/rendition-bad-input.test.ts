/**
 * Awkward inputs for renditions, with real sharp: each either makes a sensible rendition or
 * fails its job with a clear code and hint — and the export's other destinations still get
 * their originals.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import type { RenditionSettings } from "../../src/domain/rendition.js";
import { renderImage } from "../../src/media/render.js";
import { md5, writeFile } from "../fixtures/files.js";
import { exiftoolRead, jpegClaimingSize, makePhoto } from "../fixtures/images.js";
import { openTestService } from "../fixtures/service.js";
import { makeSuiteTempDir, makeTempDir } from "../fixtures/temp-dir.js";

const SETTINGS: RenditionSettings = {
  longEdge: 2048,
  width: null,
  height: null,
  format: "jpeg",
  quality: 80,
  colorSpace: "srgb",
  sharpen: "none",
  metadata: "none",
  removeLocation: true,
  watermark: null,
};
const LIMITS = { maxPixels: 150_000_000 };

describe("rendition bad input", () => {
  const dir = makeSuiteTempDir();

  it("a truncated JPEG is IMAGE_UNREADABLE", async () => {
    const good = await makePhoto(path.join(dir, "good.jpg"), { width: 800, height: 600 });
    const bytes = readFileSync(good);
    const truncated = path.join(dir, "truncated.jpg");
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(renderImage(truncated, SETTINGS, LIMITS)).rejects.toMatchObject({
      code: "IMAGE_UNREADABLE",
      temporary: false,
    });
  });

  it("a file of garbage named .jpg is IMAGE_UNREADABLE", async () => {
    const corrupt = writeFile(dir, "corrupt.jpg", "this is not a JPEG at all");
    await expect(renderImage(corrupt, SETTINGS, LIMITS)).rejects.toMatchObject({ code: "IMAGE_UNREADABLE" });
  });

  it("a zero-byte file is IMAGE_UNREADABLE, saying it is empty", async () => {
    const empty = writeFile(dir, "empty.jpg", "");
    const error = await renderImage(empty, SETTINGS, LIMITS).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "IMAGE_UNREADABLE", message: expect.stringContaining("empty") });
  });

  it("a 1 × 20000 panorama becomes 1 × 2048", async () => {
    const pano = await makePhoto(path.join(dir, "pano.png"), { width: 1, height: 20_000, format: "png" });
    const made = await renderImage(pano, SETTINGS, LIMITS);
    expect([made.width, made.height]).toEqual([1, 2048]);
    expect((await sharp(made.bytes).metadata()).height).toBe(2048);
  });

  it("a CMYK JPEG becomes an sRGB one", async () => {
    const cmyk = await makePhoto(path.join(dir, "cmyk.jpg"), { cmyk: true });
    expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
    const made = await renderImage(cmyk, SETTINGS, LIMITS);
    const meta = await sharp(made.bytes).metadata();
    expect([meta.space, meta.channels]).toEqual(["srgb", 3]);
  });

  it("a PNG with alpha becomes a JPEG flattened on white", async () => {
    const png = await makePhoto(path.join(dir, "alpha.png"), { alpha: true, format: "png" });
    const made = await renderImage(png, SETTINGS, LIMITS);
    const { data, info } = await sharp(made.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    // The left half was fully transparent: white now.
    expect([data[0], data[1], data[2]].every((value) => (value ?? 0) > 245)).toBe(true);
  });

  it("a 16-bit TIFF becomes an 8-bit sRGB JPEG", async () => {
    const tiff = await makePhoto(path.join(dir, "deep.tif"), { sixteenBit: true, format: "tiff" });
    expect((await sharp(tiff).metadata()).depth).toBe("ushort");
    const made = await renderImage(tiff, SETTINGS, LIMITS);
    const meta = await sharp(made.bytes).metadata();
    expect([meta.format, meta.depth]).toEqual(["jpeg", "uchar"]);
  });

  it("an image without a profile is taken as sRGB and gets sRGB embedded", async () => {
    const bare = await makePhoto(path.join(dir, "bare.jpg"));
    expect((await sharp(bare).metadata()).icc).toBeUndefined();
    const made = await renderImage(bare, SETTINGS, LIMITS);
    const out = path.join(dir, "bare-out.jpg");
    writeFileSync(out, made.bytes);
    expect(exiftoolRead(out)["ICC_Profile:ProfileDescription"]).toBe("sRGB");
  });

  it("a 200-MP image is IMAGE_TOO_LARGE before it is decoded", async () => {
    const huge = await jpegClaimingSize(path.join(dir, "huge.jpg"), 16_384, 12_288);
    await expect(renderImage(huge, SETTINGS, LIMITS)).rejects.toMatchObject({
      code: "IMAGE_TOO_LARGE",
      hint: expect.stringContaining("renditionMaxMegapixels"),
    });
  });

  it("an unreadable watermark is a config error naming the key", () => {
    const config = {
      destinations: [
        {
          name: "web",
          remote: path.join(dir, "web"),
          rendition: { longEdge: 2048, watermark: { image: "missing-logo.png" } },
        },
      ],
    };
    expect(() => parseConfig(config, { baseDir: dir, source: "test" })).toThrow(
      /destinations\[0\]\.rendition\.watermark\.image/,
    );
    writeFile(dir, "not-an-image.png", "hello");
    const wrong = {
      destinations: [{ name: "web", remote: "x", rendition: { watermark: { image: "not-an-image.png" } } }],
    };
    expect(() => parseConfig(wrong, { baseDir: dir, source: "test" })).toThrow(/not a PNG, JPEG/);
  });

  it("a bad file fails only its rendition job; the other destination gets every original", async () => {
    const root = makeTempDir();
    const exportDir = path.join(root, "export");
    await makePhoto(path.join(exportDir, "ok.jpg"));
    writeFile(exportDir, "broken.jpg", "broken");
    writeFile(exportDir, "empty.jpg", "");
    const full = path.join(root, "full");
    const service = await openTestService(
      {
        destinations: [
          { name: "full", remote: full },
          { name: "web", remote: path.join(root, "web"), rendition: { longEdge: 300 } },
        ],
      },
      { dir: root },
    );
    try {
      const batch = await service.uploadBatch([exportDir], { to: ["full", "web"] });
      expect(await service.processQueue()).toEqual({ succeeded: 4, failed: 2 });
      for (const name of ["ok.jpg", "broken.jpg", "empty.jpg"]) {
        expect(md5(path.join(full, "export", name))).toBe(md5(path.join(exportDir, name)));
      }
      const failed = await service.listJobs({ batchId: batch.batch.id, states: ["failed"], limit: 10 });
      expect(
        failed.map((job) => [job.destination, path.basename(job.sourcePath), job.lastError?.code]).sort(),
      ).toEqual([
        ["web", "broken.jpg", "IMAGE_UNREADABLE"],
        ["web", "empty.jpg", "IMAGE_UNREADABLE"],
      ]);
      expect(failed.every((job) => (job.lastError?.hint ?? "").length > 0)).toBe(true);
    } finally {
      await service.close();
    }
  });
});
