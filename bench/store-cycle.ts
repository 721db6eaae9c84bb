/**
 * The store's own cost per job on the hot path: 10 000 jobs enqueued, then claimed in groups of
 * 256 (BENCH_GROUP; a group transfer's most, engine.groupFiles) and recorded as each group is (transferred + verified,
 * with the ledger row, in one `applyEach`). CPU seconds of this process and wall time, for
 * SQLite and — with JUNMAI_SYNC_PG_URL — PostgreSQL (its server's CPU is not counted).
 *
 *   npx tsx bench/store-cycle.ts [jobs]
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { JobChange, JobStore } from "../src/store/job-store.js";
import { PostgresJobStore } from "../src/store/postgres/postgres-job-store.js";
import { SqliteJobStore } from "../src/store/sqlite/sqlite-job-store.js";

const JOBS = Number(process.argv[2] ?? 10_000);
const GROUP = Number(process.env.BENCH_GROUP ?? 256);

interface Cycle {
  readonly enqueue: { cpu: number; wall: number };
  readonly cycle: { cpu: number; wall: number };
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function measure(store: JobStore): Promise<Cycle> {
  const jobs = Array.from({ length: JOBS }, (_, index) => ({
    destination: "local",
    sourcePath: `/export/${index}.jpg`,
    remotePath: `photos/${index}.jpg`,
    sizeBytes: 20_000,
    maxRetries: 3,
  }));
  let cpu = cpuSeconds();
  let wall = performance.now();
  const { batch } = await store.enqueue({ batchName: "bench", jobs }, Date.now());
  const enqueue = { cpu: cpuSeconds() - cpu, wall: (performance.now() - wall) / 1000 };
  cpu = cpuSeconds();
  wall = performance.now();
  let done = 0;
  for (;;) {
    const now = Date.now();
    const claimed = await store.claim(
      {
        owner: "bench",
        destination: "local",
        limit: GROUP,
        destinationLimit: 4,
        exclusive: true,
        leaseMs: 60_000,
        batchId: batch.id,
      },
      now,
    );
    if (claimed.length === 0) break;
    const changes: JobChange[] = [];
    for (const job of claimed) {
      changes.push({ id: job.id, event: { type: "transferred", sizeBytes: 20_000 } });
      changes.push({
        id: job.id,
        event: { type: "verified", sizeBytes: 20_000, hashType: "md5", hash: "0f", remoteModTime: null },
      });
    }
    const results = await store.applyEach(changes, now + 1, { owner: "bench" });
    done += results.filter((result) => !(result instanceof Error) && result.state === "completed").length;
  }
  const cycle = { cpu: cpuSeconds() - cpu, wall: (performance.now() - wall) / 1000 };
  if (done !== JOBS || (await store.counts()).completed !== JOBS) throw new Error(`only ${done} completed`);
  return { enqueue, cycle };
}

function line(name: string, result: Cycle): string {
  const f = (n: number) => n.toFixed(2);
  return `${name.padEnd(10)} enqueue ${JOBS}: ${f(result.enqueue.cpu)} CPU-s (${f(result.enqueue.wall)} s) · claim → transferred → verified in groups of ${GROUP}: ${f(result.cycle.cpu)} CPU-s (${f(result.cycle.wall)} s)`;
}

const dir = mkdtempSync(path.join(os.tmpdir(), "junmai-store-cycle-"));
try {
  const sqlite = await SqliteJobStore.open(dir);
  console.log(line("SQLite", await measure(sqlite)));
  await sqlite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const url = process.env.JUNMAI_SYNC_PG_URL;
if (url !== undefined) {
  const schema = `junmai_bench_${randomBytes(6).toString("hex")}`;
  try {
    const store = await PostgresJobStore.open({ url, schema });
    console.log(line("PostgreSQL", await measure(store)));
    await store.close();
  } finally {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}
console.log(
  `load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")}`,
);
