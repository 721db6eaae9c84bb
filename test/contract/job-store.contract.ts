/**
 * The JobStore contract: every adapter runs this same suite (SQLite now; PostgreSQL joins by
 * calling `describeJobStoreContract` with its own factory).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { SyncError } from "../../src/domain/errors.js";
import { JOB_STATES, type Job } from "../../src/domain/job.js";
import type { JobStore, NewJob } from "../../src/store/job-store.js";

export interface StoreFactory {
  /** A fresh, empty store (own file / schema); `second` opens another handle on the same data. */
  create(): Promise<{ store: JobStore; second: () => Promise<JobStore> }>;
}

const T0 = 1_700_000_000_000;
const LEASE = 30_000;

function newJob(index: number, overrides: Partial<NewJob> = {}): NewJob {
  return {
    destination: "local",
    sourcePath: `/photos/${index}.jpg`,
    remotePath: `photos/${index}.jpg`,
    sizeBytes: 1000 + index,
    maxRetries: 3,
    ...overrides,
  };
}

function error(code: "REMOTE_UNREACHABLE" | "AUTH_FAILED") {
  return new SyncError(code, "test").toInfo();
}

export function describeJobStoreContract(name: string, factory: StoreFactory): void {
  describe(`JobStore contract: ${name}`, () => {
    let store: JobStore;
    let second: () => Promise<JobStore>;

    beforeEach(async () => {
      ({ store, second } = await factory.create());
      return async () => {
        await store.close();
      };
    });

    it("enqueues a batch of pending jobs in order and counts them", async () => {
      const { batch, jobIds } = await store.enqueue(
        { batchName: "wedding", jobs: [newJob(1), newJob(2), newJob(3)] },
        T0,
      );
      expect(batch).toMatchObject({ name: "wedding", jobCount: 3, createdAt: T0 });
      expect(jobIds).toHaveLength(3);
      expect([...jobIds].sort((a, b) => a - b)).toEqual(jobIds);
      const counts = await store.counts();
      expect(counts.pending).toBe(3);
      const job = await store.getJob(jobIds[0] as number);
      expect(job).toMatchObject({
        state: "pending",
        attempts: 0,
        batchId: batch.id,
        remotePath: "photos/1.jpg",
        sizeBytes: 1001,
      });
    });

    it("keeps Unicode paths exactly", async () => {
      const { jobIds } = await store.enqueue(
        { jobs: [newJob(1, { sourcePath: "C:\\写真\\桜 #1%.jpg", remotePath: "写真/桜 #1%.jpg" })] },
        T0,
      );
      expect(await store.getJob(jobIds[0] as number)).toMatchObject({
        sourcePath: "C:\\写真\\桜 #1%.jpg",
        remotePath: "写真/桜 #1%.jpg",
      });
    });

    it("claims FIFO per destination, up to the limit, under a lease", async () => {
      await store.enqueue(
        { jobs: [newJob(1), newJob(2, { destination: "other" }), newJob(3), newJob(4)] },
        T0,
      );
      const claimed = await store.claim({ owner: "a", destination: "local", limit: 2, leaseMs: LEASE }, T0);
      expect(claimed.map((job) => job.remotePath)).toEqual(["photos/1.jpg", "photos/3.jpg"]);
      for (const job of claimed) {
        expect(job).toMatchObject({
          state: "uploading",
          attempts: 1,
          leaseOwner: "a",
          leaseExpiresAt: T0 + LEASE,
        });
      }
      const counts = await store.counts();
      expect(counts).toMatchObject({ pending: 2, uploading: 2 });
    });

    it("holds a destination's concurrency across every worker sharing the queue", async () => {
      await store.enqueue({ jobs: Array.from({ length: 6 }, (_, index) => newJob(index)) }, T0);
      const other = await second();
      try {
        const claim = (target: JobStore, owner: string, limit: number) =>
          target.claim({ owner, destination: "local", limit, destinationLimit: 3, leaseMs: LEASE }, T0);
        const first = await claim(store, "a", 2);
        const next = await claim(other, "b", 3);
        expect([first.length, next.length]).toEqual([2, 1]);
        expect(await claim(store, "c", 3)).toEqual([]);
        await store.apply((first[0] as Job).id, { type: "cancel" }, T0);
        expect(await claim(other, "b", 3)).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it("a job whose bytes have arrived (verifying) no longer holds one of the destination's slots", async () => {
      await store.enqueue({ jobs: Array.from({ length: 4 }, (_, index) => newJob(index)) }, T0);
      const claim = () =>
        store.claim({ owner: "a", destination: "local", limit: 2, destinationLimit: 2, leaseMs: LEASE }, T0);
      const first = await claim();
      expect(first).toHaveLength(2);
      expect(await claim()).toEqual([]);
      await store.apply((first[0] as Job).id, { type: "transferred", sizeBytes: 1000 }, T0, { owner: "a" });
      const next = await claim();
      expect(next.map((job) => job.remotePath)).toEqual(["photos/2.jpg"]);
      expect(await store.counts()).toMatchObject({ uploading: 2, verifying: 1, pending: 1 });
    });

    it("claims a group only while no other worker has one of the destination's jobs active", async () => {
      await store.enqueue({ jobs: Array.from({ length: 8 }, (_, index) => newJob(index)) }, T0);
      const other = await second();
      try {
        const group = (target: JobStore, owner: string) =>
          target.claim(
            { owner, destination: "local", limit: 5, destinationLimit: 2, exclusive: true, leaseMs: LEASE },
            T0,
          );
        const first = await group(store, "a");
        expect(first.map((job) => job.remotePath)).toEqual([0, 1, 2, 3, 4].map((n) => `photos/${n}.jpg`));
        expect(await group(other, "b")).toEqual([]);
        // The same worker may claim its next group while its first finishes (moves, records).
        const next = await group(store, "a");
        expect(next.map((job) => job.remotePath)).toEqual(["photos/5.jpg", "photos/6.jpg", "photos/7.jpg"]);
        await store.applyEach(
          next.map((job) => ({
            id: job.id,
            event: { type: "released" as const, reason: error("REMOTE_UNREACHABLE") },
          })),
          T0 + 1,
          { owner: "a" },
        );
        // A one-job claim respects the destination's limit as ever: five active leave no room.
        expect(
          await other.claim(
            { owner: "b", destination: "local", limit: 1, destinationLimit: 2, leaseMs: LEASE },
            T0,
          ),
        ).toEqual([]);
        await store.applyEach(
          first.map((job) => ({
            id: job.id,
            event: { type: "released" as const, reason: error("REMOTE_UNREACHABLE") },
          })),
          T0 + 1,
          { owner: "a" },
        );
        expect(await group(other, "b")).toHaveLength(5);
      } finally {
        await other.close();
      }
    });

    it("applies a group's events in one call, each job refused or taken on its own", async () => {
      const { jobIds } = await store.enqueue({ jobs: [newJob(1), newJob(2), newJob(3)] }, T0);
      const claimed = await store.claim({ owner: "a", destination: "local", limit: 2, leaseMs: LEASE }, T0);
      const [one, two] = claimed.map((job) => job.id) as [number, number];
      const results = await store.applyEach(
        [
          { id: one, event: { type: "transferred", sizeBytes: 1001 } },
          // Not claimed: a refusal in its place, and the others still change.
          { id: jobIds[2] as number, event: { type: "transferred", sizeBytes: 1003 } },
          { id: two, event: { type: "transferred", sizeBytes: 1002 } },
          { id: 9_999_999, event: { type: "cancel" } },
        ],
        T0 + 1,
        { owner: "a" },
      );
      expect(results.map((result) => (result instanceof SyncError ? result.code : result.state))).toEqual([
        "verifying",
        "LEASE_LOST",
        "verifying",
        "JOB_NOT_FOUND",
      ]);
      expect((await store.getJob(jobIds[2] as number))?.state).toBe("pending");
      const done = await store.applyEach(
        [one, two].map((id) => ({
          id,
          event: {
            type: "verified" as const,
            sizeBytes: 1000 + id,
            hashType: "md5",
            hash: `h${id}`,
            remoteModTime: null,
          },
        })),
        T0 + 2,
        { owner: "a" },
      );
      expect(done.map((job) => (job instanceof SyncError ? job.code : job.state))).toEqual([
        "completed",
        "completed",
      ]);
      expect(await store.findDelivery("local", "photos/2.jpg")).toMatchObject({ hash: `h${two}` });
      expect(await store.applyEach([], T0 + 3)).toEqual([]);
    });

    it("claims only the given batch when asked", async () => {
      await store.enqueue({ jobs: [newJob(1)] }, T0);
      const { batch } = await store.enqueue({ jobs: [newJob(2)] }, T0);
      const claimed = await store.claim(
        { owner: "a", destination: "local", limit: 5, leaseMs: LEASE, batchId: batch.id },
        T0,
      );
      expect(claimed.map((job) => job.remotePath)).toEqual(["photos/2.jpg"]);
    });

    it("never hands one job to two owners, even from two connections at once", async () => {
      await store.enqueue({ jobs: Array.from({ length: 40 }, (_, index) => newJob(index)) }, T0);
      const other = await second();
      try {
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            (index % 2 === 0 ? store : other).claim(
              { owner: `w${index}`, destination: "local", limit: 5, leaseMs: LEASE },
              T0,
            ),
          ),
        );
        const ids = claims.flat().map((job) => job.id);
        expect(ids).toHaveLength(40);
        expect(new Set(ids).size).toBe(40);
      } finally {
        await other.close();
      }
    });

    it("applies events only for the lease owner", async () => {
      await store.enqueue({ jobs: [newJob(1)] }, T0);
      const [job] = await store.claim({ owner: "a", destination: "local", limit: 1, leaseMs: LEASE }, T0);
      const id = (job as Job).id;
      await expect(
        store.apply(id, { type: "transferred", sizeBytes: 1001 }, T0 + 1, { owner: "b" }),
      ).rejects.toMatchObject({
        code: "LEASE_LOST",
      });
      const next = await store.apply(id, { type: "transferred", sizeBytes: 1001 }, T0 + 1, { owner: "a" });
      expect(next.state).toBe("verifying");
    });

    it("rejects illegal events with a typed error and changes nothing", async () => {
      const { jobIds } = await store.enqueue({ jobs: [newJob(1)] }, T0);
      const id = jobIds[0] as number;
      await expect(
        store.apply(id, { type: "verified", sizeBytes: 1, hashType: null, hash: null }, T0),
      ).rejects.toMatchObject({
        code: "ILLEGAL_TRANSITION",
      });
      await expect(store.apply(9_999_999, { type: "cancel" }, T0)).rejects.toMatchObject({
        code: "JOB_NOT_FOUND",
      });
      expect((await store.getJob(id))?.state).toBe("pending");
    });

    it("does not claim a retrying job before its next attempt time", async () => {
      await store.enqueue({ jobs: [newJob(1)] }, T0);
      const [job] = await store.claim({ owner: "a", destination: "local", limit: 1, leaseMs: LEASE }, T0);
      const id = (job as Job).id;
      const retrying = await store.apply(
        id,
        { type: "transferFailed", error: error("REMOTE_UNREACHABLE"), retryDelayMs: 2_000 },
        T0,
        { owner: "a" },
      );
      expect(retrying).toMatchObject({ state: "retrying", nextAttemptAt: T0 + 2_000, leaseOwner: null });
      expect(
        await store.claim({ owner: "b", destination: "local", limit: 1, leaseMs: LEASE }, T0 + 1_999),
      ).toEqual([]);
      const [again] = await store.claim(
        { owner: "b", destination: "local", limit: 1, leaseMs: LEASE },
        T0 + 2_000,
      );
      expect(again).toMatchObject({ id, attempts: 2, state: "uploading" });
    });

    it("renews the leases an owner holds and reports which it still holds", async () => {
      await store.enqueue({ jobs: [newJob(1), newJob(2), newJob(3)] }, T0);
      const claimed = await store.claim({ owner: "a", destination: "local", limit: 3, leaseMs: LEASE }, T0);
      const [first, secondJob, orphan] = claimed as [Job, Job, Job];
      await store.apply(first.id, { type: "cancel" }, T0 + 1);
      const held = await store.renewLeases("a", [first.id, secondJob.id], T0 + 90_000, T0 + 2);
      expect([...held]).toEqual([secondJob.id]);
      expect((await store.getJob(secondJob.id))?.leaseExpiresAt).toBe(T0 + 90_000);
      // A job the owner does not say it runs (its claim's answer was lost) keeps its old lease, so it expires.
      expect((await store.getJob(orphan.id))?.leaseExpiresAt).toBe(T0 + LEASE);
      expect(await store.renewLeases("a", [], T0 + 90_000, T0 + 3)).toEqual(new Set());
    });

    it("recovers expired leases and dead owners without spending the attempt", async () => {
      await store.enqueue({ jobs: [newJob(1), newJob(2), newJob(3)] }, T0);
      await store.claim({ owner: "expired", destination: "local", limit: 1, leaseMs: 1_000 }, T0);
      await store.claim({ owner: "dead", destination: "local", limit: 1, leaseMs: LEASE }, T0);
      await store.claim({ owner: "alive", destination: "local", limit: 1, leaseMs: LEASE }, T0);
      expect((await store.leaseOwners()).sort()).toEqual(["alive", "dead", "expired"]);
      const recovered = await store.recoverLeases(T0 + 5_000, ["dead"]);
      expect(recovered.map((job) => job.remotePath).sort()).toEqual(["photos/1.jpg", "photos/2.jpg"]);
      for (const job of recovered)
        expect(job).toMatchObject({ state: "pending", attempts: 0, leaseOwner: null });
      expect((await store.counts()).uploading).toBe(1);
    });

    it("retries every failed job at once with a fresh budget", async () => {
      await store.enqueue({ jobs: [newJob(1), newJob(2), newJob(3)] }, T0);
      const claimed = await store.claim({ owner: "a", destination: "local", limit: 2, leaseMs: LEASE }, T0);
      for (const job of claimed) {
        await store.apply(
          job.id,
          { type: "transferFailed", error: error("AUTH_FAILED"), retryDelayMs: 0 },
          T0,
          { owner: "a" },
        );
      }
      expect((await store.counts()).failed).toBe(2);
      expect(await store.applyToAll({ states: ["failed"] }, { type: "retryNow" }, T0 + 1)).toBe(2);
      const counts = await store.counts();
      expect(counts).toMatchObject({ failed: 0, pending: 3 });
      for (const job of claimed)
        expect(await store.getJob(job.id)).toMatchObject({ attempts: 0, state: "pending" });
    });

    it("keeps counts exact through every kind of change", async () => {
      await store.enqueue({ jobs: Array.from({ length: 12 }, (_, index) => newJob(index)) }, T0);
      const claimed = await store.claim({ owner: "a", destination: "local", limit: 8, leaseMs: LEASE }, T0);
      const [a, b, c, d, e] = claimed as [Job, Job, Job, Job, Job];
      await store.apply(a.id, { type: "transferred", sizeBytes: 1 }, T0, { owner: "a" });
      await store.apply(a.id, { type: "verified", sizeBytes: 1, hashType: "md5", hash: "x" }, T0, {
        owner: "a",
      });
      await store.apply(b.id, { type: "skippedIdentical", sizeBytes: 1, hashType: null, hash: null }, T0, {
        owner: "a",
      });
      await store.apply(c.id, { type: "transferFailed", error: error("AUTH_FAILED"), retryDelayMs: 0 }, T0, {
        owner: "a",
      });
      await store.apply(d.id, { type: "cancel" }, T0);
      await store.apply(
        e.id,
        { type: "transferFailed", error: error("REMOTE_UNREACHABLE"), retryDelayMs: 10 },
        T0,
        {
          owner: "a",
        },
      );
      const [f] = claimed.slice(5) as [Job];
      await store.apply(f.id, { type: "progress", bytesDone: 600, sizeBytes: 1_500 }, T0, { owner: "a" });
      const counts = await store.counts();
      const jobs = await store.listJobs({ limit: 1000 });
      for (const state of JOB_STATES) {
        expect(counts[state], state).toBe(jobs.filter((job) => job.state === state).length);
      }
      // The batch's summary, kept apart from the jobs, agrees with them to the byte.
      const summary = await store.getBatch(a.batchId);
      for (const state of JOB_STATES) {
        expect(summary?.counts[state], state).toBe(jobs.filter((job) => job.state === state).length);
      }
      expect(summary?.bytesDone).toBe(jobs.reduce((sum, job) => sum + job.bytesDone, 0));
      expect(summary?.bytesTotal).toBe(jobs.reduce((sum, job) => sum + (job.sizeBytes ?? 0), 0));
      expect(counts).toMatchObject({
        completed: 1,
        skipped: 1,
        failed: 1,
        cancelled: 1,
        retrying: 1,
        uploading: 3,
        pending: 4,
      });
    });

    it("summarises a batch and knows when it is finished", async () => {
      const { batch, jobIds } = await store.enqueue({ jobs: [newJob(1), newJob(2)] }, T0);
      expect(await store.isBatchFinished(batch.id)).toBe(false);
      for (const id of jobIds) await store.apply(id, { type: "cancel" }, T0);
      expect(await store.isBatchFinished(batch.id)).toBe(true);
      const summary = await store.getBatch(batch.id);
      expect(summary).toMatchObject({ status: "cancelled", bytesTotal: 1001 + 1002 });
      expect(summary?.counts.cancelled).toBe(2);
      expect((await store.listBatches(10)).map((s) => s.batch.id)).toContain(batch.id);
      expect(await store.getBatch(9_999_999)).toBeUndefined();
    });

    it("pages through jobs by id and filters by state, batch and destination", async () => {
      const { batch } = await store.enqueue(
        { jobs: Array.from({ length: 25 }, (_, index) => newJob(index)) },
        T0,
      );
      await store.enqueue({ jobs: [newJob(99, { destination: "other" })] }, T0);
      const first = await store.listJobs({ batchId: batch.id, limit: 10 });
      const next = await store.listJobs({ batchId: batch.id, limit: 10, afterId: first.at(-1)?.id });
      expect(first).toHaveLength(10);
      expect(next[0]?.id).toBeGreaterThan(first.at(-1)?.id ?? 0);
      expect(await store.listJobs({ destination: "other" })).toHaveLength(1);
      expect(await store.listJobs({ states: ["failed"] })).toHaveLength(0);
    });

    it("registers, refreshes and removes workers", async () => {
      const worker = {
        owner: "h:1:a",
        host: "h",
        pid: 1,
        kind: "daemon" as const,
        startedAt: T0,
        heartbeatAt: T0,
      };
      await store.upsertWorker(worker);
      await store.upsertWorker({ ...worker, heartbeatAt: T0 + 5 });
      expect(await store.listWorkers()).toEqual([{ ...worker, heartbeatAt: T0 + 5 }]);
      await store.removeWorker(worker.owner);
      expect(await store.listWorkers()).toEqual([]);
    });

    it("records each delivery in the ledger with the job's final state, and nothing else", async () => {
      await store.enqueue(
        {
          jobs: [
            newJob(1, { remotePath: "写真/桜.jpg", sizeBytes: null }),
            newJob(2),
            newJob(3, { sourcePath: "/photos/1.jpg", remotePath: "other/1.jpg" }),
          ],
        },
        T0,
      );
      const [a, b, c] = (await store.claim(
        { owner: "a", destination: "local", limit: 3, leaseMs: LEASE },
        T0,
      )) as [Job, Job, Job];
      await store.apply(a.id, { type: "transferred", sizeBytes: 42 }, T0 + 1, { owner: "a" });
      const done = await store.apply(
        a.id,
        {
          type: "verified",
          sizeBytes: 42,
          hashType: "md5",
          hash: "abc",
          remotePath: "写真/桜 (1).jpg",
          remoteModTime: "2026-11-24T10:00:00.000Z",
        },
        T0 + 2,
        { owner: "a" },
      );
      expect(done).toMatchObject({ remotePath: "写真/桜 (1).jpg", sizeBytes: 42 });
      expect(await store.findDelivery("local", "写真/桜 (1).jpg")).toEqual({
        destination: "local",
        remotePath: "写真/桜 (1).jpg",
        sourcePath: "/photos/1.jpg",
        sizeBytes: 42,
        hashType: "md5",
        hash: "abc",
        remoteModTime: "2026-11-24T10:00:00.000Z",
        jobId: a.id,
        deliveredAt: T0 + 2,
      });
      expect(await store.findDelivery("local", "写真/桜.jpg")).toBeUndefined();
      expect(await store.findDelivery("other", "写真/桜 (1).jpg")).toBeUndefined();
      // A failure delivers nothing.
      await store.apply(b.id, { type: "transferFailed", error: error("AUTH_FAILED"), retryDelayMs: 0 }, T0, {
        owner: "a",
      });
      expect(await store.findDelivery("local", "photos/2.jpg")).toBeUndefined();
      // The same source, delivered again elsewhere, later: newest first.
      await store.apply(
        c.id,
        { type: "skippedIdentical", sizeBytes: 42, hashType: null, hash: null },
        T0 + 5,
        { owner: "a" },
      );
      const deliveries = await store.listDeliveries("/photos/1.jpg");
      expect(deliveries.map((delivery) => delivery.remotePath)).toEqual(["other/1.jpg", "写真/桜 (1).jpg"]);
      expect(deliveries[0]).toMatchObject({ hashType: null, hash: null, remoteModTime: null });
    });

    it("replaces a remote path's ledger row when it is delivered again (a re-export)", async () => {
      await store.enqueue({ jobs: [newJob(1), newJob(1)] }, T0);
      const jobs = (await store.claim(
        { owner: "a", destination: "local", limit: 2, leaseMs: LEASE },
        T0,
      )) as Job[];
      for (const [index, job] of jobs.entries()) {
        await store.apply(job.id, { type: "transferred", sizeBytes: 10 + index }, T0, { owner: "a" });
        await store.apply(
          job.id,
          { type: "verified", sizeBytes: 10 + index, hashType: "md5", hash: `h${index}` },
          T0 + index,
          { owner: "a" },
        );
      }
      expect(await store.findDelivery("local", "photos/1.jpg")).toMatchObject({
        sizeBytes: 11,
        hash: "h1",
        jobId: jobs[1]?.id,
      });
      expect(await store.listDeliveries("/photos/1.jpg")).toHaveLength(1);
    });

    it("joins an open batch by key until its quiet period passes, then opens a new one", async () => {
      const open = { key: "watch:/export", quietMs: 1000 };
      const first = await store.enqueue({ batchName: "export 1", openBatch: open, jobs: [newJob(1)] }, T0);
      expect(first.batch).toMatchObject({ name: "export 1", jobCount: 1, openUntil: T0 + 1000 });
      const joined = await store.enqueue(
        { batchName: "ignored", openBatch: open, jobs: [newJob(2), newJob(3)] },
        T0 + 900,
      );
      expect(joined.batch).toMatchObject({
        id: first.batch.id,
        name: "export 1",
        jobCount: 3,
        openUntil: T0 + 1900,
      });
      const other = await store.enqueue(
        { openBatch: { key: "watch:/other", quietMs: 1000 }, jobs: [newJob(4)] },
        T0 + 900,
      );
      expect(other.batch.id).not.toBe(first.batch.id);
      const later = await store.enqueue(
        { batchName: "export 2", openBatch: open, jobs: [newJob(5)] },
        T0 + 1900,
      );
      expect(later.batch.id).not.toBe(first.batch.id);
      expect((await store.getBatch(first.batch.id))?.counts.pending).toBe(3);
      const plain = await store.enqueue({ jobs: [newJob(6)] }, T0);
      expect(plain.batch.openUntil).toBeNull();
      expect(await store.findOpenBatch("watch:/export", T0 + 1900)).toMatchObject({
        id: later.batch.id,
        name: "export 2",
      });
      expect(await store.findOpenBatch("watch:/export", T0 + 1900 + 1000)).toBeUndefined();
    });

    it("announces a batch once, and only after it closed with nothing left to move", async () => {
      const { batch, jobIds } = await store.enqueue(
        { openBatch: { key: "k", quietMs: 1000 }, jobs: [newJob(1)] },
        T0,
      );
      const [job] = (await store.claim(
        { owner: "a", destination: "local", limit: 1, leaseMs: LEASE },
        T0,
      )) as [Job];
      expect(await store.batchesDueForAnnouncement(T0 + 5000, 10)).toEqual([]);
      await store.apply(job.id, { type: "transferred", sizeBytes: 1 }, T0 + 1, { owner: "a" });
      await store.apply(
        job.id,
        {
          type: "verified",
          sizeBytes: 1,
          hashType: null,
          hash: null,
          remotePath: "photos/1.jpg",
          remoteModTime: null,
        },
        T0 + 2,
        { owner: "a" },
      );
      expect(jobIds).toEqual([job.id]);
      expect(await store.batchesDueForAnnouncement(T0 + 999, 10)).toEqual([]);
      expect(await store.batchesDueForAnnouncement(T0 + 1000, 10)).toEqual([batch.id]);
      const other = await second();
      const claims = await Promise.all([
        store.announceBatch(batch.id, T0 + 1000),
        other.announceBatch(batch.id, T0 + 1000),
      ]);
      await other.close();
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.batchesDueForAnnouncement(T0 + 2000, 10)).toEqual([]);
    });

    it("hands an announced batch's notification to one sender at a time, until it is marked sent", async () => {
      const { batch } = await store.enqueue({ jobs: [newJob(1)] }, T0);
      expect(await store.claimNotification(batch.id, T0, T0 + 600_000)).toBe(false);
      expect(await store.announceBatch(batch.id, T0 + 100)).toBe(true);
      expect(await store.batchesAwaitingNotification(T0 + 100, T0, 10)).toEqual([batch.id]);
      // Only batches announced since a time: a long-closed backlog is not sent late.
      expect(await store.batchesAwaitingNotification(T0 + 100, T0 + 101, 10)).toEqual([]);
      const other = await second();
      const claims = await Promise.all([
        store.claimNotification(batch.id, T0 + 200, T0 + 10_000),
        other.claimNotification(batch.id, T0 + 200, T0 + 10_000),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.batchesAwaitingNotification(T0 + 5_000, T0, 10)).toEqual([]);
      // The sender died: after its claim runs out, another may send it.
      expect(await store.batchesAwaitingNotification(T0 + 10_001, T0, 10)).toEqual([batch.id]);
      expect(await other.claimNotification(batch.id, T0 + 10_001, T0 + 20_000)).toBe(true);
      await other.markNotified(batch.id, T0 + 10_500);
      await other.close();
      expect(await store.batchesAwaitingNotification(T0 + 30_000, T0, 10)).toEqual([]);
      expect(await store.claimNotification(batch.id, T0 + 30_000, T0 + 40_000)).toBe(false);
    });

    it("knows which files it queued (path, size, time) and which remote paths it delivered", async () => {
      await store.enqueue(
        {
          jobs: [
            newJob(1, {
              sourcePath: "/export/写真_桜.jpg",
              remotePath: "2024/写真_桜.jpg",
              sizeBytes: 10,
              sourceModTimeMs: 5000,
            }),
            newJob(2, {
              sourcePath: "/export/b.jpg",
              remotePath: "2024/b.jpg",
              sizeBytes: 20,
              sourceModTimeMs: 6000,
            }),
          ],
        },
        T0,
      );
      const file = (path: string, sizeBytes: number, modTimeMs: number) => ({ path, sizeBytes, modTimeMs });
      const queued = await store.queuedSources("local", [
        file("/export/写真_桜.jpg", 10, 5000),
        file("/export/b.jpg", 20, 6001), // re-exported since
        file("/export/c.jpg", 1, 1),
      ]);
      expect([...queued]).toEqual(["/export/写真_桜.jpg"]);
      expect((await store.queuedSources("nas", [file("/export/写真_桜.jpg", 10, 5000)])).size).toBe(0);
      // Only what was delivered counts for a file moved to the same remote path.
      expect((await store.deliveredRemotePaths("local", [file("2024/写真_桜.jpg", 10, 5000)])).size).toBe(0);
      const [job] = (await store.claim(
        { owner: "a", destination: "local", limit: 1, leaseMs: LEASE },
        T0,
      )) as [Job];
      await store.apply(
        job.id,
        { type: "skippedIdentical", sizeBytes: 10, hashType: null, hash: null },
        T0 + 1,
        {
          owner: "a",
        },
      );
      const delivered = await store.deliveredRemotePaths("local", [
        file("2024/写真_桜.jpg", 10, 5000),
        file("2024/b.jpg", 20, 6000),
      ]);
      expect([...delivered]).toEqual(["2024/写真_桜.jpg"]);
      const many = Array.from({ length: 1200 }, (_, index) => file(`/export/${index}.jpg`, 1, 1));
      expect((await store.queuedSources("local", many)).size).toBe(0);
    });

    it("claims higher priorities first and FIFO within one, without stopping what runs", async () => {
      await store.enqueue({ jobs: [newJob(1), newJob(2), newJob(3)] }, T0);
      const [running] = await store.claim({ owner: "a", destination: "local", limit: 1, leaseMs: LEASE }, T0);
      expect(running?.sourcePath).toBe("/photos/1.jpg");
      await store.enqueue({ jobs: [newJob(4, { priority: 10 }), newJob(5, { priority: 10 })] }, T0 + 1);
      await store.enqueue({ jobs: [newJob(6, { priority: -10 })] }, T0 + 2);
      const order = await store.claim(
        { owner: "a", destination: "local", limit: 10, leaseMs: LEASE },
        T0 + 3,
      );
      expect(order.map((job) => job.sourcePath)).toEqual([
        "/photos/4.jpg",
        "/photos/5.jpg",
        "/photos/2.jpg",
        "/photos/3.jpg",
        "/photos/6.jpg",
      ]);
      expect(order[0]?.priority).toBe(10);
      expect((await store.getJob(running?.id as number))?.state).toBe("uploading");
    });

    it("keeps pauses of one destination and of the whole queue until resumed", async () => {
      await store.setPaused("nas", true, T0);
      await store.setPaused("*", true, T0 + 1);
      await store.setPaused("nas", true, T0 + 2); // pausing twice keeps the first time
      const other = await second();
      expect(await other.listPauses()).toEqual([
        { scope: "*", since: T0 + 1 },
        { scope: "nas", since: T0 },
      ]);
      await other.setPaused("*", false, T0 + 3);
      await other.close();
      expect(await store.listPauses()).toEqual([{ scope: "nas", since: T0 }]);
    });

    it("keeps each worker's last report of its transfer rates, replaced whole, removed when empty", async () => {
      await store.reportTransferRates(
        "host-a",
        [
          {
            destination: "nas",
            transfers: 2,
            bytesPerSecond: 20 * 2 ** 20,
            limitBytesPerSecond: 20 * 2 ** 20,
          },
          { destination: "drive", transfers: 1, bytesPerSecond: 1_000.4, limitBytesPerSecond: null },
        ],
        T0,
      );
      const other = await second();
      await other.reportTransferRates(
        "host-b",
        [{ destination: "nas", transfers: 1, bytesPerSecond: 5, limitBytesPerSecond: 10 }],
        T0 + 1,
      );
      await store.reportTransferRates(
        "host-a",
        [{ destination: "nas", transfers: 1, bytesPerSecond: 7, limitBytesPerSecond: 8 }],
        T0 + 2,
      );
      expect(await store.listTransferRates()).toEqual([
        {
          owner: "host-a",
          destination: "nas",
          transfers: 1,
          bytesPerSecond: 7,
          limitBytesPerSecond: 8,
          updatedAt: T0 + 2,
        },
        {
          owner: "host-b",
          destination: "nas",
          transfers: 1,
          bytesPerSecond: 5,
          limitBytesPerSecond: 10,
          updatedAt: T0 + 1,
        },
      ]);
      await other.reportTransferRates("host-b", [], T0 + 3);
      await other.close();
      expect((await store.listTransferRates()).map((rate) => rate.owner)).toEqual(["host-a"]);
    });

    it("keeps live bandwidth limits, queued bytes per destination and share links", async () => {
      await store.setBandwidthOverride("*", 2 * 2 ** 20, T0);
      await store.setBandwidthOverride("nas", null, T0 + 1);
      await store.setBandwidthOverride("*", 3 * 2 ** 20, T0 + 2);
      expect(await store.listBandwidthOverrides()).toEqual([
        { scope: "*", bytesPerSecond: 3 * 2 ** 20, since: T0 + 2 },
        { scope: "nas", bytesPerSecond: null, since: T0 + 1 },
      ]);
      await store.setBandwidthOverride("nas", undefined, T0 + 3);
      expect((await store.listBandwidthOverrides()).map((limit) => limit.scope)).toEqual(["*"]);

      const { jobIds } = await store.enqueue(
        {
          jobs: [
            newJob(1, { sizeBytes: 100 }),
            newJob(2, { sizeBytes: 250 }),
            newJob(3, { destination: "nas", sizeBytes: 7 }),
          ],
        },
        T0,
      );
      expect(await store.queuedBytes("local")).toBe(350);
      expect(await store.queuedBytes("nas")).toBe(7);
      expect(await store.queuedBytes("elsewhere")).toBe(0);

      await store.setShareLink(jobIds[0] as number, "https://example.com/s/写真");
      expect(await store.getJob(jobIds[0] as number)).toMatchObject({
        shareLink: "https://example.com/s/写真",
      });
      expect(await store.getJob(jobIds[1] as number)).toMatchObject({ shareLink: null, priority: 0 });
    });

    it("sums the bytes each destination received since a time", async () => {
      await store.enqueue(
        {
          jobs: [
            newJob(1, { sizeBytes: 100 }),
            newJob(2, { sizeBytes: 200 }),
            newJob(3, { destination: "nas", sizeBytes: 400 }),
          ],
        },
        T0,
      );
      const jobs = await store.claim({ owner: "a", destination: "local", limit: 2, leaseMs: LEASE }, T0);
      for (const [index, job] of jobs.entries()) {
        await store.apply(job.id, { type: "transferred", sizeBytes: job.sizeBytes ?? 0 }, T0 + 10 * index, {
          owner: "a",
        });
        await store.apply(
          job.id,
          {
            type: "verified",
            sizeBytes: job.sizeBytes ?? 0,
            hashType: null,
            hash: null,
            remotePath: job.remotePath,
            remoteModTime: null,
          },
          T0 + 10 * index,
          { owner: "a" },
        );
      }
      expect(await store.uploadedBytesSince("local", T0)).toBe(300);
      expect(await store.uploadedBytesSince("local", T0 + 5)).toBe(200);
      expect(await store.uploadedBytesSince("nas", T0)).toBe(0);
    });

    it("keeps one health record per destination, last writer wins", async () => {
      const offline = {
        destination: "nas",
        condition: "offline" as const,
        reason: error("REMOTE_UNREACHABLE"),
        since: T0,
        until: T0 + 2000,
        concurrency: 3,
      };
      await store.setDestinationStatus(offline, T0);
      await store.setDestinationStatus(
        { ...offline, destination: "dropbox", condition: "online", reason: null, until: null },
        T0,
      );
      expect(await store.listDestinationStatus()).toEqual([
        {
          destination: "dropbox",
          condition: "online",
          reason: null,
          since: T0,
          until: null,
          concurrency: 3,
          updatedAt: T0,
        },
        { ...offline, updatedAt: T0 },
      ]);
      await store.setDestinationStatus({ ...offline, condition: "rate-limited", concurrency: 1 }, T0 + 9);
      const other = await second();
      expect((await other.listDestinationStatus())[1]).toMatchObject({
        condition: "rate-limited",
        concurrency: 1,
        updatedAt: T0 + 9,
      });
      await other.close();
    });

    it("keeps a resumable upload's record: state, parts by upload, transfer info, and the stale ones", async () => {
      const { jobIds } = await store.enqueue({ jobs: [newJob(1), newJob(2)] }, T0);
      const [first, second_] = jobIds as [number, number];
      const state = {
        jobId: first,
        transport: "s3" as const,
        destination: "local",
        remotePath: "photos/1.jpg",
        uploadId: "upload-A",
        partSizeBytes: 5 * 1024 * 1024,
        sourceSize: 40 * 1024 * 1024,
        sourceMtimeMs: T0,
        createdAt: T0,
      };
      expect(await store.getResumeState(first)).toBeUndefined();
      await store.beginResume(state);
      await store.recordPart(first, "upload-A", { partNumber: 2, etag: '"bb"', sizeBytes: 5 });
      await store.recordPart(first, "upload-A", { partNumber: 1, etag: '"aa"', sizeBytes: 5 });
      // Sent twice after a crash: the newest ETag wins, still one part.
      await store.recordPart(first, "upload-A", { partNumber: 2, etag: '"cc"', sizeBytes: 5 });
      expect(await store.getResumeState(first)).toEqual({
        ...state,
        parts: [
          { partNumber: 1, etag: '"aa"', sizeBytes: 5 },
          { partNumber: 2, etag: '"cc"', sizeBytes: 5 },
        ],
      });
      // A new upload replaces the old one and forgets its parts.
      await store.beginResume({ ...state, uploadId: "upload-B" });
      expect((await store.getResumeState(first))?.parts).toEqual([]);

      await store.setTransferInfo(first, "s3", 10);
      expect(await store.getJob(first)).toMatchObject({ transport: "s3", resumedFrom: 10, bytesDone: 10 });
      expect(await store.getJob(second_)).toMatchObject({ transport: null, resumedFrom: null });

      // Stale: its job cancelled, or begun before the expiry; a pending job's upload is kept.
      await store.beginResume({ ...state, jobId: second_, uploadId: "upload-C" });
      expect(await store.staleResumes(T0 - 1, 10)).toEqual([]);
      await store.apply(second_, { type: "cancel" }, T0);
      expect((await store.staleResumes(T0 - 1, 10)).map((stale) => stale.uploadId)).toEqual(["upload-C"]);
      expect((await store.staleResumes(T0 + 1, 10)).map((stale) => stale.uploadId)).toEqual([
        "upload-B",
        "upload-C",
      ]);
      await store.endResume(second_);
      expect(await store.getResumeState(second_)).toBeUndefined();
      expect(await store.getResumeState(first)).toBeDefined();
    });
  });
}
