/**
 * A job's last error is stored with its sentences by key, so `status` (the queue, read here or
 * answered by the running daemon) and `status <job>` show it in the reader's language after a
 * round trip through either store; `--json` keeps the English text, with the key beside it.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { pgSchemas } from "../fixtures/pg-schemas.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const postgres = pgSchemas();
const MISSING = "/no/such/写真_桜.jpg";
const MESSAGE_JA = `SOURCE_MISSING: 元ファイル ${MISSING} がありません。`;
const HINT_JA = "ヒント: ファイルがそのパスにまだあるか確認してから";

/** A queue (SQLite, or PostgreSQL when `store` is given) with one job failed by a missing source. */
async function failedJob(options: { store?: object; language?: string; lang: string }) {
  const dir = makeTempDir("junmai-stored-words-");
  const config = path.join(dir, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      ...(options.language === undefined ? {} : { language: options.language }),
      destinations: [{ name: "nas", remote: "./nas" }],
      ...(options.store === undefined ? {} : { store: options.store }),
    }),
  );
  const env = isolatedEnv(path.join(dir, "data"), { LANG: options.lang, TZ: "Asia/Tokyo" });
  const cli = (args: readonly string[]) => runCli(["--config", config, ...args], { cwd: dir, env });
  const upload = await cli(["upload", MISSING, "--wait"]);
  expect(upload.code).toBe(1);
  return { dir, config, env, cli };
}

async function expectJapanese(cli: (args: readonly string[]) => ReturnType<typeof runCli>) {
  const queue = await cli(["status"]);
  expect(queue.code).toBe(0);
  expect(queue.stdout).toContain(MESSAGE_JA);
  expect(queue.stdout).toContain(HINT_JA);
  const one = await cli(["status", "1"]);
  expect(one.stdout).toContain(MESSAGE_JA);
  expect(one.stdout).toContain(HINT_JA);
  // Machine output stays English, with the sentence's key beside it for other readers.
  const json = JSON.parse((await cli(["status", "1", "--json"])).stdout);
  expect(json.lastError).toMatchObject({
    code: "SOURCE_MISSING",
    message: `The source file ${MISSING} does not exist.`,
    says: { key: "stored.sourceMissing", params: { path: MISSING } },
    hintSays: { key: "errors.SOURCE_MISSING.hint" },
  });
}

describe("a stored error in the reader's language", () => {
  it("SQLite, LANG=ja_JP.UTF-8: status and status <job>, read here and from the running daemon", async () => {
    const { dir, config, env, cli } = await failedJob({ lang: "ja_JP.UTF-8" });
    await expectJapanese(cli);
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /ダッシュボード (http:\/\/127\.0\.0\.1:\d+)\//,
      { cwd: dir, env },
    );
    try {
      // Now `status` is answered by the daemon over its API: the key travels with the error.
      const response = await fetch(`${daemon.match[1]}/api/v1/status/report`);
      const report = (await response.json()) as { failed: { lastError: unknown }[] };
      expect(report.failed[0]?.lastError).toMatchObject({
        message: `The source file ${MISSING} does not exist.`,
        says: { key: "stored.sourceMissing", params: { path: MISSING } },
      });
      const queue = await cli(["status"]);
      expect(queue.stdout).toContain(MESSAGE_JA);
      expect(queue.stdout).toContain(HINT_JA);
    } finally {
      await stopProcess(daemon.child);
    }
  });

  it.runIf(postgres.url !== undefined)(
    "PostgreSQL, the config's language: status and status <job>",
    async () => {
      const { cli } = await failedJob({
        lang: "C.UTF-8",
        language: "ja",
        store: { type: "postgres", url: postgres.url, schema: postgres.fresh() },
      });
      await expectJapanese(cli);
    },
  );
});
