/**
 * The dashboard shows a failed job's error in the browser's language from the sentences' keys
 * the queue kept: here the English text was stored in an older wording no template recognises
 * any more, and the key still gives the Japanese sentence and the used-up hint.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { attemptsFailedRef, exhaustedHintRef, SyncError } from "../../src/domain/errors.js";
import type { Job } from "../../src/domain/job.js";
import { say } from "../../src/i18n/message.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { SqliteJobStore } from "../../src/store/sqlite/sqlite-job-store.js";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const CHROMIUM = process.env.JUNMAI_SYNC_CHROMIUM ?? "/usr/bin/chromium";
const SOURCE = "/写真/結婚式/桜.jpg";

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** A queue with one job failed by a changed source, its English in an old wording. */
async function seedQueue(dataDir: string): Promise<void> {
  const store = await SqliteJobStore.open(dataDir);
  try {
    const now = Date.now();
    await store.enqueue(
      {
        jobs: [
          {
            destination: "studio",
            sourcePath: SOURCE,
            remotePath: "結婚式/桜.jpg",
            sizeBytes: 5,
            maxRetries: 0,
          },
        ],
      },
      now,
    );
    const [job] = (await store.claim(
      { owner: "seed", destination: "studio", limit: 1, leaseMs: 60_000 },
      now,
    )) as [Job];
    const error = new SyncError("SOURCE_CHANGED", say("stored.sourceChanged", { path: SOURCE })).toInfo();
    // Its only attempt (maxRetries 0) used up: the store's transition says so on the hint.
    const reworded = { ...error, message: `${SOURCE} was modified during its upload.` };
    await store.apply(job.id, { type: "transferFailed", error: reworded, retryDelayMs: 0 }, now, {
      owner: "seed",
    });
  } finally {
    await store.close();
  }
}

describe("a stored error on the dashboard", () => {
  it("is shown in Japanese from its key, whatever English it was stored with", async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}; set JUNMAI_SYNC_CHROMIUM.`);
    const dir = makeTempDir("junmai-dash-words-");
    const config = path.join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ destinations: [{ name: "studio", remote: "./cloud" }] }));
    const dataDir = path.join(dir, "data");
    const env = isolatedEnv(dataDir, { TZ: "Asia/Tokyo" });
    await seedQueue(dataDir);
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /dashboard (http:\/\/127\.0\.0\.1:\d+)\//,
      { cwd: dir, env },
    );
    try {
      const token = (await runCli(["token"], { cwd: dir, env })).stdout.trim();
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
      });
      const context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
      const page = await context.newPage();
      await page.goto(`${daemon.match[1]}/#token=${token}`);
      await page.locator("#connection[data-state=live]").waitFor({ timeout: 15_000 });
      const error = page.locator("#failed li .error").first();
      await error.waitFor({ timeout: 15_000 });
      const ja = createTranslator("ja");
      expect(await error.textContent()).toBe(
        `SOURCE_CHANGED ${SOURCE} はアップロード中に変更されました。 ${ja.t("errors.withAttempts", {
          hint: ja.render(exhaustedHintRef("SOURCE_CHANGED")) ?? "",
          attempts: ja.render(attemptsFailedRef(1)) ?? "",
        })}`,
      );
    } finally {
      await stopProcess(daemon.child);
    }
  });
});
