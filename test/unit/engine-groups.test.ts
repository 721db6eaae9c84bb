/**
 * Group transfers on a fault-injecting transport: a folder's files travel in one call, and
 * every per-file guarantee of a lone upload still holds inside the group — a failed file
 * retries alone, a corrupt copy never stays, a changed source waits, a conflict is decided by
 * the policy, a cancelled job stops the group without costing the others an attempt. The same
 * path runs against real rclone in test/integration/groups.test.ts.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SyncError } from "../../src/domain/errors.js";
import type { Job } from "../../src/domain/job.js";
import { collectChanges, setupEngine } from "../fixtures/engine.js";
import { HASHES_ON_REQUEST } from "../fixtures/fault-transport.js";
import { writeFile } from "../fixtures/files.js";
import { eventually } from "../fixtures/wait.js";

const run = (engine: { run: (signal: AbortSignal, options: { untilIdle: boolean }) => Promise<unknown> }) =>
  engine.run(new AbortController().signal, { untilIdle: true });

/** Six files in one group, sent in order, whose report keeps the last 2 finished (rclone's: 100). */
async function forgetfulGroup() {
  const setup = await setupEngine({ files: 6, groups: true, concurrency: 6 });
  if (setup.groups !== undefined) {
    setup.groups.reportKeeps = 2;
    setup.groups.inOrder = true;
  }
  return setup;
}

