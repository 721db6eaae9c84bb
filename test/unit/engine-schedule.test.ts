/**
 * Scheduling on an injected clock: upload windows (and stopping at their end), daily caps,
 * pauses, bandwidth timetables, a destination's own limit. The clock is moved by hand, so no
 * test waits for real hours to pass.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { instantOf } from "../../src/domain/local-time.js";
import { setupEngine } from "../fixtures/engine.js";

const TZ = "Europe/Berlin";
const MiB = 2 ** 20;

/** A Berlin wall time on 2026-06-0D as an instant. */
function at(day: number, time: string): number {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return instantOf(2026, 6, day, hours * 60 + minutes, TZ);
}

function fakeClock(start: number) {
  let now = start;
  return { now: () => now, set: (next: number) => (now = next) };
}

/** Several poll rounds (50 ms each) pass: long enough for an engine that would start work to start it. */
const POLLS = 400;

describe("upload windows", () => {
  it("holds jobs outside the window (state stays pending) and starts them when it opens", async () => {
    const clock = fakeClock(at(1, "12:00"));
    const { store, engine, transport } = await setupEngine({
      files: 3,
      destination: { window: "22:00-07:00" },
      config: { timeZone: TZ },
      clock: clock.now,
    });
    const controller = new AbortController();
    const run = engine.run(controller.signal);
    await sleep(POLLS);
    expect(transport.transfers).toHaveLength(0);
    expect((await store.counts()).pending).toBe(3);
    clock.set(at(1, "22:00"));
    await vi.waitFor(async () => expect((await store.counts()).completed).toBe(3), {
      timeout: 10_000,
      interval: 50,
    });
    controller.abort();
    await run;
    await store.close();
  });

  it("with windowEnd stop, stops a running upload at the window's end and gives its attempt back", async () => {
    const clock = fakeClock(at(1, "06:59"));
    const { store, engine, transport } = await setupEngine({
      files: 1,
      destination: { window: "22:00-07:00", windowEnd: "stop" },
      config: { timeZone: TZ },
      clock: clock.now,
    });
    transport.hang.add("photo-0.jpg");
    const controller = new AbortController();
    const run = engine.run(controller.signal);
    await vi.waitFor(async () => expect((await store.counts()).uploading).toBe(1), {
      timeout: 10_000,
      interval: 20,
    });
    clock.set(at(1, "07:00"));
    await vi.waitFor(
      async () => expect((await store.listJobs({}))[0]).toMatchObject({ state: "pending", attempts: 0 }),
      {
        timeout: 10_000,
        interval: 20,
      },
    );
    transport.hang.clear();
    await sleep(POLLS);
    expect((await store.counts()).completed).toBe(0);
    clock.set(at(1, "22:00"));
    await vi.waitFor(async () => expect((await store.counts()).completed).toBe(1), {
      timeout: 10_000,
      interval: 50,
    });
    expect((await store.listJobs({}))[0]?.attempts).toBe(1);
    controller.abort();
    await run;
    await store.close();
  });
});

describe("daily caps", () => {
  it("holds a destination that reached its cap until the reset time, while others go on", async () => {
    const clock = fakeClock(at(1, "12:00"));
    // Each test file is 10 bytes: the third upload reaches a 25-byte cap.
    const { store, engine } = await setupEngine({
      files: 5,
      concurrency: 1,
      others: ["other"],
      destination: { dailyCap: "25B", dailyCapReset: "03:00" },
      config: { timeZone: TZ },
      clock: clock.now,
    });
    const controller = new AbortController();
    const run = engine.run(controller.signal);
    await vi.waitFor(
      async () => {
        const jobs = await store.listJobs({ states: ["completed"] });
        expect(jobs.filter((job) => job.destination === "other")).toHaveLength(5);
        expect(jobs.filter((job) => job.destination === "local")).toHaveLength(3);
      },
      { timeout: 10_000, interval: 50 },
    );
    await sleep(POLLS);
    expect((await store.listJobs({ states: ["completed"], destination: "local" })).length).toBe(3);
    clock.set(at(2, "02:59"));
    await sleep(POLLS);
    expect((await store.listJobs({ states: ["completed"], destination: "local" })).length).toBe(3);
    clock.set(at(2, "03:00"));
    await vi.waitFor(async () => expect((await store.counts()).completed).toBe(10), {
      timeout: 10_000,
      interval: 50,
    });
    controller.abort();
    await run;
    await store.close();
  });
});

describe("free space", () => {
  it("holds a destination whose waiting files do not fit, as full (DESTINATION_FULL) with the numbers", async () => {
    const clock = fakeClock(at(1, "12:00"));
    const { store, engine, transport } = await setupEngine({ files: 3, clock: clock.now });
    for (const job of await store.listJobs({})) {
      // Sizes as `upload` records them: 30 bytes waiting.
      expect(job.sizeBytes).toBeNull();
    }
    await store.enqueue(
      {
        jobs: [
          {
            destination: "local",
            sourcePath: "/nowhere/big.tif",
            remotePath: "big.tif",
            sizeBytes: 5000,
            maxRetries: 3,
          },
        ],
      },
      clock.now(),
    );
    transport.freeBytes = 1000;
    const controller = new AbortController();
    const run = engine.run(controller.signal);
    await vi.waitFor(
      async () => {
        const [status] = await store.listDestinationStatus();
        expect(status).toMatchObject({ condition: "full", reason: { code: "DESTINATION_FULL" } });
        expect(status?.reason?.message).toContain("1000 bytes free, and 5000 bytes wait");
      },
      { timeout: 10_000, interval: 20 },
    );
    await sleep(POLLS);
    expect(transport.transfers).toHaveLength(0);
    expect((await store.counts()).failed).toBe(0);
    // Space freed; the next check (a minute later) lets everything go.
    transport.freeBytes = 1_000_000;
    clock.set(at(1, "12:01"));
    await vi.waitFor(async () => expect((await store.counts()).completed).toBe(3), {
      timeout: 10_000,
      interval: 50,
    });
    expect((await store.listDestinationStatus())[0]?.condition).toBe("online");
    controller.abort();
    await run;
    await store.close();
  });
});

