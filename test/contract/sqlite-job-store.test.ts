import { SqliteJobStore } from "../../src/store/sqlite/sqlite-job-store.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { describeErrorSentencesContract } from "./error-sentences.contract.js";
import { describeJobStoreContract, type StoreFactory } from "./job-store.contract.js";

const sqlite: StoreFactory = {
  async create() {
    const dir = makeTempDir("junmai-store-");
    const store = await SqliteJobStore.open(dir);
    return { store, second: () => SqliteJobStore.open(dir) };
  },
};

describeJobStoreContract("SQLite", sqlite);
describeErrorSentencesContract("SQLite", sqlite);
