/**
 * A text's width in terminal columns: 写真_桜.jpg takes 11, not 8.
 *
 * string-width is the exact answer (grapheme clusters, emoji, East Asian widths, colour codes),
 * but loading it makes an `Intl.Segmenter` (ICU's break data, ~15 ms of a command's start) and
 * its first non-ASCII answer compiles Unicode property patterns (up to 60 ms more). So printable
 * ASCII — most of what an English command prints — is counted here, and the exact module is
 * loaded (`loadTextWidth`) only by what draws columns of other text, before drawing them.
 */

type Measure = (text: string) => number;

let exact: Measure | undefined;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what it removes.
const COLOUR_CODE = /\x1b\[[0-9;]*m/g;

/** Loads the exact measure; cheap once loaded. */
export async function loadTextWidth(): Promise<void> {
  exact ??= (await import("string-width")).default;
}

export function textWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  return exact === undefined ? estimateWidth(text) : exact(text);
}

/**
 * Without the exact module (a path that did not load it): one column per code point, two for the
 * wide blocks (CJK, kana, Hangul, full-width forms, the common emoji), none for combining marks,
 * joiners and variation selectors. Right for Japanese text and file names; emoji sequences may
 * differ from string-width by a column.
 */
function estimateWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(COLOUR_CODE, "")) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f)) continue;
    if ((code >= 0xfe00 && code <= 0xfe0f) || code === 0x3099 || code === 0x309a) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
