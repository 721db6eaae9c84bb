/**
 * The dashboard in the browser's language: Debian's Chromium with `locale: "ja-JP"` gets the page
 * in Japanese (Accept-Language), the switch turns it to English, and the choice is remembered
 * across reloads. A real daemon with a local destination; no locale of this machine involved.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const CHROMIUM = process.env.JUNMAI_SYNC_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOTS = path.resolve("test-results", "screenshots");

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe("the dashboard in Japanese and English", () => {
  it("shows Japanese to a ja-JP browser and switches to English, remembered", async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}; set JUNMAI_SYNC_CHROMIUM.`);
    const dir = makeTempDir("junmai-dash-i18n-");
    const config = path.join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ destinations: [{ name: "studio", remote: "./cloud" }] }));
    const env = isolatedEnv(path.join(dir, "data"), { TZ: "Asia/Tokyo" });
    writeRandomFile(path.join(dir, "結婚式"), "写真_桜.jpg", 5_000);
    const queued = await runCli(["--config", config, "upload", "結婚式", "--wait"], { cwd: dir, env });
    expect(queued.code).toBe(0);
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /dashboard (http:\/\/127\.0\.0\.1:\d+)\//,
      { cwd: dir, env },
    );
    try {
      const base = daemon.match[1];
      const token = (await runCli(["token"], { cwd: dir, env })).stdout.trim();
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
      });
      const context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
      const page = await context.newPage();
      await page.goto(`${base}/#token=${token}`);
      await page.locator("#connection[data-state=live]").waitFor({ timeout: 15_000 });

      expect(await page.locator("html").getAttribute("lang")).toBe("ja");
      expect(await page.locator("#active-title").textContent()).toBe("アップロード中");
      expect(await page.locator("#connection").textContent()).toBe("接続済み");
      expect(await page.locator("#pause-all").textContent()).toBe("すべて一時停止");
      const batch = page.locator("#batches li").first();
      await batch.locator(".badge[data-state=completed]").waitFor({ timeout: 15_000 });
      expect(await batch.locator(".badge").textContent()).toBe("完了");
      // "1 個中 1 個 · 5 KB 中 5 KB · 3分前に追加" and the like: counts, sizes and a relative time.
      expect(await batch.locator("span.meta").textContent()).toMatch(/1 個中 1 個 .*(前|今)/);
      expect(await page.locator("#destinations li .badge").textContent()).toBe("オンライン");
      // What the destination received, from the API's English sentence, shown in Japanese.
      await expect
        .poll(() => batch.locator("li.meta").first().textContent())
        .toBe("studio: 元のファイルそのまま");
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-ja.png"), fullPage: true });

      // The switch: English at once, and still English after a reload (the choice is remembered).
      await Promise.all([page.waitForEvent("load"), page.selectOption("#language-switch", "en")]);
      await page.locator("#connection[data-state=live]").waitFor({ timeout: 15_000 });
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("#active-title").textContent()).toBe("Uploading now");
      await page.locator("#batches li .badge[data-state=completed]").waitFor({ timeout: 15_000 });
      expect(await page.locator("#batches li .badge").first().textContent()).toBe("completed");
      expect(await page.locator("#batches li span.meta").first().textContent()).toMatch(
        /1 of 1 file .*ago|now/,
      );
      await page.reload();
      expect(await page.locator("#active-title").textContent()).toBe("Uploading now");
      expect(await page.locator("#language-switch").inputValue()).toBe("en");

      // Back to Japanese by the same switch.
      await Promise.all([page.waitForEvent("load"), page.selectOption("#language-switch", "ja")]);
      expect(await page.locator("#active-title").textContent()).toBe("アップロード中");

      // The settings pages follow the same choice (their texts come from /messages.json).
      await page.goto(`${base}/settings.html`);
      await expect.poll(() => page.locator('[data-t="settings.back"]').textContent()).toBe("キューに戻る");
    } finally {
      await stopProcess(daemon.child);
    }
  });
});
