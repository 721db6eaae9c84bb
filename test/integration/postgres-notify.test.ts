/**
 * Connection loss on PostgreSQL: LISTEN/NOTIFY subscribers keep listening, and queries cut off
 * mid-flight fail as STORE_UNAVAILABLE instead of taking the process down.
 */
import { describe, expect, it } from "vitest";
import { PostgresJobStore } from "../../src/store/postgres/postgres-job-store.js";
import { pgSchemas } from "../fixtures/pg-schemas.js";
import { startTcpProxy } from "../fixtures/tcp-proxy.js";
import { eventually } from "../fixtures/wait.js";

const postgres = pgSchemas();
const url = postgres.url;

/** A fresh schema, and the database reached through a proxy that can be cut. */
async function behindProxy() {
  const schema = postgres.fresh();
  const target = new URL(url as string);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(url as string);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  return { schema, proxy, viaProxy };
}

const job = { destination: "nas", sourcePath: "/x.jpg", remotePath: "x.jpg", sizeBytes: 1, maxRetries: 3 };

describe.runIf(url !== undefined)("PostgreSQL connection loss", () => {
  it("queries in flight when the connection drops are rejected as STORE_UNAVAILABLE; the store recovers", async () => {
    const { schema, proxy, viaProxy } = await behindProxy();
    const store = await PostgresJobStore.open({ url: viaProxy.toString(), schema });
    try {
      await store.enqueue({ jobs: Array.from({ length: 200 }, () => job) }, Date.now());
      // Every pooled connection busy, then the wire is cut under them. An unhandled 'error'
      // from a checked-out client would fail this test (and end a daemon).
      const inFlight = Array.from({ length: 20 }, () => store.listJobs({ limit: 200 }));
      await proxy.cut();
      const outcomes = await Promise.allSettled(inFlight);
      const failures = outcomes.filter((outcome) => outcome.status === "rejected");
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) expect(failure.reason).toMatchObject({ code: "STORE_UNAVAILABLE" });
      await proxy.restore();
      expect((await store.counts()).pending).toBe(200);
    } finally {
      await store.close();
      await proxy.close();
    }
  });

  it("tells a subscriber about jobs queued through another connection, also after a reconnect", async () => {
    const { schema, proxy, viaProxy } = await behindProxy();
    const listening = await PostgresJobStore.open({ url: viaProxy.toString(), schema });
    const writer = await PostgresJobStore.open({ url: url as string, schema });
    let heard = 0;
    const stop = await listening.subscribe(() => {
      heard += 1;
    });
    try {
      await writer.enqueue({ jobs: [job] }, Date.now());
      await eventually(() => (heard >= 1 ? true : undefined), 10_000);

      // The listener's connection drops; once it is back it says so (catching up) and hears new work.
      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await proxy.restore();
      const before = heard;
      await eventually(() => (heard > before ? true : undefined), 15_000);
      const afterReconnect = heard;
      await writer.enqueue({ jobs: [job] }, Date.now());
      await eventually(() => (heard > afterReconnect ? true : undefined), 10_000);
      expect(heard).toBeGreaterThanOrEqual(3);
    } finally {
      await stop();
      await listening.close();
      await writer.close();
      await proxy.close();
    }
  });
});
