/**
 * The whole file's hash fed by an upload's reads: bytes in file order only, a part sent again
 * left out, and a prefix an earlier process sent read from the disk (a resume).
 */
import { createHash, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RunningHash } from "../../src/transport/running-hash.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const signal = new AbortController().signal;

function sourceFile(bytes: Buffer): string {
  const file = path.join(makeTempDir("junmai-running-hash-"), "video.mov");
  writeFileSync(file, bytes);
  return file;
}

describe("RunningHash", () => {
  const bytes = randomBytes(3 * 256 * 1024 + 1234);
  const whole = createHash("md5").update(bytes).digest("hex");

  it("is the whole file's hash when fed every chunk in order", async () => {
    const running = RunningHash.of(sourceFile(bytes), bytes.length, "md5");
    for (let offset = 0; offset < bytes.length; offset += 100_000) {
      running?.feed(offset, bytes.subarray(offset, offset + 100_000));
    }
    expect(await running?.digest(signal)).toBe(whole);
  });

  it("leaves out a part sent again, and reads a resumed upload's prefix from the disk", async () => {
    const running = RunningHash.of(sourceFile(bytes), bytes.length, "md5");
    const half = 400_000;
    // Parts up to `half` were sent by a process that died: read now, before the next part.
    await running?.catchUp(half, signal);
    running?.feed(half, bytes.subarray(half, half + 1000));
    // A part sent again (round 2 of a cross-check) is not hashed twice.
    running?.feed(0, bytes.subarray(0, 1000));
    running?.feed(half + 1000, bytes.subarray(half + 1000));
    expect(await running?.digest(signal)).toBe(whole);
  });

  it("reads what was never fed (everything sent before a restart, only the completion left)", async () => {
    const running = RunningHash.of(sourceFile(bytes), bytes.length, "sha1");
    expect(await running?.digest(signal)).toBe(createHash("sha1").update(bytes).digest("hex"));
  });

  it("is null for a hash type node cannot compute (rclone's quickxor, none)", () => {
    expect(RunningHash.of("/nowhere", 1, "quickxor")).toBeNull();
    expect(RunningHash.of("/nowhere", 1, null)).toBeNull();
  });
});
