/** The progress view when piped to a log: every outcome line, in order, written together. */
import { describe, expect, it } from "vitest";
import { createBatchView } from "../../src/cli/render/batch-view.js";
import { colorsFor } from "../../src/cli/render/format.js";
import type { Job } from "../../src/domain/job.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { jobOf } from "../fixtures/jobs.js";

function pipe(): { stream: NodeJS.WriteStream; writes: string[] } {
  const writes: string[] = [];
  const stream = {
    isTTY: false,
    write: (text: string) => {
      writes.push(text);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

function completed(id: number): Job {
  return jobOf("completed", {
    id,
    destination: "nas",
    sourcePath: `/export/IMG_${id}.jpg`,
    remotePath: `2026/IMG_${id}.jpg`,
    attempts: 1,
    sizeBytes: 20_000,
    bytesDone: 20_000,
    hashType: "md5",
    hash: "0".repeat(32),
    createdAt: 1_000,
    updatedAt: 2_000,
    startedAt: 1_500,
    finishedAt: 2_000,
  });
}

describe("the batch view, piped", () => {
  it("writes the outcome lines together, in order, before any note, and all of them when stopped", () => {
    const { stream, writes } = pipe();
    const view = createBatchView({
      stream,
      colors: colorsFor(stream, { NO_COLOR: "1" }),
      tr: createTranslator("en"),
      totalJobs: 4,
      totalBytes: 80_000,
      clock: () => 3_000,
    });
    for (const id of [1, 2, 3]) view.outcome(completed(id));
    // Queued for the next frame, not written one by one.
    expect(writes).toEqual([]);
    view.note("a note for the person");
    expect(writes).toHaveLength(2);
    expect(writes[0]?.split("\n").filter(Boolean)).toHaveLength(3);
    expect(writes[0]).toMatch(/IMG_1\.jpg[\s\S]*IMG_2\.jpg[\s\S]*IMG_3\.jpg/);
    expect(writes[1]).toBe("a note for the person\n");
    view.outcome(completed(4));
    // The same outcome reported twice (events and the queue) is one line.
    view.outcome(completed(4));
    view.stop();
    expect(writes).toHaveLength(3);
    expect(writes[2]).toMatch(/IMG_4\.jpg.*\n$/);
    expect(writes[2]?.split("\n").filter(Boolean)).toHaveLength(1);
  });
});
