import { describe, expect, it } from "vitest";
import { sampleReport } from "../../src/app/batch-report.js";
import { parseConfig } from "../../src/config/load.js";
import { parseTemplate } from "../../src/domain/path-template.js";
import { placeFile } from "../../src/domain/placement.js";
import {
  planRendition,
  type RenditionSettings,
  renditionPath,
  settingsKey,
  summarizeRendition,
  targetBox,
} from "../../src/domain/rendition.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { stripLocation } from "../../src/media/strip-location.js";
import { emailMessage } from "../../src/notify/channel-messages.js";

const WEB: RenditionSettings = {
  longEdge: 2048,
  width: null,
  height: null,
  format: "webp",
  quality: 80,
  colorSpace: "srgb",
  sharpen: "screen",
  metadata: "copyright",
  removeLocation: true,
  watermark: null,
};

describe("rendition plan and names", () => {
  it("the name follows the format; `original` keeps it", () => {
    const plan = planRendition(WEB, "skip", "DSC_0001.jpg");
    expect(renditionPath(plan, "Web/DSC_0001.jpg", "DSC_0001.jpg")).toBe("Web/DSC_0001.webp");
    expect(
      renditionPath(planRendition({ ...WEB, format: "jpeg" }, "skip", "a.TIFF"), "a.TIFF", "a.TIFF"),
    ).toBe("a.jpg");
    expect(
      renditionPath(planRendition({ ...WEB, format: "original" }, "skip", "a.png"), "a.png", "a.png"),
    ).toBe("a.png");
    expect(renditionPath(null, "x/a.jpg", "a.jpg")).toBe("x/a.jpg");
  });

  it("files the image library cannot read follow onUnsupported", () => {
    expect(planRendition(WEB, "skip", "DSC_0001.NEF")).toEqual({ kind: "skip" });
    expect(planRendition(WEB, "original", "clip.mp4")).toEqual({ kind: "original" });
    expect(renditionPath({ kind: "original" }, "DSC_0001.NEF", "DSC_0001.NEF")).toBe("DSC_0001.NEF");
  });

  it("the cache key changes with any setting, not with the destination", () => {
    expect(settingsKey(WEB, "a.jpg")).toBe(settingsKey({ ...WEB }, "b.jpg"));
    expect(settingsKey(WEB, "a.jpg")).not.toBe(settingsKey({ ...WEB, quality: 81 }, "a.jpg"));
    expect(settingsKey({ ...WEB, format: "original" }, "a.jpg")).not.toBe(
      settingsKey({ ...WEB, format: "original" }, "a.png"),
    );
  });

  it("the box: longEdge, width/height, the smaller wins", () => {
    expect(targetBox(WEB)).toEqual({ width: 2048, height: 2048 });
    expect(targetBox({ ...WEB, longEdge: null, width: 1200, height: null })).toEqual({
      width: 1200,
      height: null,
    });
    expect(targetBox({ ...WEB, width: 1000 })).toEqual({ width: 1000, height: 2048 });
    expect(summarizeRendition(WEB)).toMatchObject({ size: "2048 px", format: "WEBP q80" });
  });
});

describe("per-destination subpath", () => {
  const config = parseConfig(
    {
      destinations: [
        { name: "dropbox", remote: "dropbox:", path: "/Clients", subpath: "{date}/{subpath}" },
        { name: "web", remote: "gdrive:", path: "/Web", subpath: "{folder}", rendition: { longEdge: 2048 } },
        { name: "plain", remote: "s3:" },
      ],
    },
    { baseDir: "/", source: "test" },
  );
  const [dropbox, web, plain] = config.destinations;
  const input = {
    defaultDir: "wedding/Selects",
    outerSubpath: "wedding",
    fileName: "写真 1.tif",
    sourceName: "写真 1.tif",
    values: {
      day: { year: 2026, month: 11, day: 30 },
      camera: null,
      folder: "Selects",
      name: "写真 1",
      ext: "tif",
      batch: null,
      date: "2026-12-02",
    },
    what: "写真 1.tif",
  };

  it("{date} is the delivery date, {subpath} the upload's, {folder} the file's; without a template: as today", () => {
    expect(placeFile(dropbox as never, input).remotePath).toBe("2026-12-02/wedding/写真 1.tif");
    expect(placeFile(web as never, input)).toMatchObject({
      remotePath: "Selects/写真 1.jpg",
      rendition: { kind: "make" },
    });
    expect(placeFile(plain as never, input)).toEqual({
      remotePath: "wedding/Selects/写真 1.tif",
      rendition: null,
    });
  });

  it("{subpath} is for destinations only; an unknown field names the key", () => {
    expect(() => parseTemplate("{subpath}/x", "watch[0].subpath")).toThrow(
      /watch\[0\]\.subpath.*\{subpath\}/,
    );
    expect(() =>
      parseConfig(
        { destinations: [{ name: "a", remote: "a:", subpath: "{when}" }] },
        { baseDir: "/", source: "t" },
      ),
    ).toThrow(/destinations\[0\]\.subpath/);
  });
});

describe("stripLocation", () => {
  it("blanks XMP GPS properties in place, keeping the length", () => {
    const xmp = Buffer.from(
      '<x:xmpmeta><rdf:Description exif:GPSLatitude="35,36N" dc:format="image/jpeg"><exif:GPSLongitude>139,42E</exif:GPSLongitude></rdf:Description></x:xmpmeta>',
      "latin1",
    );
    const length = xmp.length;
    const text = stripLocation(xmp).toString("latin1");
    expect(text).toHaveLength(length);
    expect(text).not.toMatch(/GPS|35,36|139/);
    expect(text).toContain('dc:format="image/jpeg"');
  });
});

describe("batch report", () => {
  it("says which files a rendition destination skipped or sent as originals", () => {
    const report = {
      ...sampleReport(0),
      unsupported: [
        { sourcePath: "/x/DSC_0003.NEF", destination: "web", action: "skipped" as const },
        { sourcePath: "/x/clip.mp4", destination: "web", action: "original" as const },
      ],
    };
    const { text } = emailMessage(report, createTranslator("en"));
    expect(text).toContain(
      "⊘ DSC_0003.NEF → web: not sent, no rendition can be made from it (onUnsupported: skip)",
    );
    expect(text).toContain("⇢ clip.mp4 → web: sent as the original, no rendition can be made from it");
  });
});
