/**
 * The `copyright` metadata policy: of everything a photo carries, only who made it and who
 * owns it — EXIF Copyright/Artist, IPTC CopyrightNotice/By-line/Credit, XMP dc:rights,
 * dc:creator, xmpRights and photoshop:Credit — read from the source with exifr and written
 * again, fresh, into the rendition. Nothing else (camera, lens, GPS, keywords) comes along.
 */

export interface Rights {
  readonly copyright: string | null;
  readonly creator: string | null;
  readonly credit: string | null;
  readonly usageTerms: string | null;
  readonly webStatement: string | null;
  readonly marked: boolean | null;
}

export const NO_RIGHTS: Rights = Object.freeze({
  copyright: null,
  creator: null,
  credit: null,
  usageTerms: null,
  webStatement: null,
  marked: null,
});

type Section = Record<string, unknown> | undefined;

export async function readRights(file: string): Promise<Rights> {
  let parsed: Record<string, Section> | undefined;
  try {
    const { default: exifr } = await import("exifr");
    parsed = (await exifr.parse(file, {
      tiff: true,
      exif: false,
      gps: false,
      interop: false,
      ifd1: false,
      xmp: true,
      iptc: true,
      mergeOutput: false,
      reviveValues: false,
    })) as Record<string, Section> | undefined;
  } catch {
    return NO_RIGHTS;
  }
  const ifd0 = parsed?.ifd0;
  const iptc = parsed?.iptc;
  const dc = parsed?.dc;
  const xmpRights = parsed?.xmpRights;
  const photoshop = parsed?.photoshop;
  return {
    copyright: text(ifd0?.Copyright) ?? text(dc?.rights) ?? text(iptc?.CopyrightNotice),
    creator: text(ifd0?.Artist) ?? text(dc?.creator) ?? text(iptc?.Byline),
    credit: text(photoshop?.Credit) ?? text(iptc?.Credit),
    usageTerms: text(xmpRights?.UsageTerms),
    webStatement: text(xmpRights?.WebStatement),
    marked: typeof xmpRights?.Marked === "boolean" ? xmpRights.Marked : null,
  };
}

/** exifr gives a string, a `{lang, value}` alternative, or a list of either. */
function text(value: unknown): string | null {
  if (Array.isArray(value))
    return (
      value
        .map(text)
        .filter((item) => item !== null)
        .join("; ") || null
    );
  if (typeof value === "object" && value !== null && "value" in value) return text(value.value);
  if (typeof value !== "string") return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: EXIF strings are NUL-padded.
  const trimmed = value.replace(/\u0000+$/, "").trim();
  return trimmed === "" ? null : trimmed;
}

export function hasRights(rights: Rights): boolean {
  return Object.values(rights).some((value) => value !== null);
}

/** The EXIF part, for sharp's `withExif` (replacing every other EXIF field). */
export function rightsExif(rights: Rights): Record<string, string> {
  return {
    ...(rights.copyright === null ? {} : { Copyright: rights.copyright }),
    ...(rights.creator === null ? {} : { Artist: rights.creator }),
  };
}

const escapeXml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt>`;

/** A minimal XMP packet with the rights fields only; null when there are none. */
export function rightsXmp(rights: Rights): string | null {
  const fields: string[] = [];
  if (rights.creator !== null)
    fields.push(`<dc:creator><rdf:Seq><rdf:li>${escapeXml(rights.creator)}</rdf:li></rdf:Seq></dc:creator>`);
  if (rights.copyright !== null) fields.push(`<dc:rights>${alt(rights.copyright)}</dc:rights>`);
  if (rights.usageTerms !== null)
    fields.push(`<xmpRights:UsageTerms>${alt(rights.usageTerms)}</xmpRights:UsageTerms>`);
  if (rights.webStatement !== null)
    fields.push(`<xmpRights:WebStatement>${escapeXml(rights.webStatement)}</xmpRights:WebStatement>`);
  if (rights.marked !== null)
    fields.push(`<xmpRights:Marked>${rights.marked ? "True" : "False"}</xmpRights:Marked>`);
  if (rights.credit !== null) fields.push(`<photoshop:Credit>${escapeXml(rights.credit)}</photoshop:Credit>`);
  if (fields.length === 0) return null;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">',
    ...fields,
    "</rdf:Description>",
    "</rdf:RDF>",
    "</x:xmpmeta>",
    '<?xpacket end="w"?>',
  ].join("\n");
}

/**
 * The IPTC part, for JPEG only (WebP and AVIF have no IPTC block): a Photoshop APP13 segment
 * holding IIM records — UTF-8 declared, version, By-line, Credit, CopyrightNotice.
 */
export function rightsIptcSegment(rights: Rights): Buffer | null {
  const datasets: Buffer[] = [];
  const dataset = (record: number, number: number, value: Buffer) => {
    const head = Buffer.from([0x1c, record, number, 0, 0]);
    head.writeUInt16BE(value.length, 3);
    datasets.push(head, value);
  };
  const field = (number: number, value: string | null) => {
    // IIM limits: By-line 32, Credit 32, CopyrightNotice 128 bytes.
    if (value !== null) dataset(2, number, Buffer.from(value, "utf8").subarray(0, number === 116 ? 128 : 32));
  };
  if (rights.creator === null && rights.credit === null && rights.copyright === null) return null;
  dataset(1, 90, Buffer.from("\u001b%G", "latin1"));
  dataset(2, 0, Buffer.from([0, 4]));
  field(80, rights.creator);
  field(110, rights.credit);
  field(116, rights.copyright);
  let iim = Buffer.concat(datasets);
  if (iim.length % 2 === 1) iim = Buffer.concat([iim, Buffer.from([0])]);
  const resource = Buffer.alloc(12);
  resource.write("8BIM", 0, "latin1");
  resource.writeUInt16BE(0x0404, 4);
  // Empty Pascal name padded to even length (2 bytes), then the data's size.
  resource.writeUInt32BE(iim.length, 8);
  const payload = Buffer.concat([Buffer.from("Photoshop 3.0\u0000", "latin1"), resource, iim]);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffed, 0);
  segment.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([segment, payload]);
}

/** Puts an APPn segment into a JPEG after its leading APP segments (before the image data). */
export function insertJpegSegment(jpeg: Buffer, segment: Buffer): Buffer {
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1] ?? 0;
    if (marker < 0xe0 || marker > 0xef) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return Buffer.concat([jpeg.subarray(0, at), segment, jpeg.subarray(at)]);
}
