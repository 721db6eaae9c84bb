/**
 * A group's record starts from the jobs as this store last committed them, not from a fresh
 * read: a job another handle changed since must still be refused (or written) exactly as a
 * fresh read would decide — on SQLite and, with JUNMAI_SYNC_PG_URL, on PostgreSQL.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { SyncError } from "../../src/domain/errors.js";
import type { Job } from "../../src/domain/job.js";
import type { JobStore } from "../../src/store/job-store.js";
import { PostgresJobStore } from "../../src/store/postgres/postgres-job-store.js";
import { SqliteJobStore } from "../../src/store/sqlite/sqlite-job-store.js";
import { pgSchemas } from "../fixtures/pg-schemas.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const T0 = 1_700_000_000_000;
const postgres = pgSchemas();
const url = postgres.url;

const adapters: Array<[string, () => () => Promise<JobStore>, boolean]> = [
  [
    "SQLite",
    () => {
      const dir = makeTempDir("junmai-remembered-");
      return () => SqliteJobStore.open(dir);
    },
    true,
  ],
  [
    "PostgreSQL",
    () => {
      const schema = postgres.fresh();
      return () => PostgresJobStore.open({ url: url as string, schema });
    },
    url !== undefined,
  ],
];

for (const [name, factory, enabled] of adapters) {
  describe.runIf(enabled)(`remembered jobs: ${name}`, () => {
    let store: JobStore;
    let other: JobStore;
    let claimed: Job[];

    beforeEach(async () => {
      const open = factory();
      store = await open();
      other = await open();
      const jobs = [1, 2, 3].map((n) => ({
        destination: "local",
        sourcePath: `/p/${n}.jpg`,
        remotePath: `p/${n}.jpg`,
        sizeBytes: n,
        maxRetries: 3,
      }));
      await store.enqueue({ jobs }, T0);
      claimed = await store.claim({ owner: "a", destination: "local", limit: 3, leaseMs: 30_000 }, T0);
      return async () => {
        await store.close();
        await other.close();
      };
    });

    it("refuses a job another handle cancelled or took over, and lets the new owner record it", async () => {
      const [cancelled, takenOver, third] = claimed as [Job, Job, Job];
      await other.apply(cancelled.id, { type: "cancel" }, T0 + 1);
      // a is declared dead: its two other jobs go back to pending and b claims them.
      await other.recoverLeases(T0 + 60_000, ["a"]);
      const again = await other.claim(
        { owner: "b", destination: "local", limit: 2, leaseMs: 30_000 },
        T0 + 60_001,
      );
      expect(again.map((job) => job.id).sort()).toEqual([takenOver.id, third.id].sort());
      const results = await store.applyEach(
        [cancelled, takenOver].map((job) => ({
          id: job.id,
          event: { type: "transferred" as const, sizeBytes: 1 },
        })),
        T0 + 60_002,
        { owner: "a" },
      );
      expect(results.map((result) => (result instanceof SyncError ? result.code : result.state))).toEqual([
        "LEASE_LOST",
        "LEASE_LOST",
      ]);
      expect((await other.getJob(cancelled.id))?.state).toBe("cancelled");
      expect(await other.getJob(takenOver.id)).toMatchObject({ state: "uploading", leaseOwner: "b" });
      // b's own record is written, whatever `store` remembered of the job.
      const done = await other.applyEach(
        [{ id: takenOver.id, event: { type: "transferred", sizeBytes: 2 } }],
        T0 + 60_003,
        { owner: "b" },
      );
      expect(done.map((job) => (job instanceof SyncError ? job.code : job.state))).toEqual(["verifying"]);
    });

    it("writes a job whose row changed but can still take the event, from a fresh read", async () => {
      const [job] = claimed as [Job];
      // Another handle renews a's lease: the row's updated_at moves, what `store` remembers does not.
      expect([...(await other.renewLeases("a", [job.id], T0 + 90_000, T0 + 5))]).toEqual([job.id]);
      const [result] = await store.applyEach(
        [
          { id: job.id, event: { type: "transferred", sizeBytes: 1 } },
          {
            id: job.id,
            event: { type: "verified", sizeBytes: 1, hashType: null, hash: null, remoteModTime: null },
          },
        ],
        T0 + 6,
        { owner: "a" },
      );
      expect(result).toMatchObject({ state: "verifying" });
      expect(await other.getJob(job.id)).toMatchObject({ state: "completed", leaseOwner: null });
      expect(await other.findDelivery("local", job.remotePath)).toMatchObject({ jobId: job.id });
      expect((await other.counts()).completed).toBe(1);
    });
  });
}
