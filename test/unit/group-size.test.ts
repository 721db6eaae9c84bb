/** How large a destination's next group is: slow start, the cap, and the pace its copies keep. */
import { describe, expect, it } from "vitest";
import type { Destination } from "../../src/domain/destination.js";
import { ActiveJobs } from "../../src/engine/active-jobs.js";
import { nextGroupSize } from "../../src/engine/claim-work.js";

const withConcurrency = (concurrency: number) => ({ concurrency }) as Destination;

describe("nextGroupSize", () => {
  it("starts at the concurrency (at least 2) and doubles up to groupFiles", () => {
    const four = withConcurrency(4);
    const sizes = [nextGroupSize(undefined, four, 256)];
    while (sizes.length < 9) sizes.push(nextGroupSize(sizes.at(-1), four, 256));
    expect(sizes).toEqual([4, 8, 16, 32, 64, 128, 256, 256, 256]);
    expect(nextGroupSize(undefined, withConcurrency(1), 256)).toBe(2);
    expect(nextGroupSize(undefined, four, 3)).toBe(3);
  });

  it("stops growing at what the destination's copies move in about a second", () => {
    const four = withConcurrency(4);
    // 300 × 2 MB to WebDAV: ~33 files a second.
    expect(nextGroupSize(16, four, 256, 33)).toBe(32);
    expect(nextGroupSize(32, four, 256, 33)).toBe(33);
    expect(nextGroupSize(64, four, 256, 33)).toBe(33);
    // A local disk: thousands a second, so groupFiles decides.
    expect(nextGroupSize(256, four, 256, 1500)).toBe(256);
    // A slow line: never below what fills the upload slots.
    expect(nextGroupSize(8, four, 256, 0.5)).toBe(4);
    expect(nextGroupSize(8, withConcurrency(1), 256, 0.5)).toBe(2);
  });

  it("reads the pace from each group's time to get ready and be copied, smoothed", () => {
    const active = new ActiveJobs();
    const nas = { name: "nas", concurrency: 4 } as Destination;
    expect(active.paceOf(nas)).toBeUndefined();
    // 10 files ready and copied in a second; then 30: one group moves the pace half way.
    active.groupCopied(nas, 10, 1000);
    expect(active.paceOf(nas)).toBe(10);
    active.groupCopied(nas, 30, 1000);
    expect(active.paceOf(nas)).toBe(20);
    // Renditions made first (4 files, 6.4 s): the next groups stay at the upload slots' size.
    active.groupCopied(nas, 4, 6400);
    expect(nextGroupSize(64, nas, 256, active.paceOf(nas))).toBe(10);
    active.groupCopied(nas, 4, 6400);
    active.groupCopied(nas, 4, 6400);
    expect(nextGroupSize(64, nas, 256, active.paceOf(nas))).toBe(4);
  });
});
