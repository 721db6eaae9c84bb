/** LISTEN/NOTIFY: idle workers hear about new jobs at once, and keep listening across a connection loss. */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PostgresJobStore } from "../../src/store/postgres/postgres-job-store.js";
import { startTcpProxy } from "../fixtures/tcp-proxy.js";
import { eventually } from "../fixtures/wait.js";

const url = process.env.JUNMAI_SYNC_PG_URL;
const schemas: string[] = [];

afterAll(async () => {
  if (url === undefined || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

const job = { destination: "nas", sourcePath: "/x.jpg", remotePath: "x.jpg", sizeBytes: 1, maxRetries: 3 };

describe.runIf(url !== undefined)("PostgreSQL notifications", () => {
  it("tells a subscriber about jobs queued through another connection, also after a reconnect", async () => {
    const schema = `junmai_test_${randomBytes(6).toString("hex")}`;
    schemas.push(schema);
    const target = new URL(url as string);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(url as string);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
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
