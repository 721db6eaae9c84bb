/**
 * The JobStore contract on the real PostgreSQL (JUNMAI_SYNC_PG_URL; CI sets it). Each test gets
 * its own schema, dropped afterwards. Without the variable the suite is skipped locally — but
 * when it is set and the server is unreachable, the suite fails, as CI requires.
 */
import { describe } from "vitest";
import { PostgresJobStore } from "../../src/store/postgres/postgres-job-store.js";
import { pgSchemas } from "../fixtures/pg-schemas.js";
import { describeErrorSentencesContract } from "./error-sentences.contract.js";
import { describeJobStoreContract, type StoreFactory } from "./job-store.contract.js";

const postgres = pgSchemas();
const url = postgres.url;

describe.runIf(url !== undefined)("PostgreSQL", () => {
  const factory: StoreFactory = {
    async create() {
      const schema = postgres.fresh();
      const open = () => PostgresJobStore.open({ url: url as string, schema });
      return { store: await open(), second: open };
    },
  };
  describeJobStoreContract("PostgreSQL", factory);
  describeErrorSentencesContract("PostgreSQL", factory);
});
