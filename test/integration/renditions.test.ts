/**
 * One export, two destinations: the originals byte for byte to one, a web rendition to the
 * other — real sharp, real rclone rcd, real folders, exiftool as the independent checker.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { md5, writeFile } from "../fixtures/files.js";
import {
  ADOBE_RGB_ICC,
  exiftoolRead,
  exiftoolWrite,
  gpsTags,
  makePhoto,
  PROPHOTO_ICC,
} from "../fixtures/images.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const WEB = {
  longEdge: 300,
  format: "jpeg",
  quality: 80,
  colorSpace: "srgb",
  sharpen: "screen",
  metadata: "copyright",
  removeLocation: true,
} as const;

describe("renditions", () => {
  it("fans one export out: originals byte for byte to one destination, sRGB web copies without GPS to the other", async () => {
    const dir = makeTempDir();
    const exportDir = path.join(dir, "Export 書き出し");
    const adobe = await makePhoto(path.join(exportDir, "写真_桜.jpg"), {
      width: 600,
      height: 400,
      icc: ADOBE_RGB_ICC,
    });
    exiftoolWrite(adobe, [
      "-Orientation#=6",
      "-EXIF:Copyright=(c) Jun Photo",
      "-EXIF:Artist=Jun",
      "-EXIF:Make=Nikon",
      "-GPSLatitude=35.6",
      "-GPSLatitudeRef=N",
      "-GPSLongitude=139.7",
      "-GPSLongitudeRef=E",
      "-XMP-exif:GPSLatitude=35.6",
      "-XMP-dc:Rights=(c) Jun Photo",
      "-IPTC:CopyrightNotice=(c) Jun Photo",
      "-IPTC:Keywords=sakura",
    ]);
    const prophoto = await makePhoto(path.join(exportDir, "DSC 0002.tif"), {
      width: 400,
      height: 500,
      icc: PROPHOTO_ICC,
      format: "tiff",
    });
    const p3 = await makePhoto(path.join(exportDir, "p3.png"), { width: 500, height: 200, icc: "p3" });
    const raw = writeFile(exportDir, "DSC_0003.NEF", "not really a raw file");
    const full = path.join(dir, "dropbox");
    const web = path.join(dir, "gdrive");
    const service = await openTestService(
      {
        destinations: [
          { name: "full", remote: full, subpath: "Clients/{date}/{subpath}" },
          { name: "web", remote: web, path: "Web", subpath: "{folder}", rendition: WEB },
        ],
      },
      { dir },
    );
    try {
      const batch = await service.uploadBatch([exportDir], { to: ["full", "web"], subpath: "wedding" });
      expect(await service.processQueue()).toEqual({ succeeded: 8, failed: 0 });

      // The originals, byte for byte, below the delivery date.
      const [day] = readdirSync(path.join(full, "Clients"));
      expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const delivered = path.join(full, "Clients", day as string, "wedding");
      for (const file of [adobe, prophoto, p3, raw]) {
        expect(md5(path.join(delivered, path.basename(file)))).toBe(md5(file));
      }

      // The web copies: named after the format, upright, within the box, sRGB, no GPS, copyright kept.
      const webDir = path.join(web, "Web", "Export 書き出し");
      expect(readdirSync(webDir).sort()).toEqual(["DSC 0002.jpg", "p3.jpg", "写真_桜.jpg"]);
      const copy = path.join(webDir, "写真_桜.jpg");
      const tags = exiftoolRead(copy);
      // Orientation 6 (rotated 90°): the 600×400 source is 400×600 upright, then 200×300.
      expect([tags["File:ImageWidth"], tags["File:ImageHeight"]]).toEqual([200, 300]);
      expect(tags["ICC_Profile:ProfileDescription"]).toBe("sRGB");
      expect(gpsTags(tags)).toEqual([]);
      expect(tags["IFD0:Copyright"]).toBe("(c) Jun Photo");
      expect(tags["IPTC:CopyrightNotice"]).toBe("(c) Jun Photo");
      expect(tags["XMP-dc:Rights"]).toBe("(c) Jun Photo");
      expect(tags["IFD0:Make"]).toBeUndefined();
      expect(tags["IPTC:Keywords"]).toBeUndefined();
      for (const name of ["DSC 0002.jpg", "p3.jpg"]) {
        const other = exiftoolRead(path.join(webDir, name));
        expect(other["ICC_Profile:ProfileDescription"]).toBe("sRGB");
        expect(Math.max(Number(other["File:ImageWidth"]), Number(other["File:ImageHeight"]))).toBe(300);
      }

      // The RAW file is skipped at the web destination, with its reason; the batch still completes.
      const jobs = await service.listJobs({ batchId: batch.batch.id, limit: 20 });
      const rawWeb = jobs.find((job) => job.destination === "web" && job.sourcePath === raw);
      expect(rawWeb).toMatchObject({ state: "skipped", lastError: { code: "RENDITION_UNSUPPORTED" } });
      expect((await service.getBatchStatus(batch.batch.id)).status).toBe("completed");

      // Verified against the rendition's own bytes.
      const webJob = jobs.find((job) => job.destination === "web" && job.sourcePath === adobe);
      expect(webJob).toMatchObject({
        state: "completed",
        hashType: "md5",
        hash: md5(copy),
        rendition: { kind: "make" },
      });
      // Nothing left in the cache once every job that needed it is done.
      const cache = path.join(dir, "data", "renditions");
      expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
    } finally {
      await service.close();
    }
  });

  it("names follow the format, and two sources with one rendition name go through the conflict policy", async () => {
    const dir = makeTempDir();
    const exportDir = path.join(dir, "export");
    await makePhoto(path.join(exportDir, "DSC_0001.jpg"));
    await makePhoto(path.join(exportDir, "DSC_0001.png"), { alpha: true, format: "png" });
    const web = path.join(dir, "web");
    const service = await openTestService(
      { destinations: [{ name: "web", remote: web, rendition: { ...WEB, format: "webp" } }] },
      { dir },
    );
    try {
      await service.uploadBatch([exportDir]);
      expect(await service.processQueue()).toEqual({ succeeded: 2, failed: 0 });
      expect(readdirSync(path.join(web, "export")).sort()).toEqual(["DSC_0001 (1).webp", "DSC_0001.webp"]);
      const meta = await sharp(path.join(web, "export", "DSC_0001.webp")).metadata();
      expect(meta.format).toBe("webp");
    } finally {
      await service.close();
    }
  });

  it("onUnsupported original sends files it cannot read unchanged", async () => {
    const dir = makeTempDir();
    const raw = writeFile(path.join(dir, "export"), "DSC_0009.NEF", "raw bytes");
    const web = path.join(dir, "web");
    const service = await openTestService(
      { destinations: [{ name: "web", remote: web, rendition: WEB, onUnsupported: "original" }] },
      { dir },
    );
    try {
      await service.uploadBatch([raw]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      expect(readFileSync(path.join(web, "DSC_0009.NEF"), "utf8")).toBe("raw bytes");
      const [job] = await service.listJobs({ limit: 1 });
      expect(job?.rendition).toEqual({ kind: "original" });
    } finally {
      await service.close();
    }
  });

  it("a watched folder's files get each destination's own folder and name", async () => {
    const dir = makeTempDir();
    const exportDir = path.join(dir, "Exports");
    const photo = await makePhoto(path.join(exportDir, "Sato", "DSC_0001.jpg"));
    const service = await openTestService(
      {
        destinations: [
          {
            name: "dropbox",
            remote: path.join(dir, "dropbox"),
            path: "Clients",
            subpath: "{date}/{subpath}",
          },
          {
            name: "web",
            remote: path.join(dir, "web"),
            subpath: "{folder}",
            rendition: { ...WEB, format: "avif" },
          },
        ],
        watch: [{ path: exportDir, to: ["dropbox", "web"] }],
        timeZone: "Asia/Tokyo",
      },
      { dir },
    );
    try {
      const rule = service.config.watch[0];
      if (rule === undefined) throw new Error("no watch rule");
      const info = statSync(photo);
      const result = await service
        .watchIntake(rule)
        .take([{ path: photo, sizeBytes: info.size, modTimeMs: info.mtimeMs }]);
      expect(result.queued).toBe(2);
      const jobs = await service.listJobs({ limit: 10 });
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
      expect(jobs.map((job) => [job.destination, job.remotePath, job.rendition?.kind ?? null])).toEqual([
        ["dropbox", `${today}/Sato/DSC_0001.jpg`, null],
        ["web", "Sato/DSC_0001.avif", "make"],
      ]);
    } finally {
      await service.close();
    }
  });
});
