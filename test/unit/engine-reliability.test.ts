/**
 * The engine's guarantees on a fault-injecting transport: destination health (offline, quota),
 * temporary names, conflict policies, a source that changes mid-upload. The same guarantees are
 * proven against real rclone and servers in test/integration and test/e2e.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { SyncError } from "../../src/domain/errors.js";
import { collectChanges, setupEngine } from "../fixtures/engine.js";
import { type FaultTransport, HASHES_ON_REQUEST } from "../fixtures/fault-transport.js";
import { md5, writeFile } from "../fixtures/files.js";

describe("destination health", () => {
  it("an unreachable destination goes offline, its jobs wait without spending attempts, and it resumes by itself", async () => {
    const { store, engine, transport } = await setupEngine({ files: 6, retries: 1 });
    transport.failAll = new SyncError("REMOTE_UNREACHABLE", "connection refused");
    transport.down = true;
    const controller = new AbortController();
    const run = engine.run(controller.signal, { untilIdle: true });
    await vi.waitFor(
      async () => {
        expect((await store.listDestinationStatus())[0]).toMatchObject({ condition: "offline" });
        expect(transport.probes).toBeGreaterThanOrEqual(2);
      },
      { timeout: 30_000, interval: 50 },
    );
    // Far more failures than 1 + 1 retry would allow, and nothing failed.
    expect((await store.counts()).failed).toBe(0);
    transport.failAll = null;
    transport.down = false;
    expect(await run).toEqual({ succeeded: 6, failed: 0 });
    expect((await store.listDestinationStatus())[0]).toMatchObject({ condition: "online", reason: null });
    for (const job of await store.listJobs({})) expect(job.attempts).toBeLessThanOrEqual(2);
    await store.close();
  });

  it("a quota pauses only its own destination; the others go on", async () => {
    const { store, engine, transport } = await setupEngine({ files: 3, others: ["other"] });
    transport.faults.set("photo-0.jpg", [new SyncError("QUOTA_EXCEEDED", "uploadLimitExceeded")]);
    const controller = new AbortController();
    const run = engine.run(controller.signal);
    await vi.waitFor(async () => expect((await store.counts()).completed).toBe(5), {
      timeout: 30_000,
      interval: 50,
    });
    const statuses = await store.listDestinationStatus();
    const paused = statuses.find((status) => status.condition === "quota-paused");
    expect(paused?.until).toBeGreaterThan(Date.now() + 59 * 60_000);
    const waiting = (await store.listJobs({ states: ["retrying"] }))[0];
    expect(waiting).toMatchObject({ destination: paused?.destination, attempts: 0 });
    expect(waiting?.lastError?.code).toBe("QUOTA_EXCEEDED");
    expect(waiting?.nextAttemptAt).toBe(paused?.until);
    controller.abort();
    await run;
    await store.close();
  });
});

describe("temporary names", () => {
  it("uploads under a hidden name and moves it into place only after verifying", async () => {
    const { store, engine, transport, cloud } = await setupEngine({ files: 2 });
    transport.traitsAnswer = { hashType: "md5", writesInPlace: true, canMove: true };
    transport.corrupt.add(".junmai-upload-1.partial");
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(transport.transfers.map((transfer) => transfer.remotePath)).toEqual(
      expect.arrayContaining([".junmai-upload-1.partial", ".junmai-upload-2.partial"]),
    );
    expect(transport.moves).toHaveLength(2);
    expect(readdirSync(cloud).sort()).toEqual(["photo-0.jpg", "photo-1.jpg"]);
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("bytes of 0");
    await store.close();
  });
});

/** "hash asked" each time a source's hash is asked for, "copy running" as each copy runs. */
function hashAndCopySteps(transport: FaultTransport): string[] {
  const steps: string[] = [];
  const hashSource = transport.hashSource.bind(transport);
  transport.hashSource = (sourcePath: string) => {
    steps.push("hash asked");
    return hashSource(sourcePath);
  };
  transport.duringTransfer = () => steps.push("copy running");
  return steps;
}

