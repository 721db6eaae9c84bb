import { describe, expect, it } from "vitest";
import { WriteStability } from "../../src/domain/write-stability.js";

describe("write stability", () => {
  it("calls a file stable once size and time held still for the whole window", () => {
    const stability = new WriteStability(2000);
    stability.touched("a.jpg", { size: 10, mtimeMs: 1 }, 0);
    expect(stability.due(1999)).toEqual([]);
    expect(stability.due(2000)).toEqual(["a.jpg"]);
    expect(stability.checked("a.jpg", { size: 10, mtimeMs: 1 }, 2000)).toBe("stable");
    expect(stability.size).toBe(0);
  });

  it("restarts the window when the file grows, and again on every event", () => {
    const stability = new WriteStability(2000);
    stability.touched("a.jpg", { size: 10, mtimeMs: 1 }, 0);
    expect(stability.checked("a.jpg", { size: 20, mtimeMs: 2 }, 2000)).toBe("changing");
    expect(stability.due(3999)).toEqual([]);
    // A change event with an unchanged stat (coarse mtime on FAT or SMB) still counts as activity.
    stability.touched("a.jpg", { size: 20, mtimeMs: 2 }, 3000);
    expect(stability.due(4000)).toEqual([]);
    expect(stability.checked("a.jpg", { size: 20, mtimeMs: 2 }, 5000)).toBe("stable");
  });

  it("forgets files that vanish before they settle", () => {
    const stability = new WriteStability(100);
    stability.touched("a.tmp", { size: 1, mtimeMs: 1 }, 0);
    expect(stability.checked("a.tmp", undefined, 100)).toBe("gone");
    expect(stability.due(1000)).toEqual([]);
  });

  it("lets a scan find long-finished files without waiting a whole window, but checks them again", () => {
    const stability = new WriteStability(2000);
    stability.seen("old.jpg", { size: 5, mtimeMs: 1_000 }, 10_000);
    stability.seen("fresh.jpg", { size: 5, mtimeMs: 9_900 }, 10_000);
    expect(stability.due(10_000)).toEqual(["old.jpg"]);
    expect(stability.checked("old.jpg", { size: 5, mtimeMs: 1_000 }, 10_000)).toBe("stable");
    // Seen again unchanged by the next scan: the window is not restarted.
    stability.seen("fresh.jpg", { size: 5, mtimeMs: 9_900 }, 11_000);
    expect(stability.due(12_000)).toEqual(["fresh.jpg"]);
  });
});
