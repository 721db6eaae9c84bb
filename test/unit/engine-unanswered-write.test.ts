/**
 * A final write that commits while its answer is lost (the database connection drops between
 * COMMIT and the reply): the retry is refused, yet the job is ours and completed, so the engine
 * must still report it — once — and count it delivered.
 */
import { describe, expect, it } from "vitest";
import { SyncError } from "../../src/domain/errors.js";
import type { JobEvent } from "../../src/domain/job.js";
import type { ApplyGuard } from "../../src/store/job-store.js";
import { collectChanges, setupEngine } from "../fixtures/engine.js";

describe("a write whose answer is lost", () => {
  it("is recognised as our own on the retry: the job is reported completed once", async () => {
    const { store, engine, jobIds } = await setupEngine();
    const apply = store.apply.bind(store);
    let dropped = 0;
    store.apply = async (id: number, event: JobEvent, now: number, guard?: ApplyGuard) => {
      const job = await apply(id, event, now, guard);
      if (event.type === "verified" && dropped === 0) {
        dropped += 1;
        throw new SyncError("STORE_UNAVAILABLE", "The connection closed after COMMIT.");
      }
      return job;
    };
    const changes = collectChanges(engine);
    const completed: number[] = [];
    engine.on("completed", (job) => completed.push(job.id));

    const result = await engine.run(new AbortController().signal, { untilIdle: true });

    expect(dropped).toBe(1);
    expect(completed).toEqual(jobIds);
    expect(result).toEqual({ succeeded: 1, failed: 0 });
    expect(changes.map((job) => job.state)).toEqual(["uploading", "verifying", "completed"]);
    expect((await store.getJob(jobIds[0] as number))?.state).toBe("completed");
    await store.close();
  });

  it("is not taken for ours when another worker wrote the job since", async () => {
    const { store, engine, jobIds } = await setupEngine();
    const apply = store.apply.bind(store);
    let dropped = 0;
    store.apply = async (id: number, event: JobEvent, now: number, guard?: ApplyGuard) => {
      if (event.type === "verified" && dropped === 0) {
        dropped += 1;
        // The write never landed; meanwhile a person cancelled the job.
        await apply(id, { type: "cancel" }, now + 1);
        throw new SyncError("STORE_UNAVAILABLE", "The connection closed before COMMIT.");
      }
      return apply(id, event, now, guard);
    };
    const completed: number[] = [];
    engine.on("completed", (job) => completed.push(job.id));

    const result = await engine.run(new AbortController().signal, { untilIdle: true });

    expect(dropped).toBe(1);
    expect(completed).toEqual([]);
    expect(result.succeeded).toBe(0);
    expect((await store.getJob(jobIds[0] as number))?.state).toBe("cancelled");
    await store.close();
  });
});