describe("a destination that hashes only on request (SFTP)", () => {
  it("a lone upload copied by rclone is not hashed again there; the source's hash is recorded", async () => {
    const { store, engine, transport } = await setupEngine({ files: 2 });
    transport.traitsAnswer = HASHES_ON_REQUEST;
    transport.corrupt.add(".junmai-upload-1.partial");
    await engine.run(new AbortController().signal, { untilIdle: true });
    // The check after each upload (of its temporary name) asked for sizes only.
    const afterUpload = transport.stats.filter(({ remotePath }) => remotePath.endsWith(".partial"));
    expect(afterUpload).toHaveLength(3);
    expect(afterUpload.every(({ hashType }) => hashType === null)).toBe(true);
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => [job.state, job.attempts])).toEqual([
      // The corrupt copy (a byte too many) still failed its check by size, and went up again.
      ["completed", 2],
      ["completed", 1],
    ]);
    for (const job of jobs) {
      expect(await store.findDelivery("local", job.remotePath)).toMatchObject({
        hashType: "md5",
        hash: md5(job.sourcePath),
      });
    }
    await store.close();
  });

  it("the source is hashed beside the copy, not after it, and a failed copy still goes again", async () => {
    const { store, engine, transport } = await setupEngine({ files: 1 });
    transport.traitsAnswer = HASHES_ON_REQUEST;
    transport.faults.set(".junmai-upload-1.partial", [new SyncError("TRANSFER_FAILED", "connection reset")]);
    const steps = hashAndCopySteps(transport);
    await engine.run(new AbortController().signal, { untilIdle: true });
    // The failed attempt asked for the hash too (it ends with the copy); the second is the one
    // recorded.
    expect(steps).toEqual(["hash asked", "hash asked", "copy running"]);
    const job = (await store.listJobs({}))[0];
    expect(job).toMatchObject({ state: "completed", attempts: 2, hash: md5(job?.sourcePath ?? "") });
    await store.close();
  });

  it("a transfer that hashed what it sent (a resumable upload) is still checked against the destination's hash", async () => {
    const { store, engine, transport } = await setupEngine({ files: 2 });
    transport.traitsAnswer = HASHES_ON_REQUEST;
    transport.hashesWhatItSends = true;
    await engine.run(new AbortController().signal, { untilIdle: true });
    const afterUpload = transport.stats.filter(({ remotePath }) => remotePath.endsWith(".partial"));
    expect(afterUpload.map(({ hashType }) => hashType)).toEqual(["md5", "md5"]);
    expect(transport.hashedSources).toEqual([]);
    expect((await store.listJobs({})).map((job) => job.state)).toEqual(["completed", "completed"]);
    await store.close();
  });
});

describe("a local folder's large files (sourceHashFrom)", () => {
  const LOCAL = { hashType: "md5", writesInPlace: true, canMove: true, lookupByName: true };

  it("a lone large file's source is hashed beside its copy, and its copy is not read back", async () => {
    const { store, engine, transport } = await setupEngine({ files: 1 });
    // "bytes of 0": 10 bytes, as large as the threshold.
    transport.traitsAnswer = { ...LOCAL, sourceHashFrom: 10 };
    const steps = hashAndCopySteps(transport);
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(steps).toEqual(["hash asked", "copy running"]);
    const afterUpload = transport.stats.filter(({ remotePath }) => remotePath.endsWith(".partial"));
    expect(afterUpload.map(({ hashType }) => hashType)).toEqual([null]);
    const job = (await store.listJobs({}))[0];
    expect(job).toMatchObject({ state: "completed", hashType: "md5", hash: md5(job?.sourcePath ?? "") });
    await store.close();
  });

  it("a smaller one is read back for its hash, its source never hashed", async () => {
    const { store, engine, transport } = await setupEngine({ files: 1 });
    transport.traitsAnswer = { ...LOCAL, sourceHashFrom: 11 };
    await engine.run(new AbortController().signal, { untilIdle: true });
    const afterUpload = transport.stats.filter(({ remotePath }) => remotePath.endsWith(".partial"));
    expect(afterUpload.map(({ hashType }) => hashType)).toEqual(["md5"]);
    expect(transport.hashedSources).toEqual([]);
    const job = (await store.listJobs({}))[0];
    expect(job).toMatchObject({ state: "completed", hashType: "md5", hash: md5(job?.sourcePath ?? "") });
    await store.close();
  });
});

