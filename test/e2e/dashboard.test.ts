/**
 * The dashboard in Debian's Chromium (playwright-core, never a downloaded browser), against the
 * real daemon, a real WebDAV server and real rclone: a batch runs to 100 %, a job fails while the
 * server is down, and one click on Retry after it is back delivers it. Screenshots are saved to
 * test-results/screenshots as artifacts.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openBrowser, screenshot } from "../fixtures/browser.js";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { md5, treeHashes, writeRandomFile } from "../fixtures/files.js";
import { freePort } from "../fixtures/free-port.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

/** Nothing wider than the window: no sideways scrolling at this size. */
async function fitsWidth(page: Page): Promise<boolean> {
  // A string: the test is type-checked without the DOM library.
  return page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth");
}

describe("the dashboard in Chromium", () => {
  it("shows a batch to 100 %, a failure with its hint, Retry delivers it once the server is back, and it reconnects after a daemon restart", async () => {
    const dir = makeTempDir("junmai-dash-");
    const dav = await startWebdav({ root: path.join(dir, "dav") });
    const config = path.join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        // No retries, so a job meeting a stopped server fails at once instead of waiting.
        destinations: [{ name: "studio", remote: dav.remote(), retries: 0, concurrency: 2 }],
        // Slow enough that transfers are on screen for a few seconds.
        bandwidth: "2M",
        engine: { pollIntervalMs: 200 },
      }),
    );
    const env = isolatedEnv(path.join(dir, "data"), { RCLONE_LOW_LEVEL_RETRIES: "1" });
    // A fixed port, so the page can find the daemon again after a restart.
    const port = await freePort();
    const startDaemon = () =>
      spawnUntil(
        process.execPath,
        [CLI, "--config", config, "daemon", "--listen", `127.0.0.1:${port}`],
        /dashboard (http:\/\/127\.0\.0\.1:\d+)\//,
        { cwd: dir, env },
      );
    let daemon = await startDaemon();
    try {
      const base = daemon.match[1];
      const token = (await runCli(["token"], { cwd: dir, env })).stdout.trim();
      const page = await (await openBrowser()).newPage();
      await page.goto(`${base}/#token=${token}`);
      await page.locator("#connection[data-state=live]").waitFor({ timeout: 15_000 });
      // The token left the address bar once read.
      expect(page.url()).toBe(`${base}/`);

      // A batch of twelve 1 MB photos with Japanese names.
      for (let index = 1; index <= 12; index += 1) {
        writeRandomFile(dir, `wedding/桜_${String(index).padStart(2, "0")}.jpg`, 1_000_000);
      }
      const queued = await runCli(["--config", config, "upload", "wedding", "--batch", "桜の結婚式"], {
        cwd: dir,
        env,
      });
      expect(queued.code).toBe(0);
      await page.locator("#active li").first().waitFor({ timeout: 30_000 });
      await expect
        .poll(() => page.locator("#active li .name").first().textContent())
        .toMatch(/^桜_\d\d\.jpg$/);
      // The destination's limit in force and what it moves now, as `status` says it.
      await expect
        .poll(() => page.locator("li[data-destination=studio] .rate").textContent(), { timeout: 30_000 })
        .toMatch(/^2 MiB\/s limit · [\d.]+ (KiB|MiB)\/s now$/);
      await screenshot(page, "dashboard-uploading.png");
      const batch = page.locator("#batches li", { hasText: "桜の結婚式" });
      await batch.locator(".badge[data-state=completed]").waitFor({ timeout: 60_000 });
      expect(await batch.locator(".progress").getAttribute("aria-valuenow")).toBe("100");
      await expect.poll(() => page.locator("#count-delivered").textContent()).toBe("12");
      expect(await fitsWidth(page)).toBe(true);

      // The server goes away; the next photo fails and is listed with its code and hint.
      await dav.stop();
      writeRandomFile(dir, "night/夜景.jpg", 300_000);
      await runCli(["--config", config, "upload", "night", "--batch", "夜景"], { cwd: dir, env });
      const failed = page.locator("#failed li", { hasText: "夜景.jpg" });
      await failed.waitFor({ timeout: 60_000 });
      expect(await failed.locator(".code").textContent()).toBe("REMOTE_UNREACHABLE");
      expect(await failed.locator(".hint").textContent()).toContain("network");
      await expect.poll(() => page.locator("#count-failed").textContent()).toBe("1");
      await screenshot(page, "dashboard-failed.png");
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, "dashboard-phone.png");
      await page.setViewportSize({ width: 1366, height: 768 });

      // Back again: one click on Retry, and it is delivered.
      await dav.start();
      await failed.getByRole("button", { name: "Retry" }).click();
      await page.locator("#failed-empty").waitFor({ state: "visible", timeout: 30_000 });
      await page
        .locator("#batches li", { hasText: "夜景" })
        .locator(".badge[data-state=completed]")
        .waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator("#count-delivered").textContent()).toBe("13");
      await expect.poll(() => page.locator("#count-failed").textContent()).toBe("0");
      await screenshot(page, "dashboard-done.png");

      // The daemon restarts (an update, a reboot): the page notices, reconnects by itself, and
      // shows the same queue without a reload.
      await stopProcess(daemon.child);
      await page.locator("#connection[data-state=lost]").waitFor({ timeout: 15_000 });
      daemon = await startDaemon();
      await page.locator("#connection[data-state=live]").waitFor({ timeout: 30_000 });
      await expect.poll(() => page.locator("#count-delivered").textContent()).toBe("13");
    } finally {
      await stopProcess(daemon.child);
      await dav.stop();
    }
    expect(treeHashes(path.join(dir, "dav", "wedding"))).toEqual(treeHashes(path.join(dir, "wedding")));
    expect(md5(path.join(dir, "dav", "night", "夜景.jpg"))).toBe(md5(path.join(dir, "night", "夜景.jpg")));
  });
});
