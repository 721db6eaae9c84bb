import path from "node:path";
import { describe, expect, it } from "vitest";
import type { StateCounts } from "../../src/domain/job.js";
import { IDLE_MAX_MS, idlePauseMs } from "../../src/engine/idle-pause.js";
import { SqliteJobStore } from "../../src/store/sqlite/sqlite-job-store.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const EMPTY: StateCounts = {
  pending: 0,
  uploading: 0,
  verifying: 0,
  retrying: 0,
  completed: 5,
  skipped: 0,
  failed: 1,
  cancelled: 0,
};
const base = {
  claimed: 0,
  active: 0,
  counts: EMPTY,
  nextAnnouncementAt: undefined,
  now: 1_000,
  pollIntervalMs: 500,
};

describe("an idle worker loop", () => {
  it("sleeps long only when nothing is queued, running or coming due", () => {
    expect(idlePauseMs(base)).toBe(IDLE_MAX_MS);
    expect(idlePauseMs({ ...base, claimed: 1 })).toBeUndefined();
    expect(idlePauseMs({ ...base, active: 2 })).toBeUndefined();
    expect(idlePauseMs({ ...base, counts: { ...EMPTY, pending: 1 } })).toBeUndefined();
    expect(idlePauseMs({ ...base, counts: { ...EMPTY, retrying: 1 } })).toBeUndefined();
  });

  it("wakes for a batch that closes by time, never sooner than the poll interval", () => {
    expect(idlePauseMs({ ...base, nextAnnouncementAt: 4_000 })).toBe(3_000);
    expect(idlePauseMs({ ...base, nextAnnouncementAt: 900 })).toBe(500);
  });

  it("hears another process's enqueue through the SQLite file", async () => {
    const dir = makeTempDir();
    const listening = await SqliteJobStore.open(dir);
    const other = await SqliteJobStore.open(dir);
    let heard = 0;
    const stop = await listening.subscribe(() => {
      heard += 1;
    });
    try {
      await other.enqueue(
        {
          jobs: [
            {
              destination: "local",
              sourcePath: path.join(dir, "写真.jpg"),
              remotePath: "写真.jpg",
              sizeBytes: 1,
              maxRetries: 1,
            },
          ],
        },
        Date.now(),
      );
      await eventually(() => (heard > 0 ? true : undefined), 10_000);
    } finally {
      await stop();
      await other.close();
      await listening.close();
    }
  });
});
