/**
 * Remote path templates for watched folders and destinations: `{yyyy}/{mm}/{dd}` (capture date),
 * `{date}` (delivery date), `{folder}`, `{name}`, `{ext}`, `{camera}`, `{batch}`, and in a
 * destination's own `subpath` also `{subpath}` (the rule's or upload's folder). A template is checked when the config loads (an unknown field is a
 * config error naming the key and the token), and every rendered path goes through the
 * remote-path rules, so no file name or EXIF value can climb out of the destination.
 */
import { SyncError } from "./errors.js";
import { normalizeRelativePath } from "./remote-path.js";

export const TEMPLATE_FIELDS = [
  "yyyy",
  "mm",
  "dd",
  "date",
  "folder",
  "name",
  "ext",
  "camera",
  "batch",
  "subpath",
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** A watch rule's own template has no outer subpath to stand in for. */
export const RULE_TEMPLATE_FIELDS: readonly TemplateField[] = TEMPLATE_FIELDS.filter(
  (field) => field !== "subpath",
);

/** Fields that need the photo's EXIF data (read only when a template uses one). */
const EXIF_FIELDS: ReadonlySet<TemplateField> = new Set(["yyyy", "mm", "dd", "camera"]);

export type TemplatePart = { readonly text: string } | { readonly field: TemplateField };

export interface PathTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  readonly usesExif: boolean;
}

/** A calendar day as the camera (or, without EXIF, the file's local time) recorded it. */
export interface CaptureDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface TemplateValues {
  readonly day: CaptureDay;
  /** The file's folder relative to the watched root, `/`-separated; "" at the root. */
  readonly folder: string;
  /** File name without its extension. */
  readonly name: string;
  /** Extension without the dot; "" when there is none. */
  readonly ext: string;
  readonly camera: string | null;
  readonly batch: string | null;
  /** The delivery date: the local day the batch was queued, ISO (`2026-12-02`). */
  readonly date?: string;
  /** The watch rule's or upload's rendered subpath, `/`-separated (a destination template's `{subpath}`). */
  readonly subpath?: string;
}

const FIELD = /\{([^{}]*)\}/g;

/** Parses a template; `key` names it in errors (`watch[0].subpath`). */
export function parseTemplate(
  source: string,
  key: string,
  fields: readonly TemplateField[] = RULE_TEMPLATE_FIELDS,
): PathTemplate {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of source.matchAll(FIELD)) {
    const index = match.index ?? 0;
    pushText(parts, source.slice(last, index), key);
    const field = match[1] ?? "";
    if (!(fields as readonly string[]).includes(field)) {
      throw new SyncError(
        "CONFIG_INVALID",
        `Config key \`${key}\` has an unknown field \`{${field}}\` in "${source}".`,
        { hint: `Use one of ${fields.map((name) => `{${name}}`).join(", ")}.` },
      );
    }
    parts.push({ field: field as TemplateField });
    last = index + match[0].length;
  }
  pushText(parts, source.slice(last), key);
  return Object.freeze({
    source,
    parts: Object.freeze(parts),
    usesExif: parts.some((part) => "field" in part && EXIF_FIELDS.has(part.field)),
  });
}

function pushText(parts: TemplatePart[], text: string, key: string): void {
  if (text === "") return;
  const stray = text.match(/[{}]/);
  if (stray !== null) {
    throw new SyncError("CONFIG_INVALID", `Config key \`${key}\` has an unmatched \`${stray[0]}\`.`, {
      hint: "Fields are written `{name}`; a literal brace cannot be used in a path template.",
    });
  }
  parts.push({ text });
}

/**
 * Renders `template`; `what` names the result in INVALID_PATH errors. Values are made safe as
 * one path segment each (except `{folder}`, whose `/` are the real folders), so an EXIF camera
 * name like `A/B` cannot create folders.
 */
export function renderTemplate(template: PathTemplate, values: TemplateValues, what: string): string {
  const rendered = template.parts
    .map((part) => ("text" in part ? part.text : fieldValue(part.field, values)))
    .join("");
  // A template is always below the destination: a leading `/` (or an empty `{folder}` first) means nothing.
  return normalizeRelativePath(trimSegments(rendered).replace(/^\/+/, ""), what);
}

function fieldValue(field: TemplateField, values: TemplateValues): string {
  switch (field) {
    case "yyyy":
      return String(values.day.year).padStart(4, "0");
    case "mm":
      return String(values.day.month).padStart(2, "0");
    case "dd":
      return String(values.day.day).padStart(2, "0");
    case "date":
      return values.date ?? "";
    case "subpath":
      return values.subpath ?? "";
    case "folder":
      return values.folder;
    case "name":
      return safeSegment(values.name);
    case "ext":
      return safeSegment(values.ext);
    case "camera":
      return safeSegment(values.camera ?? "") || "unknown-camera";
    case "batch":
      return safeSegment(values.batch ?? "");
  }
}

// Separators and the characters Windows and OneDrive refuse in names.
const UNSAFE = /[/\\:*?"<>|]/g;

function safeSegment(value: string): string {
  return value.replace(UNSAFE, "_").trim();
}

/** Windows and OneDrive refuse names ending in a dot or space: `{name}.{ext}` without an ext. */
function trimSegments(path: string): string {
  return path
    .split("/")
    .map((segment) => (segment === "." || segment === ".." ? segment : segment.replace(/[. ]+$/, "")))
    .join("/");
}

/** EXIF's `YYYY:MM:DD HH:MM:SS` as the camera's own calendar day (no time zone involved). */
export function exifDay(value: string): CaptureDay | undefined {
  const match = /^(\d{4})[:-](\d{2})[:-](\d{2})/.exec(value.trim());
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { year, month, day };
}

/** A calendar day as ISO `YYYY-MM-DD`. */
export function isoDay(day: CaptureDay): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${String(day.year).padStart(4, "0")}-${two(day.month)}-${two(day.day)}`;
}

/** A moment as a calendar day in this machine's time zone (the fallback: the file's mtime). */
export function localDay(epochMs: number): CaptureDay {
  const date = new Date(epochMs);
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}
