/** Names the conflict policies and temporary uploads use. */
import { describe, expect, it } from "vitest";
import { conflictAction, renamedPath, temporaryPath, versionPath } from "../../src/domain/conflict.js";

describe("conflict names", () => {
  it("renames the way desktops name copies, keeping folder and extension", () => {
    expect(renamedPath("2026/wedding/写真_桜.jpg", 1)).toBe("2026/wedding/写真_桜 (1).jpg");
    expect(renamedPath("photo.tar.gz", 2)).toBe("photo.tar (2).gz");
    expect(renamedPath("README", 3)).toBe("README (3)");
    expect(renamedPath(".hidden", 1)).toBe(".hidden (1)");
  });

  it("puts versions under .versions/<colon-free UTC time>/ with the full path", () => {
    expect(versionPath("2026/a b.jpg", Date.UTC(2026, 10, 24, 18, 41, 7, 123))).toBe(
      ".versions/2026-11-24T18-41-07Z/2026/a b.jpg",
    );
  });

  it("keeps a job's temporary name in the final file's folder, fixed per job", () => {
    expect(temporaryPath("2026/wedding/IMG_1.jpg", 42)).toBe("2026/wedding/.junmai-upload-42.partial");
    expect(temporaryPath("IMG_1.jpg", 42)).toBe(".junmai-upload-42.partial");
  });

  it("auto overwrites only what is ours; explicit policies are taken as given", () => {
    expect(conflictAction("auto", true)).toBe("overwrite");
    expect(conflictAction("auto", false)).toBe("rename");
    expect(conflictAction("skip", true)).toBe("skip");
    expect(conflictAction("version", false)).toBe("version");
  });
});
