import { describe, expect, it } from "vitest";
import { createWatchFilter } from "../../src/domain/watch-filter.js";

describe("watch filter", () => {
  const defaults = createWatchFilter({ include: [], exclude: [], ignoreTemporary: true });

  it("ignores temporary, partial and hidden names by default", () => {
    for (const name of [
      "IMG_1.jpg.tmp",
      "IMG_1.JPG.part",
      "~IMG_1.jpg",
      ".DS_Store",
      "a/.junmai-upload-3.partial",
      "Thumbs.db",
      ".hidden/IMG.jpg",
      "x.crdownload",
    ]) {
      expect(defaults.accepts(name), name).toBe(false);
    }
    expect(defaults.accepts("Wedding/写真_桜.jpg")).toBe(true);
    expect(defaults.skipsFolder(".git")).toBe(true);
    expect(defaults.skipsFolder("Wedding")).toBe(false);
  });

  it("applies include and exclude globs case-insensitively, at any depth without a slash", () => {
    const filter = createWatchFilter({
      include: ["*.jpg", "*.dng"],
      exclude: ["Rejects/**"],
      ignoreTemporary: true,
    });
    expect(filter.accepts("IMG_0001.JPG")).toBe(true);
    expect(filter.accepts("day1/IMG_0002.dng")).toBe(true);
    expect(filter.accepts("day1/IMG_0002.xmp")).toBe(false);
    expect(filter.accepts("Rejects/IMG_0003.jpg")).toBe(false);
    expect(filter.skipsFolder("Rejects")).toBe(true);
  });

  it("can be told to take temporary names too", () => {
    const filter = createWatchFilter({ include: [], exclude: [], ignoreTemporary: false });
    expect(filter.accepts("render.tmp")).toBe(true);
  });
});
