import { describe, expect, it } from "vitest";
import type { TransferProgress } from "../../src/engine/transport.js";
import { ProgressMeter } from "../../src/transport/progress-meter.js";

describe("progress of a resumed transfer", () => {
  it("starts at the resumed offset, never at 0, and never passes the size", () => {
    const seen: TransferProgress[] = [];
    const meter = new ProgressMeter(100, 60, (progress) => seen.push(progress), 60_000);
    meter.add(30);
    meter.report();
    meter.add(50);
    meter.stop();
    expect(seen.map((progress) => progress.bytesDone)).toEqual([60, 90, 100]);
    expect(seen.every((progress) => progress.sizeBytes === 100)).toBe(true);
  });

  it("goes back when a part is sent again, so bytes are not counted twice", () => {
    const seen: number[] = [];
    const meter = new ProgressMeter(100, 0, (progress) => seen.push(progress.bytesDone), 60_000);
    meter.add(40);
    meter.set(20);
    meter.stop();
    expect(seen).toEqual([0, 20]);
  });
});