describe("conflict policies", () => {
  async function withForeignFile(onConflict: "auto" | "overwrite" | "skip" | "rename" | "version") {
    const setup = await setupEngine({ destination: { onConflict } });
    writeFile(setup.cloud, "photo-0.jpg", "somebody else's photo");
    await setup.engine.run(new AbortController().signal, { untilIdle: true });
    const job = (await setup.store.listJobs({}))[0];
    const read = (name: string) => readFileSync(path.join(setup.cloud, name), "utf8");
    return { ...setup, job, read };
  }

  it("auto never replaces a file we did not write: ours goes beside it as name (1).ext", async () => {
    const { job, read, store } = await withForeignFile("auto");
    expect(job).toMatchObject({ state: "completed", remotePath: "photo-0 (1).jpg" });
    expect(read("photo-0.jpg")).toBe("somebody else's photo");
    expect(read("photo-0 (1).jpg")).toBe("bytes of 0");
    expect(await store.findDelivery("local", "photo-0 (1).jpg")).toMatchObject({ sizeBytes: 10 });
    await store.close();
  });

  it("auto replaces our own earlier delivery of the same source (a re-export)", async () => {
    const { store, engine, sources, cloud } = await setupEngine();
    await engine.run(new AbortController().signal, { untilIdle: true });
    writeFileSync(sources[0] as string, "re-exported, brighter");
    await store.enqueue(
      {
        jobs: [
          {
            destination: "local",
            sourcePath: sources[0] as string,
            remotePath: "photo-0.jpg",
            sizeBytes: null,
            maxRetries: 3,
          },
        ],
      },
      Date.now(),
    );
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(readdirSync(cloud)).toEqual(["photo-0.jpg"]);
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("re-exported, brighter");
    expect((await store.counts()).completed).toBe(2);
    await store.close();
  });

  it("overwrite replaces, skip keeps and says so, version keeps the old file under .versions/", async () => {
    const overwrite = await withForeignFile("overwrite");
    expect(overwrite.read("photo-0.jpg")).toBe("bytes of 0");
    await overwrite.store.close();

    const skip = await withForeignFile("skip");
    expect(skip.job).toMatchObject({
      state: "skipped",
      lastError: expect.objectContaining({ code: "CONFLICT" }),
    });
    expect(skip.read("photo-0.jpg")).toBe("somebody else's photo");
    expect(await skip.store.findDelivery("local", "photo-0.jpg")).toBeUndefined();
    await skip.store.close();

    const version = await withForeignFile("version");
    expect(version.read("photo-0.jpg")).toBe("bytes of 0");
    const [stamp] = readdirSync(path.join(version.cloud, ".versions"));
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(version.read(`.versions/${stamp}/photo-0.jpg`)).toBe("somebody else's photo");
    await version.store.close();
  });

  it("rename finds its own earlier delivery instead of adding another copy", async () => {
    const { store, engine, cloud } = await setupEngine();
    writeFile(cloud, "photo-0.jpg", "somebody else's photo");
    writeFile(cloud, "photo-0 (1).jpg", "bytes of 0");
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(readdirSync(cloud).sort()).toEqual(["photo-0 (1).jpg", "photo-0.jpg"]);
    expect((await store.listJobs({}))[0]).toMatchObject({ state: "skipped", remotePath: "photo-0 (1).jpg" });
    await store.close();
  });
});

describe("source safety", () => {
  it("a source that changes during its upload waits until it settles, then goes up as it is now", async () => {
    const { store, engine, transport, sources, cloud } = await setupEngine();
    let grown = false;
    transport.duringTransfer = () => {
      if (grown) return;
      grown = true;
      writeFileSync(sources[0] as string, "bytes of 0, and then some more");
    };
    const changes = collectChanges(engine);
    await engine.run(new AbortController().signal, { untilIdle: true });
    const deferred = changes.find((job) => job.lastError?.code === "SOURCE_CHANGED");
    expect(deferred).toMatchObject({ state: "retrying", attempts: 0 });
    expect((await store.listJobs({}))[0]).toMatchObject({ state: "completed", attempts: 1 });
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("bytes of 0, and then some more");
    expect(existsSync(sources[0] as string)).toBe(true);
    await store.close();
  });
});

describe("crash recovery", () => {
  it("a short file a killed attempt left under the final name is ours to replace, not a conflict", async () => {
    const { store, engine, cloud } = await setupEngine({ destination: { tempNames: "never" } });
    // A worker that died mid-write: it claimed the job and left 4 of 10 bytes behind.
    await store.claim({ owner: "gone:1:dead", destination: "local", limit: 1, leaseMs: 1 }, Date.now() - 10);
    writeFile(cloud, "photo-0.jpg", "byte");
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(readdirSync(cloud)).toEqual(["photo-0.jpg"]);
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("bytes of 0");
    expect((await store.listJobs({}))[0]).toMatchObject({ state: "completed", remotePath: "photo-0.jpg" });
    await store.close();
  });

  it("so is a whole file an orphaned rclone finished after the worker died", async () => {
    const { store, engine, cloud } = await setupEngine({ destination: { tempNames: "never" } });
    await store.claim({ owner: "gone:1:dead", destination: "local", limit: 1, leaseMs: 1 }, Date.now() - 10);
    // Same size, other bytes: without a hash to compare it cannot be trusted, so it is resent.
    writeFile(cloud, "photo-0.jpg", "bytes of 9");
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(readdirSync(cloud)).toEqual(["photo-0.jpg"]);
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("bytes of 0");
    await store.close();
  });

  it("a file the job did not start writing is never taken for its own leftover", async () => {
    const { store, engine, cloud } = await setupEngine({ destination: { tempNames: "never" } });
    writeFile(cloud, "photo-0.jpg", "byte");
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("byte");
    expect((await store.listJobs({}))[0]).toMatchObject({
      state: "completed",
      remotePath: "photo-0 (1).jpg",
    });
    await store.close();
  });
});
