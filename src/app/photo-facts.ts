/**
 * What a path template needs from a photo: the day it was taken and the camera, from EXIF
 * (JPEG, TIFF, HEIC and the TIFF-based raw formats). Without readable EXIF the file's
 * modification time stands in for the date, so a template always renders.
 */
import { type CaptureDay, exifDay, localDay } from "../domain/path-template.js";

export interface PhotoFacts {
  readonly day: CaptureDay;
  readonly camera: string | null;
  /** Where the day came from, for logs and docs. */
  readonly dayFrom: "exif" | "mtime";
}

interface ExifFields {
  DateTimeOriginal?: unknown;
  CreateDate?: unknown;
  Make?: unknown;
  Model?: unknown;
}

export async function readPhotoFacts(file: string, modTimeMs: number): Promise<PhotoFacts> {
  let fields: ExifFields | undefined;
  try {
    // Strings, not Dates: EXIF times carry no zone, and the camera's own calendar day is what counts.
    // Loaded on first use: most commands never read EXIF, and every command's start-up counts.
    const { default: exifr } = await import("exifr");
    fields = (await exifr.parse(file, {
      pick: ["DateTimeOriginal", "CreateDate", "Make", "Model"],
      reviveValues: false,
    })) as ExifFields | undefined;
  } catch {
    fields = undefined;
  }
  const taken = text(fields?.DateTimeOriginal) ?? text(fields?.CreateDate);
  const day = taken === null ? undefined : exifDay(taken);
  return {
    day: day ?? localDay(modTimeMs),
    dayFrom: day === undefined ? "mtime" : "exif",
    camera: cameraName(text(fields?.Make), text(fields?.Model)),
  };
}

/** "Canon" + "Canon EOS R5" → "Canon EOS R5"; "SONY" + "ILCE-7M3" → "SONY ILCE-7M3". */
export function cameraName(make: string | null, model: string | null): string | null {
  if (model === null) return make;
  const brand = make?.split(/\s+/)[0];
  if (brand === undefined || model.toLowerCase().startsWith(brand.toLowerCase())) return model;
  return `${brand} ${model}`;
}

function text(value: unknown): string | null {
  if (typeof value !== "string") return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: EXIF strings are NUL-padded.
  const trimmed = value.replace(/\u0000+$/, "").trim();
  return trimmed === "" ? null : trimmed;
}
