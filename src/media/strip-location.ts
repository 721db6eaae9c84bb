/**
 * `removeLocation`: no GPS anywhere in the rendition, in EXIF or XMP. The encoder writes the
 * metadata it was told to keep; this then blanks the location in place — the GPS IFD's entries
 * and their values zeroed and the IFD emptied, XMP `exif:GPS…` properties overwritten with
 * spaces — so every offset, chunk size and box size in the file stays valid whatever the
 * container (JPEG, WebP, AVIF). Pure byte work on the finished buffer.
 */

const EXIF_HEADER = Buffer.from("Exif\u0000\u0000", "latin1");
const GPS_POINTER = 0x8825;
/** Bytes per value of each TIFF field type (1 BYTE … 12 DOUBLE). */
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8];

export function stripLocation(file: Buffer): Buffer {
  for (const start of tiffBlocks(file)) blankGps(file, start);
  blankXmpGps(file);
  return file;
}

/** Where each EXIF TIFF header starts: after `Exif\0\0` (JPEG, AVIF) or in a WebP `EXIF` chunk. */
function tiffBlocks(file: Buffer): number[] {
  const starts: number[] = [];
  for (let at = file.indexOf(EXIF_HEADER); at !== -1; at = file.indexOf(EXIF_HEADER, at + 1)) {
    if (isTiffHeader(file, at + EXIF_HEADER.length)) starts.push(at + EXIF_HEADER.length);
  }
  if (file.toString("latin1", 0, 4) === "RIFF" && file.toString("latin1", 8, 12) === "WEBP") {
    for (let at = 12; at + 8 <= file.length; ) {
      const size = file.readUInt32LE(at + 4);
      if (file.toString("latin1", at, at + 4) === "EXIF" && isTiffHeader(file, at + 8)) starts.push(at + 8);
      at += 8 + size + (size % 2);
    }
  }
  return starts;
}

function isTiffHeader(file: Buffer, at: number): boolean {
  if (at + 8 > file.length) return false;
  const order = file.toString("latin1", at, at + 2);
  if (order === "II") return file.readUInt16LE(at + 2) === 42;
  if (order === "MM") return file.readUInt16BE(at + 2) === 42;
  return false;
}

function blankGps(file: Buffer, tiff: number): void {
  const little = file.toString("latin1", tiff, tiff + 2) === "II";
  const u16 = (at: number) => (little ? file.readUInt16LE(at) : file.readUInt16BE(at));
  const u32 = (at: number) => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const inside = (at: number, length: number) => at >= tiff && at + length <= file.length;
  const ifd0 = tiff + u32(tiff + 4);
  if (!inside(ifd0, 2)) return;
  const count = u16(ifd0);
  for (let index = 0; index < count; index += 1) {
    const entry = ifd0 + 2 + index * 12;
    if (!inside(entry, 12) || u16(entry) !== GPS_POINTER) continue;
    const gps = tiff + u32(entry + 8);
    if (!inside(gps, 2)) return;
    const fields = u16(gps);
    if (!inside(gps, 2 + fields * 12 + 4)) return;
    for (let field = 0; field < fields; field += 1) {
      const at = gps + 2 + field * 12;
      const size = (TYPE_SIZES[u16(at + 2)] ?? 1) * u32(at + 4);
      if (size > 4) {
        const value = tiff + u32(at + 8);
        if (inside(value, size)) file.fill(0, value, value + size);
      }
    }
    // An empty GPS IFD: no entries (and nothing behind the zeroed ones), no next IFD.
    file.fill(0, gps, gps + 2 + fields * 12 + 4);
    return;
  }
}

const XMP_START = Buffer.from("<x:xmpmeta", "latin1");
const XMP_END = Buffer.from("</x:xmpmeta>", "latin1");
/** `exif:GPS…="…"` attributes, `<exif:GPS…>…</exif:GPS…>` elements and empty `<exif:GPS…/>`. */
const GPS_PROPERTY =
  /\s(?:exif|exifEX):GPS[A-Za-z]*="[^"]*"|<(exif|exifEX):GPS([A-Za-z]*)(?:\s[^>]*)?\/>|<(exif|exifEX):GPS([A-Za-z]*)(?:\s[^>]*)?>[\s\S]*?<\/\3:GPS\4>/g;

function blankXmpGps(file: Buffer): void {
  for (let at = file.indexOf(XMP_START); at !== -1; at = file.indexOf(XMP_START, at + 1)) {
    const end = file.indexOf(XMP_END, at);
    if (end === -1) return;
    const packet = file.toString("latin1", at, end);
    // latin1 keeps one character per byte, so lengths and positions match the buffer's.
    const blanked = packet.replace(GPS_PROPERTY, (match) => " ".repeat(match.length));
    if (blanked !== packet) file.write(blanked, at, "latin1");
  }
}
