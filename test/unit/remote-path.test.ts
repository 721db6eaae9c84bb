import { describe, expect, it } from "vitest";
import { joinRemotePath, normalizeBasePath, normalizeRelativePath } from "../../src/domain/remote-path.js";

describe("normalizeRelativePath", () => {
  it.each([
    ["2024\\wedding\\写真_桜.jpg", "2024/wedding/写真_桜.jpg"],
    ["a//b/./c", "a/b/c"],
    ["", ""],
    ["space in/#hash%25.jpg", "space in/#hash%25.jpg"],
    ["emoji 📷/x.jpg", "emoji 📷/x.jpg"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeRelativePath(input)).toBe(expected);
  });

  it("composes NFD (macOS) names to NFC", () => {
    const nfd = "ガ.jpg".normalize("NFD");
    expect(normalizeRelativePath(nfd)).toBe("ガ.jpg".normalize("NFC"));
    expect(normalizeRelativePath(nfd)).not.toBe(nfd);
  });

  it.each([
    "../x",
    "a/../../x",
    "..\\..\\x",
    "/etc/passwd",
    "C:\\Windows",
    "c:/x",
    "\\\\server\\share",
    "a\u0000b",
    "tab\there",
  ])("rejects %j with INVALID_PATH", (input) => {
    expect(() => normalizeRelativePath(input, "--subpath")).toThrowError(
      expect.objectContaining({ code: "INVALID_PATH" }),
    );
  });

  it("names the offending option in the message", () => {
    expect(() => normalizeRelativePath("../../x", "--subpath")).toThrowError(/--subpath "\.\.\/\.\.\/x"/);
  });
});

describe("normalizeBasePath and joinRemotePath", () => {
  it("keeps a leading slash on base paths (SFTP: absolute vs home-relative)", () => {
    expect(normalizeBasePath("/srv//photos/")).toBe("/srv/photos");
    expect(normalizeBasePath("Photos\\Processed")).toBe("Photos/Processed");
    expect(() => normalizeBasePath("/srv/../etc")).toThrowError(
      expect.objectContaining({ code: "INVALID_PATH" }),
    );
  });

  it("joins parts, dropping empty ones", () => {
    expect(joinRemotePath("", "2024", "a/b.jpg")).toBe("2024/a/b.jpg");
    expect(joinRemotePath("/base", "", "x.jpg")).toBe("/base/x.jpg");
  });
});
