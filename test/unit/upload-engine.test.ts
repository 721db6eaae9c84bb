/** The engine on a fault-injecting transport and a real SQLite file. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SyncError } from "../../src/domain/errors.js";
import { collectChanges, setupEngine } from "../fixtures/engine.js";
import { writeFile } from "../fixtures/files.js";
import { eventually } from "../fixtures/wait.js";

describe("UploadEngine", () => {
  it("uploads and verifies every job, then stops when the queue is empty", async () => {
    const { store, engine, cloud, transport } = await setupEngine({ files: 7 });
    const result = await engine.run(new AbortController().signal, { untilIdle: true });
    expect(result).toEqual({ succeeded: 7, failed: 0 });
    expect((await store.counts()).completed).toBe(7);
    expect(readFileSync(path.join(cloud, "photo-3.jpg"), "utf8")).toBe("bytes of 3");
    const job = (await store.listJobs({}))[0];
    expect(job).toMatchObject({ state: "completed", hashType: "md5", attempts: 1, leaseOwner: null });
    expect(job?.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(transport.transfers).toHaveLength(7);
    await store.close();
  });

  it("retries temporary errors with backoff, then completes", async () => {
    const { store, engine, transport, jobIds } = await setupEngine();
    transport.faults.set("photo-0.jpg", [
      new SyncError("TRANSFER_FAILED", "flaky"),
      new SyncError("RATE_LIMITED", "slow down"),
    ]);
    const changes = collectChanges(engine);
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(changes.filter((job) => job.state === "retrying").map((job) => job.lastError?.code)).toEqual([
      "TRANSFER_FAILED",
      "RATE_LIMITED",
    ]);
    // A rate limit is the destination's condition, not the photo's: it costs no attempt.
    expect(await store.getJob(jobIds[0] as number)).toMatchObject({
      state: "completed",
      attempts: 2,
      lastError: null,
    });
    await store.close();
  });

  it("fails a fatal error at once, without retrying", async () => {
    const { store, engine, transport, jobIds } = await setupEngine();
    transport.faults.set("photo-0.jpg", [new SyncError("NAME_NOT_ALLOWED", "file name too long")]);
    const result = await engine.run(new AbortController().signal, { untilIdle: true });
    expect(result).toEqual({ succeeded: 0, failed: 1 });
    expect(transport.transfers).toHaveLength(1);
    expect(await store.getJob(jobIds[0] as number)).toMatchObject({
      state: "failed",
      attempts: 1,
      lastError: expect.objectContaining({ code: "NAME_NOT_ALLOWED", temporary: false }),
    });
    await store.close();
  });

  it("holds the jobs of a destination whose credentials are refused: not failed, attempt given back, run ends", async () => {
    const { store, engine, transport, jobIds } = await setupEngine();
    transport.faults.set("photo-0.jpg", [new SyncError("AUTH_FAILED", "refused")]);
    const result = await engine.run(new AbortController().signal, { untilIdle: true });
    expect(result.failed).toBe(0);
    expect(await store.getJob(jobIds[0] as number)).toMatchObject({
      state: "retrying",
      attempts: 0,
      lastError: expect.objectContaining({ code: "AUTH_FAILED" }),
    });
    expect(transport.transfers.length).toBeLessThanOrEqual(3);
    await store.close();
  });

  it("fails after 1 attempt + N retries when a temporary error persists", async () => {
    const { store, engine, transport, jobIds } = await setupEngine({ retries: 2 });
    transport.faults.set(
      "photo-0.jpg",
      Array.from({ length: 5 }, () => new SyncError("TRANSFER_FAILED", "flaky")),
    );
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(transport.transfers).toHaveLength(3);
    expect(await store.getJob(jobIds[0] as number)).toMatchObject({ state: "failed", attempts: 3 });
    await store.close();
  });

  it("catches a corrupted upload by its hash and uploads again", async () => {
    const { store, engine, transport, jobIds, cloud, sources } = await setupEngine();
    transport.corrupt.add("photo-0.jpg");
    const changes = collectChanges(engine);
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(changes.some((job) => job.state === "retrying" && job.lastError?.code === "VERIFY_MISMATCH")).toBe(
      true,
    );
    expect(await store.getJob(jobIds[0] as number)).toMatchObject({ state: "completed", attempts: 2 });
    expect(readFileSync(path.join(cloud, "photo-0.jpg"))).toEqual(readFileSync(sources[0] as string));
    await store.close();
  });

  it("skips a file that is already at the destination, identical", async () => {
    const { store, engine, transport, jobIds, sources, cloud } = await setupEngine();
    writeFile(cloud, "photo-0.jpg", readFileSync(sources[0] as string));
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(transport.transfers).toHaveLength(0);
    expect((await store.getJob(jobIds[0] as number))?.state).toBe("skipped");
    await store.close();
  });

  it("fails a job whose source is gone with SOURCE_MISSING and goes on with the rest", async () => {
    const { store, engine, jobIds, sources } = await setupEngine({ files: 3 });
    const { rmSync } = await import("node:fs");
    rmSync(sources[1] as string);
    await engine.run(new AbortController().signal, { untilIdle: true });
    const jobs = await Promise.all(jobIds.map((id) => store.getJob(id)));
    expect(jobs.map((job) => job?.state)).toEqual(["completed", "failed", "completed"]);
    expect(jobs[1]?.lastError).toMatchObject({ code: "SOURCE_MISSING", temporary: false });
    await store.close();
  });

  it("never runs more transfers at once than the destination allows", async () => {
    const { store, engine, transport } = await setupEngine({ files: 12, concurrency: 2 });
    transport.delayMs = 20;
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(transport.maxInFlight).toBe(2);
    expect((await store.counts()).completed).toBe(12);
    await store.close();
  });

  it("a lone upload's slot goes to the next file once its bytes are sent, while it is checked and moved into place", async () => {
    const { store, engine, transport } = await setupEngine({ files: 6, concurrency: 1 });
    // Written in place, so each file is moved to its name after the check; the move is slow,
    // as a round trip to a distant server is.
    transport.traitsAnswer = { hashType: "md5", writesInPlace: true, canMove: true };
    transport.moveDelayMs = 60;
    transport.delayMs = 5;
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(transport.transfersBegunDuringMoves).toBeGreaterThan(0);
    // Still one transfer at a time, and no more than twice the concurrency in flight in all.
    expect(transport.maxInFlight).toBe(1);
    expect(transport.maxMovesInFlight).toBeLessThanOrEqual(2);
    expect((await store.listJobs({})).map((job) => [job.state, job.attempts])).toEqual(
      Array(6).fill(["completed", 1]),
    );
    await store.close();
  });

  it("recovers a job whose owner died, without counting the lost attempt", async () => {
    const { store, engine, jobIds } = await setupEngine();
    // A worker on this host with a PID that does not exist claimed it and vanished.
    await store.claim(
      {
        owner: `${(await import("node:os")).hostname()}:2147483646:dead`,
        destination: "local",
        limit: 1,
        leaseMs: 600_000,
      },
      Date.now(),
    );
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(await store.getJob(jobIds[0] as number)).toMatchObject({ state: "completed", attempts: 1 });
    await store.close();
  });

  it("stops a running transfer when its job is cancelled from elsewhere", async () => {
    const { store, engine, transport, jobIds, cloud } = await setupEngine();
    transport.hang.add("photo-0.jpg");
    const running = engine.run(new AbortController().signal, { untilIdle: true });
    await eventually(() => (transport.transfers.length > 0 ? true : undefined));
    // Another process cancels it through the store; the heartbeat notices.
    await store.apply(jobIds[0] as number, { type: "cancel" }, Date.now());
    await running;
    expect((await store.getJob(jobIds[0] as number))?.state).toBe("cancelled");
    expect(existsSync(path.join(cloud, "photo-0.jpg"))).toBe(false);
    await store.close();
  });

  it("on shutdown, gives running jobs back to the queue with their attempt returned", async () => {
    const { store, engine, transport, jobIds } = await setupEngine();
    transport.hang.add("photo-0.jpg");
    const controller = new AbortController();
    const running = engine.run(controller.signal);
    await eventually(() => (transport.transfers.length > 0 ? true : undefined));
    controller.abort();
    await running;
    expect(await store.getJob(jobIds[0] as number)).toMatchObject({
      state: "pending",
      attempts: 0,
      leaseOwner: null,
      lastError: expect.objectContaining({ code: "TRANSFER_INTERRUPTED" }),
    });
    expect(await store.listWorkers()).toEqual([]);
    await store.close();
  });

  it("announces a batch once its last job is final", async () => {
    const { store, engine, batch } = await setupEngine({ files: 4 });
    const completed: number[] = [];
    engine.on("batchCompleted", (summary) => completed.push(summary.batch.id));
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(completed).toContain(batch.id);
    await store.close();
  });
});
