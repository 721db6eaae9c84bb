import { utimesSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cameraName, readPhotoFacts } from "../../src/app/photo-facts.js";
import { jpegWithExif } from "../fixtures/exif-jpeg.js";
import { writeFile } from "../fixtures/files.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("photo facts for path templates", () => {
  it("reads the capture day and camera from EXIF, as the camera recorded them", async () => {
    const dir = makeTempDir();
    const file = writeFile(
      dir,
      "写真_桜.jpg",
      jpegWithExif({ dateTimeOriginal: "2019:07:14 23:30:00", make: "Canon", model: "Canon EOS R5" }, 1000),
    );
    expect(await readPhotoFacts(file, Date.UTC(2026, 0, 1))).toEqual({
      day: { year: 2019, month: 7, day: 14 },
      camera: "Canon EOS R5",
      dayFrom: "exif",
    });
  });

  it("falls back to the file's time without EXIF", async () => {
    const dir = makeTempDir();
    const file = writeFile(dir, "scan.tif", "not an image");
    const noon = new Date(2021, 2, 9, 12, 0, 0);
    utimesSync(file, noon, noon);
    expect(await readPhotoFacts(file, noon.getTime())).toEqual({
      day: { year: 2021, month: 3, day: 9 },
      camera: null,
      dayFrom: "mtime",
    });
  });

  it("names the camera with its brand once", () => {
    expect(cameraName("SONY", "ILCE-7M3")).toBe("SONY ILCE-7M3");
    expect(cameraName("NIKON CORPORATION", "NIKON Z 6")).toBe("NIKON Z 6");
    expect(cameraName(null, null)).toBeNull();
  });
});
