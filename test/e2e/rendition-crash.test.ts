/**
 * `kill -9` while renditions are being made and sent: the next start makes them again or reuses
 * finished ones — never a half-written file uploaded — and leaves the cache clean.
 */
import { existsSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { RenditionCache } from "../../src/media/rendition-cache.js";
import { CLI, isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { makePhoto } from "../fixtures/images.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const FILES = 12;

describe("renditions and crashes", () => {
  it("after kill -9 mid-batch, every delivered rendition is whole and the cache ends empty", async () => {
    const dir = makeTempDir("junmai-rcrash-");
    const config = path.join(dir, "config.json");
    const write = (bandwidth: string) =>
      writeFileSync(
        config,
        JSON.stringify({
          destinations: [
            { name: "web", remote: "./web", concurrency: 2, rendition: { longEdge: 1600, quality: 95 } },
          ],
          bandwidth,
          engine: { pollIntervalMs: 200 },
        }),
      );
    write("1M");
    for (let index = 0; index < FILES; index += 1) {
      await makePhoto(path.join(dir, "export", `IMG_${String(index).padStart(4, "0")}.png`), {
        width: 2400,
        height: 1600,
        format: "png",
      });
    }
    const env = isolatedEnv(path.join(dir, "data"));
    expect((await runCli(["--config", config, "upload", "export"], { cwd: dir, env })).code).toBe(0);
    const cache = path.join(dir, "data", "renditions");
    const web = path.join(dir, "web", "export");
    const first = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /junmai-sync daemon/,
      {
        cwd: dir,
        env,
      },
    );
    // Killed once renditions exist and the first copies are landing.
    await eventually(
      async () => (existsSync(web) && readdirSync(web).length >= 2 ? true : undefined),
      60_000,
      20,
    );
    await stopProcess(first.child, "SIGKILL");
    const status = await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env });
    expect(status.counts.completed).toBeLessThan(FILES);

    write("off");
    const second = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /junmai-sync daemon/,
      {
        cwd: dir,
        env,
      },
    );
    try {
      const counts = await eventually(
        async () => {
          const now = (await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env })).counts;
          return now.completed + now.skipped === FILES ? now : undefined;
        },
        90_000,
        500,
      );
      expect(counts.failed).toBe(0);
    } finally {
      await stopProcess(second.child);
    }
    const names = readdirSync(web).sort();
    expect(names).toEqual(
      Array.from({ length: FILES }, (_, index) => `IMG_${String(index).padStart(4, "0")}.jpg`),
    );
    for (const name of names) {
      // Decoded to the last pixel, refusing anything truncated.
      const { info } = await sharp(path.join(web, name), { failOn: "truncated" })
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([1600, 1067]);
    }
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  });

  it("the start-up sweep removes a dead writer's .tmp and renditions nobody came back for", async () => {
    const dir = makeTempDir("junmai-sweep-");
    const now = Date.now();
    const dead = path.join(dir, "abc.jpg.999999999-deadbeef.tmp");
    const live = path.join(dir, `def.jpg.${process.pid}-cafe.tmp`);
    const stale = path.join(dir, "0123.jpg");
    const fresh = path.join(dir, "4567.jpg");
    for (const file of [dead, live, stale, fresh]) writeFileSync(file, "x");
    utimesSync(stale, new Date(now - 7 * 3600_000), new Date(now - 7 * 3600_000));
    const cache = new RenditionCache({ dir, concurrency: 1, maxPixels: 1e6 });
    expect(await cache.sweep()).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(["4567.jpg", path.basename(live)].sort());
  });
});