describe("pause and resume", () => {
  it("pauses one destination or all; queued jobs wait and run once resumed", async () => {
    const { store, engine } = await setupEngine({ files: 2, others: ["other"] });
    await store.setPaused("local", true, Date.now());
    const controller = new AbortController();
    const run = engine.run(controller.signal);
    await vi.waitFor(async () => expect((await store.listJobs({ states: ["completed"] })).length).toBe(2), {
      timeout: 10_000,
      interval: 50,
    });
    expect(
      (await store.listJobs({ states: ["completed"] })).every((job) => job.destination === "other"),
    ).toBe(true);
    await store.setPaused("*", true, Date.now());
    await store.setPaused("local", false, Date.now());
    await store.enqueue(
      {
        jobs: [
          {
            destination: "other",
            sourcePath: (await store.listJobs({}))[0]?.sourcePath as string,
            remotePath: "again.jpg",
            sizeBytes: null,
            maxRetries: 3,
          },
        ],
      },
      Date.now(),
    );
    await sleep(POLLS);
    expect((await store.counts()).completed).toBe(2);
    await store.setPaused("*", false, Date.now());
    await vi.waitFor(async () => expect((await store.counts()).completed).toBe(5), {
      timeout: 10_000,
      interval: 50,
    });
    controller.abort();
    await run;
    await store.close();
  });
});

describe("bandwidth", () => {
  it("moves the global limit along its timetable, live", async () => {
    const clock = fakeClock(at(1, "10:00"));
    const { store, engine, transport } = await setupEngine({
      files: 0,
      config: { timeZone: TZ, bandwidth: "08:00,2M 19:00,off" },
      clock: clock.now,
    });
    const controller = new AbortController();
    const run = engine.run(controller.signal);
    await vi.waitFor(() => expect(transport.bandwidths).toEqual([2 * MiB]), { timeout: 5_000, interval: 20 });
    clock.set(at(1, "19:00"));
    await vi.waitFor(() => expect(transport.bandwidths).toEqual([2 * MiB, null]), {
      timeout: 5_000,
      interval: 20,
    });
    controller.abort();
    await run;
    await store.close();
  });

  it("gives a destination's own limit whole to its uploads together, not a slice to each", async () => {
    const { store, engine, transport } = await setupEngine({
      files: 2,
      concurrency: 4,
      destination: { bandwidth: "4M" },
      others: ["other"],
    });
    const controller = new AbortController();
    expect(await engine.run(controller.signal, { untilIdle: true })).toEqual({ succeeded: 4, failed: 0 });
    // The destination's transfers run apart, under its whole rate (rclone shares it among them);
    // the other destination's go on without a limit of their own.
    expect(transport.laneBandwidths.length).toBeGreaterThan(0);
    expect(transport.laneBandwidths.every(([name, rate]) => name === "local" && rate === 4 * MiB)).toBe(true);
    expect(transport.bandwidths).toEqual([]);
    // Every transfer carries its draw on the budget (for transports that send bytes themselves).
    expect(transport.transfers.every((request) => request.bandwidth !== undefined)).toBe(true);
    expect(engine.bandwidth.limitOf("local")).toBe(4 * MiB);
    expect(engine.bandwidth.limitOf("other")).toBeNull();
    await store.close();
  });

  it("divides the global limit among the destinations with uploads running", async () => {
    const { store, engine, transport, destinations } = await setupEngine({
      files: 0,
      destination: { bandwidth: "10M" },
      others: ["other"],
      config: { bandwidth: "15M" },
    });
    const controller = new AbortController();
    await engine.run(controller.signal, { untilIdle: true });
    const budget = engine.bandwidth;
    // Idle, each lane may use what it would get alone.
    expect(budget.limitOf("local")).toBe(10 * MiB);
    expect(budget.limitOf("other")).toBe(15 * MiB);
    const [local, other] = destinations;
    if (local === undefined || other === undefined) throw new Error("two destinations expected");
    const first = await budget.begin(local);
    const second = await budget.begin(other);
    expect(budget.limitOf("local")).toBe(7.5 * MiB);
    expect(budget.limitOf("other")).toBe(7.5 * MiB);
    expect(transport.laneBandwidths.at(-1)).toEqual(["local", 7.5 * MiB]);
    expect(transport.bandwidths.at(-1)).toBe(7.5 * MiB);
    first.release();
    await vi.waitFor(() => expect(budget.limitOf("other")).toBe(15 * MiB), { timeout: 5_000, interval: 50 });
    second.release();
    await store.close();
  });
});
