/**
 * Where one file goes at one destination, and as what: the folder (the destination's own
 * `subpath` template, with `{subpath}` standing for the rule's or upload's folder — or, without
 * one, that folder as it is), and the name, which follows the rendition's format. Pure; decided
 * when the job is queued.
 */
import type { Destination } from "./destination.js";
import { renderTemplate, type TemplateValues } from "./path-template.js";
import { joinRemotePath } from "./remote-path.js";
import { planRendition, type RenditionPlan, renditionPath } from "./rendition.js";

export interface PlacementInput {
  /** The folder as it is today: the watch rule's rendered subpath, or `--subpath` + the file's folder. */
  readonly defaultDir: string;
  /** The rule's or upload's own subpath, for `{subpath}`. */
  readonly outerSubpath: string;
  /** The file's name at the destination before any rendition (the rule's `fileName`). */
  readonly fileName: string;
  /** The source's own file name (its extension says what it is). */
  readonly sourceName: string;
  readonly values: TemplateValues;
  /** Names the file in INVALID_PATH errors. */
  readonly what: string;
}

export interface Placement {
  readonly remotePath: string;
  readonly rendition: RenditionPlan | null;
}

export function placeFile(destination: Destination, input: PlacementInput): Placement {
  const dir =
    destination.subpath === null
      ? input.defaultDir
      : renderTemplate(
          destination.subpath,
          { ...input.values, subpath: input.outerSubpath },
          `destinations.${destination.name}.subpath for ${input.what}`,
        );
  const plan =
    destination.rendition === null
      ? null
      : planRendition(destination.rendition, destination.onUnsupported, input.sourceName);
  return {
    remotePath: renditionPath(plan, joinRemotePath(dir, input.fileName), input.sourceName),
    rendition: plan,
  };
}

/** Whether any destination's own template needs the photo's EXIF. */
export function destinationsUseExif(destinations: readonly Destination[]): boolean {
  return destinations.some((destination) => destination.subpath?.usesExif === true);
}
