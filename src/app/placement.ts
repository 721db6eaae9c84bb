/**
 * Placing the files of an `upload` at each destination (domain/placement.ts does the deciding):
 * the template values of each file — its folder below the upload, its name, the delivery date
 * and, only when a destination's template asks, its EXIF capture date and camera.
 */
import path from "node:path";
import type { Destination } from "../domain/destination.js";
import { localParts } from "../domain/local-time.js";
import { isoDay, type TemplateValues } from "../domain/path-template.js";
import { destinationsUseExif, type Placement, placeFile } from "../domain/placement.js";
import { joinRemotePath, normalizeRelativePath } from "../domain/remote-path.js";
import type { RenditionPlan } from "../domain/rendition.js";
import type { SourceFile } from "./expand-sources.js";
import { readPhotoFacts } from "./photo-facts.js";

/** One file at one destination, as `upload --dry-run` shows it. */
export interface PlannedUpload {
  readonly sourcePath: string;
  readonly destination: string;
  readonly remotePath: string;
  readonly rendition: RenditionPlan | null;
  readonly missing: boolean;
}

/** The local calendar day of `now` in `timeZone`, ISO: the `{date}` of a batch queued now. */
export function deliveryDate(now: number, timeZone: string): string {
  const parts = localParts(now, timeZone);
  return isoDay({ year: parts.year, month: parts.month, day: parts.day });
}

export class UploadPlacer {
  readonly #destinations: readonly Destination[];
  readonly #subpath: string;
  readonly #batch: string | null;
  readonly #date: string;
  readonly #usesExif: boolean;

  constructor(destinations: readonly Destination[], subpath: string, batch: string | null, date: string) {
    this.#destinations = destinations;
    this.#subpath = subpath;
    this.#batch = batch;
    this.#date = date;
    this.#usesExif = destinationsUseExif(destinations);
  }

  /** The file's placement at each destination, in the order given. */
  async place(file: SourceFile): Promise<Placement[]> {
    const relative = normalizeRelativePath(file.relativePath, "File path");
    const slash = relative.lastIndexOf("/");
    const folder = slash === -1 ? "" : relative.slice(0, slash);
    const fileName = relative.slice(slash + 1);
    const parsed = path.parse(file.sourcePath);
    const facts =
      this.#usesExif && !file.missing
        ? await readPhotoFacts(file.sourcePath, file.modTimeMs ?? Date.now())
        : undefined;
    const values: TemplateValues = {
      day: facts?.day ?? { year: 0, month: 0, day: 0 },
      camera: facts?.camera ?? null,
      folder,
      name: parsed.name,
      ext: parsed.ext.replace(/^\./, ""),
      batch: this.#batch,
      date: this.#date,
    };
    return this.#destinations.map((destination) =>
      placeFile(destination, {
        defaultDir: joinRemotePath(this.#subpath, folder),
        outerSubpath: this.#subpath,
        fileName,
        sourceName: parsed.base,
        values,
        what: file.sourcePath,
      }),
    );
  }
}
