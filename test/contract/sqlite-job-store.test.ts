import { SqliteJobStore } from "../../src/store/sqlite/sqlite-job-store.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { describeJobStoreContract } from "./job-store.contract.js";

describeJobStoreContract("SQLite", {
  async create() {
    const dir = makeTempDir("junmai-store-");
    const store = await SqliteJobStore.open(dir);
    return { store, second: () => SqliteJobStore.open(dir) };
  },
});