describe("group transfers", () => {
  it("a folder's files travel in few calls, each job completed and in the ledger", async () => {
    const { store, engine, transport, groups, cloud } = await setupEngine({ files: 9, groups: true });
    await run(engine);
    // Slow start: the first group is the destination's concurrency (3), the next twice that, so
    // the first files are checked and in place while the rest upload.
    expect(groups?.calls.map((call) => call.names.length)).toEqual([3, 6]);
    expect(groups?.calls[0]).toMatchObject({ remoteDir: "", transfers: 3 });
    // Straight to the final names (this backend shows a file only once complete): no moves.
    expect(transport.moves).toEqual([]);
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => [job.state, job.attempts])).toEqual(Array(9).fill(["completed", 1]));
    expect(readdirSync(cloud).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => `photo-${n}.jpg`));
    expect(await store.findDelivery("local", "photo-4.jpg")).toMatchObject({ hashType: "md5" });
    expect(transport.maxInFlight).toBeLessThanOrEqual(3);
    await store.close();
  });

  it("two groups copy side by side on half the slots each, never more transfers than the concurrency", async () => {
    const engineSettings = { pollIntervalMs: 50, leaseSeconds: 5, shutdownGraceSeconds: 0, groupFiles: 8 };
    const { store, engine, transport, groups } = await setupEngine({
      files: 40,
      groups: true,
      concurrency: 4,
      config: { engine: engineSettings },
    });
    transport.delayMs = 5;
    await run(engine);
    const sizes = groups?.calls.map((call) => call.names.length) ?? [];
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(40);
    // A group with more files than slots asks for half of them, one that fits for all it uses;
    // each gets what it asked for or what was free.
    for (const call of groups?.calls ?? []) {
      expect(call.transfers).toBeGreaterThanOrEqual(1);
      expect(call.transfers).toBeLessThanOrEqual(call.names.length > 4 ? 2 : call.names.length);
    }
    expect(groups?.calls.filter((call) => call.names.length > 4).every((call) => call.transfers === 2)).toBe(
      true,
    );
    expect(groups?.mostCopyingAtOnce).toBeGreaterThanOrEqual(2);
    expect(transport.maxInFlight).toBeLessThanOrEqual(4);
    expect((await store.listJobs({})).every((job) => job.state === "completed")).toBe(true);
    await store.close();
  });

  it("a destination that hashes only on request is listed without hashes; the ledger takes each source's", async () => {
    const { store, engine, transport, groups } = await setupEngine({
      files: 6,
      groups: true,
      remoteFolder: "wedding",
      concurrency: 3,
    });
    transport.traitsAnswer = HASHES_ON_REQUEST;
    await run(engine);
    expect(groups?.calls.length).toBeGreaterThan(0);
    expect(groups?.listedHashTypes.every((type) => type === null)).toBe(true);
    expect(transport.hashedSources).toHaveLength(6);
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => job.state)).toEqual(Array(6).fill("completed"));
    for (const job of jobs) {
      const bytes = readFileSync(job.sourcePath);
      expect(await store.findDelivery("local", job.remotePath)).toMatchObject({
        hashType: "md5",
        hash: createHash("md5").update(bytes).digest("hex"),
      });
    }
    await store.close();
  });

  it("a local folder's large files take their sources' hashes; its small ones are listed with theirs", async () => {
    const { store, engine, transport, groups } = await setupEngine({
      files: 12,
      groups: true,
      remoteFolder: "wedding",
      concurrency: 4,
    });
    // photo-10 and photo-11 hold 11 bytes, the others 10: only those two are "large".
    transport.traitsAnswer = { hashType: "md5", writesInPlace: true, canMove: true, sourceHashFrom: 11 };
    await run(engine);
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => job.state)).toEqual(Array(12).fill("completed"));
    expect(groups?.calls.length).toBeGreaterThan(0);
    // What rclone wrote to the staging folders, listed: the large ones without a hash.
    const staged = (groups?.listings ?? []).filter((listing) =>
      listing.remoteDir.startsWith(".junmai-upload"),
    );
    const namesListed = (hashType: string | null) =>
      staged.filter((listing) => listing.hashType === hashType).flatMap((listing) => listing.names ?? []);
    expect(namesListed(null).sort()).toEqual(["photo-10.jpg", "photo-11.jpg"]);
    expect(namesListed("md5")).toHaveLength(10);
    expect(transport.hashedSources.map((source) => path.basename(source)).sort()).toEqual([
      "photo-10.jpg",
      "photo-11.jpg",
    ]);
    for (const job of jobs) {
      expect(await store.findDelivery("local", job.remotePath)).toMatchObject({
        hashType: "md5",
        hash: createHash("md5").update(readFileSync(job.sourcePath)).digest("hex"),
      });
    }
    await store.close();
  });

  it("a destination that connects anew for each folder (SFTP) gets its files one by one, not in groups", async () => {
    const { store, engine, transport, groups } = await setupEngine({
      files: 6,
      groups: true,
      concurrency: 2,
    });
    // rclone's SFTP backend: both.
    transport.traitsAnswer = { ...HASHES_ON_REQUEST, connectsPerFolder: true };
    await run(engine);
    // The first claim was a group (its traits not yet known): it ran its files alone; the
    // claims after it took single files.
    expect(groups?.calls).toEqual([]);
    expect(transport.transfers).toHaveLength(6);
    expect(transport.transfers.every((transfer) => transfer.remotePath.endsWith(".partial"))).toBe(true);
    expect((await store.listJobs({})).map((job) => job.state)).toEqual(Array(6).fill("completed"));
    await store.close();
  });

  it("a hidden staging folder beside the target: only verified files move, in one call, and it is gone after", async () => {
    const { store, engine, transport, groups, cloud } = await setupEngine({
      files: 4,
      groups: true,
      remoteFolder: "wedding",
      // The first group is the concurrency's size: all four files in it.
      concurrency: 4,
    });
    transport.traitsAnswer = { hashType: "md5", writesInPlace: true, canMove: true };
    transport.corrupt.add(".junmai-upload-g1/photo-2.jpg");
    await run(engine);
    expect(groups?.calls[0]).toMatchObject({ remoteDir: ".junmai-upload-g1" });
    expect(groups?.groupMoves).toEqual([
      { from: ".junmai-upload-g1", to: "wedding", names: ["photo-0.jpg", "photo-1.jpg", "photo-3.jpg"] },
    ]);
    expect(groups?.purged).toContain(".junmai-upload-g1");
    // The corrupt copy failed its check, was never moved, and went up again on its own.
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => [job.remotePath, job.state, job.attempts])).toEqual([
      ["wedding/photo-0.jpg", "completed", 1],
      ["wedding/photo-1.jpg", "completed", 1],
      ["wedding/photo-2.jpg", "completed", 2],
      ["wedding/photo-3.jpg", "completed", 1],
    ]);
    expect(readdirSync(cloud)).toEqual(["wedding"]);
    expect(readFileSync(path.join(cloud, "wedding", "photo-2.jpg"), "utf8")).toBe("bytes of 2");
    await store.close();
  });

  it("groups start at the concurrency's size and double up to groupFiles; an idle destination starts small again", async () => {
    const engineSettings = { pollIntervalMs: 50, leaseSeconds: 5, shutdownGraceSeconds: 0, groupFiles: 8 };
    const { store, engine, groups, dir } = await setupEngine({
      files: 30,
      groups: true,
      concurrency: 2,
      config: { engine: engineSettings },
    });
    await run(engine);
    expect(groups?.calls.map((call) => call.names.length)).toEqual([2, 4, 8, 8, 8]);
    // A new batch after the destination went idle: slow start again.
    const more = Array.from({ length: 6 }, (_, index) =>
      writeFile(dir, `later/later-${index}.jpg`, `later ${index}`),
    );
    await store.enqueue(
      {
        jobs: more.map((sourcePath, index) => ({
          destination: "local",
          sourcePath,
          remotePath: `later-${index}.jpg`,
          sizeBytes: null,
          maxRetries: 3,
        })),
      },
      Date.now(),
    );
    await run(engine);
    expect(groups?.calls.slice(5).map((call) => call.names.length)).toEqual([2, 4]);
    expect((await store.listJobs({})).every((job) => job.state === "completed")).toBe(true);
    await store.close();
  });

  it("inside a group, a high-priority file alone in its folder goes before a folder of low-priority ones", async () => {
    const { store, engine, dir } = await setupEngine({ files: 0, groups: true, concurrency: 4 });
    const low = [0, 1, 2].map((index) => writeFile(dir, `low/low-${index}.jpg`, `low ${index}`));
    const high = writeFile(dir, "high/high-0.jpg", "high");
    const job = (sourcePath: string, priority: number) => ({
      destination: "local",
      sourcePath,
      remotePath: path.basename(sourcePath),
      sizeBytes: null,
      maxRetries: 3,
      priority,
    });
    // Queued first, low: a plain FIFO would send the folder first.
    await store.enqueue({ jobs: [...low.map((source) => job(source, -10)), job(high, 10)] }, Date.now());
    const changes = collectChanges(engine);
    await run(engine);
    const completed = changes
      .filter((change) => change.state === "completed")
      .map((change) => change.sourcePath);
    expect(completed).toHaveLength(4);
    expect(completed[0]).toBe(high);
    await store.close();
  });

  it("the ledger's hash is the one listed after the copy; a file listed without one has its source hashed", async () => {
    const { store, engine, transport } = await setupEngine({ files: 3, groups: true });
    let hashed = 0;
    const hashSource = transport.hashSource.bind(transport);
    transport.hashSource = async (sourcePath: string) => {
      hashed += 1;
      return hashSource(sourcePath);
    };
    await run(engine);
    // md5 is listed for every file: no source is read for its hash.
    expect(hashed).toBe(0);
    const md5Of = (text: string) => createHash("md5").update(text).digest("hex");
    expect(await store.findDelivery("local", "photo-1.jpg")).toMatchObject({
      hashType: "md5",
      hash: md5Of("bytes of 1"),
    });
    await store.close();

    // A destination whose listing carries no hash of the shared type (the fixture lists md5 only).
    const other = await setupEngine({ files: 3, groups: true });
    other.transport.traitsAnswer = { hashType: "sha1", writesInPlace: false, canMove: true };
    let hashedThere = 0;
    const hashThere = other.transport.hashSource.bind(other.transport);
    other.transport.hashSource = async (sourcePath: string) => {
      hashedThere += 1;
      return hashThere(sourcePath);
    };
    await run(other.engine);
    expect(hashedThere).toBe(3);
    // The fixture's hashSource answers md5 whatever it is asked: what it said is what was kept.
    expect(await other.store.findDelivery("local", "photo-2.jpg")).toMatchObject({
      hashType: "sha1",
      hash: md5Of("bytes of 2"),
    });
    await other.store.close();
  });

  it("a file rclone fails retries under its own budget; the rest of the group completes", async () => {
    const { store, engine, transport, groups } = await setupEngine({ files: 4, groups: true });
    transport.faults.set("photo-1.jpg", [new SyncError("TRANSFER_FAILED", "connection reset")]);
    const changes = collectChanges(engine);
    await run(engine);
    expect(changes.find((job) => job.state === "retrying")).toMatchObject({
      remotePath: "photo-1.jpg",
      lastError: { code: "TRANSFER_FAILED" },
    });
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => job.attempts)).toEqual([1, 2, 1, 1]);
    expect(jobs.every((job) => job.state === "completed")).toBe(true);
    // The retry ran alone: a group needs two files.
    expect(groups?.calls).toHaveLength(1);
    expect(transport.transfers.at(-1)?.remotePath).toBe("photo-1.jpg");
    await store.close();
  });

  it("a failure rclone no longer reports (a group larger than its report) is tried again alone, never given another file's error", async () => {
    const { store, engine, transport, groups } = await forgetfulGroup();
    // Sent first, forgotten by the report; the call's error is the last file's, for good.
    transport.faults.set("photo-0.jpg", [new SyncError("TRANSFER_FAILED", "connection reset")]);
    transport.faults.set("photo-5.jpg", [new SyncError("NAME_NOT_ALLOWED", "name not allowed there")]);
    await run(engine);
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => [job.remotePath, job.state, job.lastError?.code ?? null])).toEqual([
      ["photo-0.jpg", "completed", null],
      ["photo-1.jpg", "completed", null],
      ["photo-2.jpg", "completed", null],
      ["photo-3.jpg", "completed", null],
      ["photo-4.jpg", "completed", null],
      ["photo-5.jpg", "failed", "NAME_NOT_ALLOWED"],
    ]);
    // One group; photo-0 went again on its own and learnt its own fate.
    expect(groups?.calls).toHaveLength(1);
    expect(transport.transfers.filter((request) => request.remotePath === "photo-0.jpg")).toHaveLength(2);
    await store.close();
  });

  it("a group's call failed for the destination's sake: every undelivered file shares it, none is tried alone", async () => {
    const { store, engine, transport } = await forgetfulGroup();
    const down = () => new SyncError("REMOTE_UNREACHABLE", "connection refused");
    for (const name of ["photo-0.jpg", "photo-1.jpg", "photo-2.jpg"]) transport.faults.set(name, [down()]);
    const changes = collectChanges(engine);
    await engine.run(AbortSignal.timeout(3000), { untilIdle: true }).catch(() => undefined);
    // The forgotten ones (photo-0, photo-1) took the call's error: tried alone, they would have
    // gone up (their one fault spent) instead of waiting to retry.
    const retried = changes
      .filter((change) => change.state === "retrying")
      .map((change) => change.remotePath);
    expect(retried).toEqual(expect.arrayContaining(["photo-0.jpg", "photo-1.jpg", "photo-2.jpg"]));
    expect(
      changes
        .filter((change) => change.state === "retrying")
        .every((change) => change.lastError?.code === "REMOTE_UNREACHABLE"),
    ).toBe(true);
    await store.close();
  });

  it("a corrupt copy under the final name is removed, never recorded as delivered", async () => {
    const { store, engine, transport, cloud } = await setupEngine({ files: 3, groups: true });
    transport.corrupt.add("photo-0.jpg");
    const changes = collectChanges(engine);
    await run(engine);
    expect(changes.find((job) => job.lastError?.code === "VERIFY_MISMATCH")).toMatchObject({
      remotePath: "photo-0.jpg",
      state: "retrying",
    });
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("bytes of 0");
    expect((await store.listJobs({})).every((job) => job.state === "completed")).toBe(true);
    await store.close();
  });

  it("a source changed while its group ran waits until it settles; the others complete at once", async () => {
    const { store, engine, transport, sources, cloud } = await setupEngine({ files: 3, groups: true });
    let grown = false;
    transport.duringTransfer = (request) => {
      if (grown || !request.remotePath.endsWith("photo-1.jpg")) return;
      grown = true;
      writeFileSync(sources[1] as string, "bytes of 1, and then some more");
    };
    const changes = collectChanges(engine);
    await run(engine);
    const deferred = changes.find((job) => job.lastError?.code === "SOURCE_CHANGED");
    expect(deferred).toMatchObject({ remotePath: "photo-1.jpg", state: "retrying", attempts: 0 });
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => [job.state, job.attempts])).toEqual(Array(3).fill(["completed", 1]));
    expect(readFileSync(path.join(cloud, "photo-1.jpg"), "utf8")).toBe("bytes of 1, and then some more");
    await store.close();
  });

  it("a large source saved again after its copy, while its hash is read, is seen as changed: never recorded with the new bytes' hash", async () => {
    const { store, engine, transport, groups, sources, cloud } = await setupEngine({
      files: 3,
      groups: true,
    });
    // Every file is "large": its hash is read from its source.
    transport.traitsAnswer = { hashType: "md5", writesInPlace: true, canMove: true, sourceHashFrom: 1 };
    const edited = "bytes of 1, edited after its copy";
    let editing = true;
    const hashSource = transport.hashSource.bind(transport);
    transport.hashSource = async (sourcePath: string) => {
      if (editing && sourcePath === sources[1]) {
        editing = false;
        // After the copy, the file is saved again while its hash is being read.
        await eventually(() => ((groups?.calls.length ?? 0) > 0 && groups?.copying === 0 ? true : undefined));
        writeFileSync(sourcePath, edited);
      }
      return hashSource(sourcePath);
    };
    const changes = collectChanges(engine);
    await run(engine);
    const deferred = changes.find((job) => job.lastError?.code === "SOURCE_CHANGED");
    expect(deferred).toMatchObject({ remotePath: "photo-1.jpg", state: "retrying", attempts: 0 });
    const job = (await store.listJobs({})).find((candidate) => candidate.remotePath === "photo-1.jpg");
    expect(job).toMatchObject({ state: "completed", hash: createHash("md5").update(edited).digest("hex") });
    expect(readFileSync(path.join(cloud, "photo-1.jpg"), "utf8")).toBe(edited);
    await store.close();
  });

  it("a source deleted while its group ran fails as missing, at once; the others complete", async () => {
    const { store, engine, transport, sources } = await setupEngine({ files: 3, groups: true });
    transport.duringTransfer = (request) => {
      if (request.remotePath.endsWith("photo-0.jpg")) rmSync(sources[2] as string);
    };
    await run(engine);
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => [job.state, job.attempts, job.lastError?.code ?? null])).toEqual([
      ["completed", 1, null],
      ["completed", 1, null],
      ["failed", 1, "SOURCE_MISSING"],
    ]);
    await store.close();
  });

  it("a name already taken at the destination is left to the conflict policy, outside the group", async () => {
    const { store, engine, groups, cloud } = await setupEngine({ files: 3, groups: true });
    writeFile(cloud, "photo-0.jpg", "somebody else's photo");
    await run(engine);
    expect(groups?.calls[0]?.names).toEqual(["photo-1.jpg", "photo-2.jpg"]);
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("somebody else's photo");
    expect(readFileSync(path.join(cloud, "photo-0 (1).jpg"), "utf8")).toBe("bytes of 0");
    expect((await store.listJobs({})).map((job) => job.remotePath)).toEqual([
      "photo-0 (1).jpg",
      "photo-1.jpg",
      "photo-2.jpg",
    ]);
    await store.close();
  });

  it("cancelling one job stops its group: what finished is kept, the rest go back without spending an attempt", async () => {
    const { store, engine, transport, jobIds, cloud } = await setupEngine({
      files: 5,
      groups: true,
      concurrency: 1,
    });
    transport.hang.add("photo-2.jpg");
    const changes = collectChanges(engine);
    const stop = new AbortController();
    const running = engine.run(stop.signal);
    const hung = jobIds[2] as number;
    await eventually(
      () => (transport.inFlight === 1 && transport.transfers.length === 3 ? true : undefined),
      5_000,
      5,
    );
    await store.apply(hung, { type: "cancel" }, Date.now());
    engine.abortJob(hung);
    await eventually(async () => ((await store.counts()).completed === 4 ? true : undefined), 10_000, 20);
    stop.abort();
    await running;
    const jobs = await store.listJobs({});
    expect(jobs.map((job) => [job.state, job.attempts])).toEqual([
      ["completed", 1],
      ["completed", 1],
      ["cancelled", 1],
      ["completed", 1],
      ["completed", 1],
    ]);
    // The two files after the hung one never started in that group; they went back and came again.
    const released = changes.filter(
      (job: Job) => job.state === "pending" && job.lastError?.code === "TRANSFER_INTERRUPTED",
    );
    expect(released.map((job) => job.remotePath).sort()).toEqual(["photo-3.jpg", "photo-4.jpg"]);
    expect(existsSync(path.join(cloud, "photo-2.jpg"))).toBe(false);
    await store.close();
  });
});
