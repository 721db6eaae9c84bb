/**
 * The dashboard shows renditions: each batch with a thumbnail of its photos and what each
 * destination received, and a failed job with its photo — in Debian's Chromium against the
 * real daemon, real sharp and real rclone.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openBrowser, screenshot } from "../fixtures/browser.js";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { makePhoto } from "../fixtures/images.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("renditions in the dashboard", () => {
  it("shows a batch's thumbnail and each destination's copy, and a failed job's photo", async () => {
    const dir = makeTempDir("junmai-dash-rend-");
    // A file where the folder should be: every upload to "blocked" fails.
    writeFileSync(path.join(dir, "blocker"), "not a folder");
    const config = path.join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        destinations: [
          { name: "full", remote: "./full" },
          {
            name: "web",
            remote: "./web",
            rendition: { longEdge: 800, format: "webp", removeLocation: true },
          },
          { name: "blocked", remote: "./blocker/inside", retries: 0 },
        ],
        engine: { pollIntervalMs: 200 },
      }),
    );
    for (const name of ["桜_01", "桜_02", "桜_03"]) {
      await makePhoto(path.join(dir, "wedding", `${name}.jpg`), { width: 1200, height: 800 });
    }
    const env = isolatedEnv(path.join(dir, "data"));
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /dashboard (http:\/\/127\.0\.0\.1:\d+)\//,
      { cwd: dir, env },
    );
    try {
      const base = daemon.match[1];
      const token = (await runCli(["token"], { cwd: dir, env })).stdout.trim();
      const page = await (await openBrowser()).newPage();
      await page.goto(`${base}/#token=${token}`);
      await page.locator("#connection[data-state=live]").waitFor({ timeout: 15_000 });

      const queued = await runCli(
        ["--config", config, "upload", "wedding", "--to", "full,web", "--batch", "桜の結婚式"],
        { cwd: dir, env },
      );
      expect(queued.code).toBe(0);
      const batch = page.locator("#batches li", { hasText: "桜の結婚式" });
      await batch.locator(".badge[data-state=completed]").waitFor({ timeout: 60_000 });
      await expect
        .poll(() => batch.locator(".deliveries").textContent(), { timeout: 15_000 })
        .toContain("web: 800 px WEBP q80, sRGB, metadata: copyright, no GPS");
      expect(await batch.locator(".deliveries").textContent()).toContain("full: the original, byte for byte");
      await expect
        .poll(() => batch.locator("img.thumb").getAttribute("src"), { timeout: 15_000 })
        .toMatch(/^data:image\/jpeg;base64,/);

      await runCli(["--config", config, "upload", "wedding/桜_02.jpg", "--to", "blocked", "--batch", "夜"], {
        cwd: dir,
        env,
      });
      const failed = page.locator("#failed li", { hasText: "桜_02.jpg" });
      await failed.waitFor({ timeout: 60_000 });
      await expect
        .poll(() => failed.locator("img.thumb").getAttribute("src"), { timeout: 15_000 })
        .toMatch(/^data:image\/jpeg;base64,/);
      await screenshot(page, "dashboard-renditions.png");
    } finally {
      await stopProcess(daemon.child);
    }
  });
});
