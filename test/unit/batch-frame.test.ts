import { describe, expect, it } from "vitest";
import { type BatchSnapshot, batchFrame, batchPercent } from "../../src/cli/render/batch-frame.js";
import { BatchProgress } from "../../src/cli/render/batch-progress.js";
import { colorsFor } from "../../src/cli/render/format.js";
import { RateMeter } from "../../src/domain/rate-meter.js";
import { createTranslator } from "../../src/i18n/translator.js";

const plain = colorsFor({ isTTY: false } as NodeJS.WriteStream, {});
const ansi = colorsFor({ isTTY: true } as NodeJS.WriteStream, {});
// English, whatever this machine speaks.
const screen = { columns: 100, rows: 24, tr: createTranslator("en") };
/** Colour codes made visible, so a snapshot shows where red and yellow start and end. */
const visible = (lines: readonly string[]) => lines.map((line) => line.replaceAll("\u001b", "␛"));

function snapshot(overrides: Partial<BatchSnapshot>): BatchSnapshot {
  return {
    totalFiles: 36,
    totalBytes: 192_000_000,
    delivered: 0,
    failed: 0,
    cancelled: 0,
    bytesDone: 0,
    speed: null,
    etaSeconds: null,
    active: [],
    finished: false,
    ...overrides,
  };
}

describe("the batch's progress frame", () => {
  it("measures the batch in bytes, files as text, with speed and ETA while it moves", () => {
    const frame = batchFrame(
      snapshot({
        delivered: 12,
        bytesDone: 81_000_000,
        speed: 8_100_000,
        etaSeconds: 13.7,
        active: [
          { id: 13, name: "写真_桜.jpg", bytesDone: 2_500_000, sizeBytes: 5_300_000, speed: 2_000_000 },
          { id: 14, name: "IMG_0014.jpg", bytesDone: 900_000, sizeBytes: 5_300_000, speed: null },
        ],
      }),
      { ...screen, colors: plain },
    );
    expect(frame).toMatchInlineSnapshot(`
      [
        "batch                    ██████░░░░░░░░░░  42% · 81.0 MB/192 MB · 12/36 files · 8.1 MB/s · ETA 14s",
        "  写真_桜.jpg            █████░░░░░░░  47% · 2.5 MB/5.3 MB · 2.0 MB/s",
        "  IMG_0014.jpg           █░░░░░░░░░░░  16% · 900 KB/5.3 MB",
      ]
    `);
  });

  it("draws a failed one-file batch red with its count, never a green 100 %", () => {
    const failed = snapshot({ totalFiles: 1, totalBytes: 0, failed: 1, finished: true });
    expect(batchPercent(failed)).toBe(0);
    expect(batchFrame(failed, { ...screen, colors: plain })).toMatchInlineSnapshot(`
      [
        "✗ batch                  ░░░░░░░░░░░░░░░░   0% · 0 B/0 B · 0/1 files · 1 failed",
      ]
    `);
    expect(visible(batchFrame(failed, { ...screen, colors: ansi }))).toMatchInlineSnapshot(`
      [
        "✗ batch                  ␛[31m░░░░░░░░░░░░░░░░␛[39m   0% · 0 B/0 B · 0/1 files · ␛[31m1 failed␛[39m",
      ]
    `);
  });

  it("draws a partly failed batch yellow, below 100 % even when every byte was sent", () => {
    const partial = snapshot({
      totalFiles: 2,
      totalBytes: 3,
      delivered: 1,
      failed: 1,
      bytesDone: 3,
      finished: true,
    });
    expect(batchPercent(partial)).toBe(99);
    expect(visible(batchFrame(partial, { ...screen, colors: ansi }))).toMatchInlineSnapshot(`
      [
        "! batch                  ␛[33m███████████████░␛[39m  99% · 3 B/3 B · 1/2 files · ␛[31m1 failed␛[39m",
      ]
    `);
  });

  it("shows only the files moving now, cut to the terminal's height with +N more", () => {
    const active = Array.from({ length: 40 }, (_, index) => ({
      id: index + 1,
      name: `IMG_${index}.jpg`,
      bytesDone: 1_000,
      sizeBytes: 2_000,
      speed: null,
    }));
    const frame = batchFrame(snapshot({ active }), { ...screen, rows: 8, colors: plain });
    expect(frame).toHaveLength(7);
    expect(frame.at(-1)).toBe("  +35 more");
  });

  it("cuts lines to the terminal's width, dropping whole parts from the end", () => {
    const frame = batchFrame(snapshot({ bytesDone: 1_000_000, speed: 1_000_000, etaSeconds: 191 }), {
      ...screen,
      columns: 64,
      colors: plain,
    });
    expect(frame[0]).toBe("batch                    ░░░░░░░░░░░░░░░░   0% · 1.0 MB/192 MB");
  });
});

describe("what upload --wait counts", () => {
  it("keeps sent bytes until the outcome, and drops a failed file's bytes", () => {
    const progress = new BatchProgress(2, 2_000);
    progress.transfer({ id: 1, remotePath: "a.jpg", bytesDone: 500, sizeBytes: 1_000 }, 0);
    progress.transfer({ id: 1, remotePath: "a.jpg", bytesDone: 1_000, sizeBytes: 1_000 }, 1_000);
    expect(progress.snapshot(1_000).bytesDone).toBe(1_000);
    expect(progress.snapshot(1_000).active).toEqual([]);
    progress.outcome({ id: 1, state: "failed", sizeBytes: 1_000 }, 2_000);
    expect(progress.snapshot(2_000)).toMatchObject({ bytesDone: 0, failed: 1, delivered: 0 });
  });
});

describe("the speed meter", () => {
  it("averages over a window, and falls when the bytes stop", () => {
    const meter = new RateMeter({ windowMs: 2_000, minSpanMs: 500 });
    meter.sample(0, 0);
    expect(meter.speed).toBeNull();
    meter.sample(1_000_000, 1_000);
    expect(meter.speed).toBe(1_000_000);
    expect(meter.etaSeconds(3_000_000)).toBe(3);
    meter.sample(2_000_000, 2_000);
    meter.sample(2_000_000, 3_000);
    meter.sample(2_000_000, 4_000);
    expect(meter.speed).toBe(0);
    expect(meter.etaSeconds(1)).toBeNull();
  });
});
