/**
 * The settings pages in Debian's Chromium against the real daemon: add a local destination and
 * test it, add a watch folder (folder check, live path preview) and see a photo arrive, a
 * refused change with its key path, a notification "send test", sign in to a cloud through
 * rclone with a stand-in OAuth provider, and the queue page's batch files, batch pages and the
 * config banner — at 1366 × 900 and 390 × 844. Screenshots go to test-results/screenshots.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { holdSignInPort, startFakeOAuth } from "../fixtures/fake-oauth.js";
import { writeRandomFile } from "../fixtures/files.js";
import { startHttpReceiver } from "../fixtures/http-receiver.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { startSmtpSink } from "../fixtures/smtp-sink.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const CHROMIUM = process.env.JUNMAI_SYNC_CHROMIUM ?? "/usr/bin/chromium";
/** A 1 × 1 PNG: a watermark image the daemon's check accepts. */
const ONE_PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const SCREENSHOTS = path.resolve("test-results", "screenshots");

let browser: BrowserContext | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

async function openPage(): Promise<Page> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium.`);
  browser = await chromium.launchPersistentContext(makeTempDir("junmai-chromium-"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-sync",
    ],
    viewport: { width: 1366, height: 900 },
  });
  return browser.newPage();
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth");
}

/** A save redraws the page from the daemon's answer: wait until it has, before typing on. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator("body").getAttribute("data-busy")).toBeNull();
}

function readConfig(file: string): {
  destinations: { name: string; remote: string }[];
  watch?: { path: string; to?: string[]; subpath?: string }[];
  notify?: { type: string; url: string }[];
} {
  return JSON.parse(readFileSync(file, "utf8"));
}

describe("the settings pages in Chromium", () => {
  it("adds and tests a destination, a watch folder with preview, a channel with send test, signs in to a cloud, and refuses a bad value with its key", async () => {
    const dir = makeTempDir("junmai-settings-");
    const env = isolatedEnv(path.join(dir, "data"));
    const config = path.join(dir, "config.json");
    const receiver = await startHttpReceiver();
    const oauth = await startFakeOAuth();
    const smtp = await startSmtpSink({ user: "studio", password: "mail-pass-42" });
    mkdirSync(path.join(dir, "export"), { recursive: true });
    writeFileSync(
      config,
      `${JSON.stringify({ destinations: [{ name: "local", remote: "./var/cloud" }], rclone: { configPath: "./rclone.conf" } }, null, 2)}\n`,
    );
    const token = (await runCli(["token"], { cwd: dir, env })).stdout.trim();
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /dashboard (http:\/\/127\.0\.0\.1:\d+)\//,
      { cwd: dir, env },
    );
    let release: () => void = () => {};
    let debugLines: string[] = [];
    try {
      const base = daemon.match[1];
      const page = await openPage();
      const consoleLines: string[] = [];
      page.on("console", (message) => consoleLines.push(message.text()));
      page.on("requestfailed", (request) =>
        consoleLines.push(`failed ${request.url()} ${request.failure()?.errorText}`),
      );
      debugLines = consoleLines;
      await page.goto(`${base}/#token=${token}`);
      await page.locator("#settings-link").click();
      await page.locator("#destination-list li[data-destination=local]").waitFor({ timeout: 15_000 });
      expect(
        await page.locator("#destination-list li[data-destination=local] .meta").textContent(),
      ).toContain("folder ./var/cloud");

      // A local destination: add, save, test.
      await page.locator("#add-destination").click();
      const form = page.locator("#destination-form");
      await form.locator("select[name=kind]").selectOption("local");
      await form.locator("input[name=name]").fill("archive");
      await form.locator("input[name=remote]").fill("./var/archive");
      await form.locator("button[type=submit]").click();
      await page.locator("#destination-list li[data-destination=archive]").waitFor({ timeout: 15_000 });
      expect(readConfig(config).destinations.map((d) => d.name)).toEqual(["local", "archive"]);
      const archive = page.locator("#destination-list li[data-destination=archive]");
      await archive.getByRole("button", { name: "Test connection" }).click();
      await expect
        .poll(() => archive.locator(".result").textContent(), { timeout: 30_000 })
        .toMatch(/^Reachable/);

      // A refused value: the same key-path message as the CLI, and the file unchanged.
      const before = readFileSync(config, "utf8");
      await archive.getByRole("button", { name: "Edit" }).click();
      await form.locator("input[name=concurrency]").fill("0");
      await form.locator("button[type=submit]").click();
      await expect
        .poll(() => page.locator("#message").textContent())
        .toMatch(/`destinations\[1\]\.concurrency`/);
      expect(readFileSync(config, "utf8")).toBe(before);
      // The remaining destination keys: a refused retries count, then conflict, temp names, retries.
      await form.locator("input[name=concurrency]").fill("");
      await form.locator("input[name=retries]").fill("101");
      await form.locator("button[type=submit]").click();
      await expect.poll(() => page.locator("#message").textContent()).toMatch(/`destinations\[1\]\.retries`/);
      expect(readFileSync(config, "utf8")).toBe(before);
      await form.locator("input[name=retries]").fill("3");
      await form.locator("select[name=onConflict]").selectOption("version");
      await form.locator("select[name=tempNames]").selectOption("always");
      await form.locator("button[type=submit]").click();
      await expect
        .poll(() => readConfig(config).destinations[1])
        .toEqual({
          name: "archive",
          remote: "./var/archive",
          retries: 3,
          onConflict: "version",
          tempNames: "always",
        });
      await settled(page);
      expect(await form.isHidden()).toBe(true);

      // A watch folder: folder check, live preview, then a photo dropped in arrives.
      await page.locator("#add-watch").click();
      const watch = page.locator("#watch-form");
      await watch.locator("input[name=path]").fill("./nowhere");
      await watch.getByRole("button", { name: "Check folder" }).click();
      await expect.poll(() => watch.locator(".result").first().textContent()).toMatch(/does not exist/);
      await watch.locator("input[name=path]").fill("./export");
      await watch.getByRole("button", { name: "Check folder" }).click();
      await expect.poll(() => watch.locator(".result").first().textContent()).toMatch(/^Folder found/);
      await watch.locator("input[name='to:archive']").check();
      await watch.locator("input[name=subpath]").fill("{yyyy}/{mm}/{folder}");
      await watch.locator("input[name=date]").fill("2026-04-01");
      await expect
        .poll(() => watch.locator(".preview").textContent())
        .toContain("lands at 2026/04/Wedding/DSC_0001.NEF");
      await screenshot(page, "settings-watch.png");
      await watch.locator("button[type=submit]").click();
      await page.locator("#watch-list li[data-watch='./export']").waitFor({ timeout: 15_000 });
      expect(readConfig(config).watch).toEqual([
        { path: "./export", to: ["archive"], subpath: "{yyyy}/{mm}/{folder}" },
      ]);
      await eventually(() => (daemon.output().includes("config reloaded") ? true : undefined), 15_000);
      writeRandomFile(dir, "export/写真 桜.jpg", 20_000);
      await eventually(() => {
        const root = path.join(dir, "var", "archive");
        return existsSync(root) &&
          JSON.stringify(readdirSync(root, { recursive: true })).includes("写真 桜.jpg")
          ? true
          : undefined;
      }, 60_000);

      // A rendition for one destination (issue 24's keys), written through the same schema.
      const renditions = page.locator("#rendition-form");
      await renditions.locator("input[name='rendition:1']").check();
      await renditions.locator("input[name='longEdge:1']").fill("1024");
      await renditions.locator("select[name='format:1']").selectOption("webp");
      await renditions.locator("button[type=submit]").click();
      await expect
        .poll(() => (readConfig(config).destinations[1] as { rendition?: unknown }).rendition)
        .toEqual({ longEdge: 1024, format: "webp", metadata: "copyright" });
      await settled(page);
      // Its watermark: the image checked like a folder, then a refused opacity, then saved.
      const row = renditions.locator("fieldset[data-destination=archive]");
      await row.locator("input[name='watermark:1']").fill("./logo.png");
      await row.getByRole("button", { name: "Check image" }).click();
      await expect.poll(() => row.locator(".watermark-check").textContent()).toMatch(/does not exist/);
      writeFileSync(path.join(dir, "logo.png"), Buffer.from(ONE_PIXEL_PNG, "base64"));
      await row.getByRole("button", { name: "Check image" }).click();
      await expect.poll(() => row.locator(".watermark-check").textContent()).toMatch(/^Image found/);
      await row.locator("select[name='position:1']").selectOption("top-left");
      await row.locator("input[name='opacity:1']").fill("2");
      await renditions.locator("button[type=submit]").click();
      await expect
        .poll(() => page.locator("#message").textContent())
        .toMatch(/`destinations\[1\]\.rendition\.watermark\.opacity`/);
      await row.locator("input[name='opacity:1']").fill("0.5");
      await row.locator("input[name='scale:1']").fill("0.2");
      await renditions.locator("button[type=submit]").click();
      await expect
        .poll(
          () =>
            (readConfig(config).destinations[1] as { rendition?: { watermark?: unknown } }).rendition
              ?.watermark,
        )
        .toEqual({ image: "./logo.png", position: "top-left", opacity: 0.5, scale: 0.2 });
      await settled(page);
      expect(readConfig(config).destinations[0]).toEqual({ name: "local", remote: "./var/cloud" });

      // A notification channel, then "Send test" reaches the receiver; its URL is never shown.
      await page.locator("#add-channel").click();
      const channel = page.locator("#channel-form");
      await channel.locator("select[name=type]").selectOption("slack");
      await channel.locator("input[name=name]").fill("studio-slack");
      await channel.locator("input[name=url]").fill(`${receiver.url}/services/T0/B0/SECRET`);
      await channel.locator("button[type=submit]").click();
      const slack = page.locator("#channel-list li[data-channel=studio-slack]");
      await slack.waitFor({ timeout: 15_000 });
      expect(await page.content()).not.toContain("SECRET");
      await slack.getByRole("button", { name: "Send test" }).click();
      await expect
        .poll(() => slack.locator(".result").textContent(), { timeout: 30_000 })
        .toBe("Sent to studio-slack.");
      expect(receiver.to("/services/T0/B0/SECRET").length).toBe(1);
      // Saving something else keeps the stored secret.
      await page.locator("#schedule-form input[name=bandwidth]").fill("50M");
      await page.locator("#schedule-form button[type=submit]").click();
      await expect.poll(() => (readConfig(config) as { bandwidth?: string }).bandwidth).toBe("50M");
      await settled(page);
      expect(readConfig(config).notify?.[0]?.url).toBe(`${receiver.url}/services/T0/B0/SECRET`);

      // An email channel: added, "Send test" reaches the SMTP sink, the password never shows,
      // and an edit that leaves the password empty keeps it.
      await page.locator("#add-channel").click();
      await channel.locator("select[name=type]").selectOption("email");
      await channel.locator("input[name=name]").fill("studio-mail");
      await channel.locator("input[name=host]").fill("127.0.0.1");
      await channel.locator("input[name=port]").fill(String(smtp.port));
      await channel.locator("input[name=user]").fill("studio");
      await channel.locator("input[name=password]").fill("mail-pass-42");
      await channel.locator("input[name=from]").fill("junmai-sync <sync@studio.test>");
      await channel.locator("textarea[name=to]").fill("client@example.test");
      await channel.locator("button[type=submit]").click();
      const mail = page.locator("#channel-list li[data-channel=studio-mail]");
      await mail.waitFor({ timeout: 15_000 });
      expect(await page.content()).not.toContain("mail-pass-42");
      await mail.getByRole("button", { name: "Send test" }).click();
      await expect
        .poll(() => mail.locator(".result").textContent(), { timeout: 30_000 })
        .toBe("Sent to studio-mail.");
      expect(smtp.mails.map((m) => [m.user, m.to])).toEqual([["studio", ["client@example.test"]]]);
      await mail.getByRole("button", { name: "Edit" }).click();
      expect(await channel.locator("input[name=password]").getAttribute("placeholder")).toBe(
        "set — type to replace",
      );
      await channel.locator("textarea[name=to]").fill("client@example.test\nassistant@example.test");
      await channel.locator("button[type=submit]").click();
      await expect
        .poll(() => (readConfig(config).notify?.[1] as { to?: string[] } | undefined)?.to)
        .toEqual(["client@example.test", "assistant@example.test"]);
      await settled(page);
      expect((readConfig(config).notify?.[1] as { password?: string } | undefined)?.password).toBe(
        "mail-pass-42",
      );
      await page
        .locator("#channel-list li[data-channel=studio-mail]")
        .getByRole("button", { name: "Send test" })
        .click();
      await expect.poll(() => smtp.mails.length, { timeout: 30_000 }).toBe(2);
      expect(smtp.mails[1]?.to).toEqual(["client@example.test", "assistant@example.test"]);

      // Cloud sign-in through rclone, with the stand-in provider; "signed in" shows by itself.
      release = await holdSignInPort();
      await page.locator("#add-destination").click();
      await form.locator("select[name=kind]").selectOption("dropbox");
      await form.locator("input[name=name]").fill("dbx");
      await form
        .locator("textarea[name=rcloneOptions]")
        .fill(`client_id=fake\nclient_secret=fake\nauth_url=${oauth.authUrl}\ntoken_url=${oauth.tokenUrl}`);
      await form.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect
        .poll(() => form.locator(".sign-in .result").first().textContent(), { timeout: 60_000 })
        .toBe("Signed in to Dropbox as remote dbx.");
      release();
      await screenshot(page, "settings-signed-in.png");
      await form.locator("button[type=submit]").click();
      await page.locator("#destination-list li[data-destination=dbx]").waitFor({ timeout: 15_000 });
      expect(readConfig(config).destinations.at(-1)).toEqual({ name: "dbx", remote: "dbx:" });
      expect(readFileSync(path.join(dir, "rclone.conf"), "utf8")).toContain(oauth.accessToken);

      await page.setViewportSize({ width: 390, height: 844 });
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, "settings-phone.png");

      // The queue page: a batch's files, pages of batches, and the config banner.
      for (let index = 0; index < 9; index += 1) writeRandomFile(dir, `more/${index}.jpg`, 1_000);
      for (let index = 0; index < 9; index += 1) {
        expect(
          (
            await runCli(["--config", config, "upload", `more/${index}.jpg`, "--to", "local"], {
              cwd: dir,
              env,
            })
          ).code,
        ).toBe(0);
      }
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${base}/`);
      await page.locator("#batches > li").nth(7).waitFor({ timeout: 30_000 });
      expect(await page.locator("#batches > li").count()).toBe(8);
      await page.locator("#batches-older").click();
      await expect.poll(() => page.locator("#batches-page").textContent()).toBe("Page 2");
      await page.locator("#batches > li").first().waitFor();
      await page.locator("#batches-newer").click();
      await page.locator("#batches > li").first().click();
      const files = page.locator("#batch-files li");
      await files.first().waitFor({ timeout: 15_000 });
      expect(await files.first().locator(".meta").textContent()).toMatch(/→ local: 8\.jpg$/);
      await screenshot(page, "dashboard-batch-files.png");
      await page.locator("#batch-dialog-close").click();

      // The token dialog names the daemon's sign-in link first; the command is the second way.
      await page.locator("#token-button").click();
      expect(await page.locator("#token-help").textContent()).toMatch(
        /link the daemon shows in its window[\s\S]*open the dashboard signed in/,
      );
      expect(await page.locator("#token-help").textContent()).not.toContain("junmai-sync token");
      expect(await page.locator("#token-help-service").textContent()).toContain("junmai-sync token --url");
      await screenshot(page, "dashboard-token-dialog.png");
      await page.getByRole("button", { name: "Cancel" }).click();

      writeFileSync(config, '{ "destinations": [ { "name": "local", "remote": "C:\\Users\\me" } ] }\n');
      await expect
        .poll(() => page.locator("#config-notice").textContent(), { timeout: 30_000 })
        .toMatch(/keeps using the previous settings[\s\S]*line 1, column/);
      // The Windows path's hint (issue 20's words) shows with it.
      expect(await page.locator("#config-notice").textContent()).toContain("write `\\\\` or `/`");
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, "dashboard-phone-config-banner.png");
    } catch (error) {
      // What the page and the daemon said, for the failure's report.
      console.log(debugLines.join("\n"), daemon.output().slice(-3000));
      throw error;
    } finally {
      release();
      await stopProcess(daemon.child);
      await receiver.close();
      await oauth.stop();
      await smtp.close();
    }
  });
});
