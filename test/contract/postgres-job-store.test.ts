/**
 * The JobStore contract on the real PostgreSQL (JUNMAI_SYNC_PG_URL; CI sets it). Each test gets
 * its own schema, dropped afterwards. Without the variable the suite is skipped locally — but
 * when it is set and the server is unreachable, the suite fails, as CI requires.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe } from "vitest";
import { PostgresJobStore } from "../../src/store/postgres/postgres-job-store.js";
import { describeJobStoreContract } from "./job-store.contract.js";

const url = process.env.JUNMAI_SYNC_PG_URL;
const schemas: string[] = [];

afterAll(async () => {
  if (url === undefined || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe.runIf(url !== undefined)("PostgreSQL", () => {
  describeJobStoreContract("PostgreSQL", {
    async create() {
      const schema = `junmai_test_${randomBytes(6).toString("hex")}`;
      schemas.push(schema);
      const open = () => PostgresJobStore.open({ url: url as string, schema });
      return { store: await open(), second: open };
    },
  });
});
