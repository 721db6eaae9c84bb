/**
 * The cross-checks of an S3 upload: ListParts against the recorded parts, and which
 * full-object checksum (x-amz-checksum-*) can be compared with the file's.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { multipartEtag } from "../../src/domain/resume.js";
import { crc32Base64, fullObjectChecksum, partMismatches } from "../../src/domain/s3-checks.js";
import { fileChecksum } from "../../src/transport/s3/s3-checks.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const md5 = (text: string) => createHash("md5").update(text).digest("hex");
const recorded = [
  { partNumber: 1, etag: `"${md5("one")}"`, sizeBytes: 5 },
  { partNumber: 2, etag: `"${md5("two")}"`, sizeBytes: 5 },
  { partNumber: 3, etag: `"${md5("three")}"`, sizeBytes: 2 },
];

describe("partMismatches (ListParts as a cross-check)", () => {
  it("finds nothing when the server lists the recorded parts (quotes and case aside)", () => {
    const listed = recorded.map((part) => ({ ...part, etag: part.etag.replace(/"/g, "").toUpperCase() }));
    expect(partMismatches(recorded, listed)).toEqual([]);
  });

  it("names the parts the server lacks or holds with another ETag or size, in order", () => {
    const listed = [
      { partNumber: 3, etag: md5("three"), sizeBytes: 4 },
      { partNumber: 2, etag: md5("other"), sizeBytes: 5 },
    ];
    expect(partMismatches(recorded, listed)).toEqual([
      { partNumber: 1, reason: "missing" },
      { partNumber: 2, reason: "etag" },
      { partNumber: 3, reason: "size" },
    ]);
  });

  it("ignores parts the server holds that were never recorded, and a size it leaves out", () => {
    const listed = [
      ...recorded.map((part) => ({ ...part, sizeBytes: null })),
      { partNumber: 4, etag: md5("stray"), sizeBytes: 9 },
    ];
    expect(partMismatches(recorded, listed)).toEqual([]);
  });
});

describe("multipartEtag (computed locally from the parts' md5s)", () => {
  it("is the md5 of the binary md5s in part order, then -N, whatever order they were recorded in", () => {
    const expected = createHash("md5")
      .update(Buffer.concat(["one", "two", "three"].map((text) => Buffer.from(md5(text), "hex"))))
      .digest("hex");
    expect(multipartEtag([...recorded].reverse())).toBe(`${expected}-3`);
  });

  it("is unknown when a part's ETag is not an md5 (SSE-KMS, some stores)", () => {
    expect(multipartEtag([...recorded, { partNumber: 4, etag: '"opaque-etag"', sizeBytes: 1 }])).toBeNull();
  });
});

describe("fullObjectChecksum", () => {
  it("takes a full-object checksum we can compute, SHA-256 first", () => {
    expect(fullObjectChecksum({ ChecksumType: "FULL_OBJECT", ChecksumCRC32: "AAAAAA==" })).toEqual({
      algorithm: "crc32",
      value: "AAAAAA==",
    });
    expect(fullObjectChecksum({ ChecksumSHA256: "c2hh", ChecksumCRC32: "AAAAAA==" })).toEqual({
      algorithm: "sha256",
      value: "c2hh",
    });
  });

  it("leaves out composite checksums (of the parts' checksums) and servers that give none", () => {
    expect(fullObjectChecksum({ ChecksumType: "COMPOSITE", ChecksumSHA256: "c2hh-3" })).toBeNull();
    expect(fullObjectChecksum({ ChecksumCRC32: "AAAAAA==-8" })).toBeNull();
    expect(fullObjectChecksum({})).toBeNull();
  });

  it("writes a CRC32 as S3 does: 4 bytes big-endian, base64", () => {
    // CRC32("123456789") = 0xCBF43926, the standard check value.
    expect(crc32Base64(crc32("123456789"))).toBe(Buffer.from([0xcb, 0xf4, 0x39, 0x26]).toString("base64"));
  });
});

describe("fileChecksum", () => {
  it("reads the file once into the checksum S3 would give it", async () => {
    const file = path.join(makeTempDir("junmai-s3-checks-"), "写真 桜.jpg");
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    writeFileSync(file, bytes);
    const signal = AbortSignal.timeout(30_000);
    expect(await fileChecksum(file, "crc32", signal)).toBe(crc32Base64(crc32(bytes)));
    expect(await fileChecksum(file, "sha256", signal)).toBe(
      createHash("sha256").update(bytes).digest("base64"),
    );
  });
});
