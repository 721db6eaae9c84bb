/**
 * The CLI's V8 code cache (cli/code-cache.ts): written after a first run, used by the next,
 * replaced when unusable, never needed for a command to work — including a command that loads
 * a package on use (sharp for a rendition) from functions restored out of the cache.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isolatedEnv, runCli } from "../fixtures/cli.js";
import { makePhoto } from "../fixtures/images.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const BUNDLE = fileURLToPath(new URL("../../dist/bin/cli.cjs", import.meta.url));

function cacheFiles(cacheHome: string): string[] {
  const dir = path.join(cacheHome, "junmai-sync", "code-cache");
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe("the CLI's code cache", () => {
  it("is written by a first run, used by the next, and a broken one is replaced", async () => {
    const dir = makeTempDir("junmai-code-cache-");
    const cacheHome = path.join(dir, "cache");
    const env = isolatedEnv(path.join(dir, "data"), { XDG_CACHE_HOME: cacheHome });
    const first = await runCli(["--version"], { env });
    expect(first.code).toBe(0);
    const files = cacheFiles(cacheHome);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.v8$/);
    const file = path.join(cacheHome, "junmai-sync", "code-cache", files[0] as string);
    const written = readFileSync(file);
    const second = await runCli(["--version"], { env });
    expect(second.stdout).toBe(first.stdout);
    // Used as it is: a cache V8 accepted is not written again.
    expect(readFileSync(file).equals(written)).toBe(true);

    writeFileSync(file, "not a code cache");
    const third = await runCli(["--version"], { env });
    expect(third.code).toBe(0);
    expect(third.stdout).toBe(first.stdout);
    expect(readFileSync(file, "latin1")).not.toBe("not a code cache");
  });

  it("is not written when turned off, and commands work the same", async () => {
    const dir = makeTempDir("junmai-code-cache-");
    const cacheHome = path.join(dir, "cache");
    const env = isolatedEnv(path.join(dir, "data"), {
      XDG_CACHE_HOME: cacheHome,
      JUNMAI_SYNC_CODE_CACHE: "off",
    });
    const result = await runCli(["--version"], { env });
    expect(result.code).toBe(0);
    expect(cacheFiles(cacheHome)).toEqual([]);
  });

  it("a command that loads a package on use works from the cache as on its first run", async () => {
    const dir = makeTempDir("junmai-code-cache-");
    const cacheHome = path.join(dir, "cache");
    const config = path.join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        destinations: [{ name: "web", remote: "./web", rendition: { longEdge: 200, format: "jpeg" } }],
      }),
    );
    await makePhoto(path.join(dir, "Export", "写真_桜.jpg"));
    await makePhoto(path.join(dir, "Export2", "写真_桜.jpg"));
    const env = isolatedEnv(path.join(dir, "data"), { XDG_CACHE_HOME: cacheHome });
    // The first run writes the cache; the second runs sharp from functions restored out of it.
    for (const folder of ["Export", "Export2"]) {
      const run = await runCli(["--config", config, "upload", folder, "--to", "web", "--wait"], {
        cwd: dir,
        env,
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(existsSync(path.join(dir, "web", folder, "写真_桜.jpg"))).toBe(true);
    }
    expect(cacheFiles(cacheHome).some((name) => name.includes("-upload-"))).toBe(true);
  });

  it("the bundle loads packages on use with require, never import(): the cache loses import()'s callback", () => {
    const text = readFileSync(BUNDLE, "latin1");
    expect(text).not.toMatch(/\bimport\(\s*["'`]/);
    expect(text).toContain('__requireOnUse("sharp")');
  });
});
