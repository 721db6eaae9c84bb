import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  MAX_PARTS,
  MIN_PART_SIZE,
  missingParts,
  multipartEtag,
  partCount,
  partRange,
  partSizeFor,
} from "../../src/domain/resume.js";

const MiB = 1024 * 1024;

describe("S3 part arithmetic", () => {
  it("keeps the configured part size while it needs at most 10 000 parts", () => {
    expect(partSizeFor(40 * MiB, 5 * MiB)).toBe(5 * MiB);
    expect(partSizeFor(4 * 1024 * MiB, 16 * MiB)).toBe(16 * MiB);
    // Never below S3's 5 MiB minimum.
    expect(partSizeFor(40 * MiB, 1 * MiB)).toBe(MIN_PART_SIZE);
  });

  it("grows the part size so a 200 GB video still fits in 10 000 parts", () => {
    const size = 200 * 1000 * 1000 * 1000;
    const part = partSizeFor(size, 16 * MiB);
    expect(part).toBeGreaterThan(16 * MiB);
    expect(part % MiB).toBe(0);
    expect(partCount(size, part)).toBeLessThanOrEqual(MAX_PARTS);
  });

  it("splits a file into ranges, the last one short", () => {
    expect(partRange(1, 5, 12)).toEqual({ start: 0, end: 5 });
    expect(partRange(3, 5, 12)).toEqual({ start: 10, end: 12 });
    expect(partCount(12, 5)).toBe(3);
  });

  it("lists the parts still to send, ignoring a recorded part of the wrong size", () => {
    const state = {
      sourceSize: 12,
      partSizeBytes: 5,
      parts: [
        { partNumber: 1, etag: "a", sizeBytes: 5 },
        { partNumber: 3, etag: "c", sizeBytes: 1 },
      ],
    };
    expect(missingParts(state)).toEqual([2, 3]);
  });

  it("computes S3's multipart ETag from the parts' md5s, or null when they are not md5s", () => {
    const md5 = (text: string) => createHash("md5").update(text).digest("hex");
    const parts = [
      { partNumber: 2, etag: `"${md5("two")}"`, sizeBytes: 3 },
      { partNumber: 1, etag: `"${md5("one")}"`, sizeBytes: 3 },
    ];
    const expected = createHash("md5")
      .update(Buffer.concat([Buffer.from(md5("one"), "hex"), Buffer.from(md5("two"), "hex")]))
      .digest("hex");
    expect(multipartEtag(parts)).toBe(`${expected}-2`);
    expect(multipartEtag([{ partNumber: 1, etag: "kms-opaque", sizeBytes: 3 }])).toBeNull();
  });
});
