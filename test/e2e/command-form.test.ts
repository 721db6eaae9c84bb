/**
 * The command exists as printed. The README's set-up is `npm ci && npm link`, after which the
 * bare `junmai-sync` is on PATH from any folder; docs, hints and generated scripts use that form
 * (or absolute paths). `npx junmai-sync` only works inside the checkout, so it must not be
 * printed anywhere a user would copy it from.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "../fixtures/temp-dir.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, [...args], { ...options, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number((error as { code?: number }).code ?? 1), stdout, stderr });
    });
  });
}

function filesUnder(folder: string, extension: RegExp): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((name) => extension.test(name))
    .map((name) => path.join(folder, name));
}

describe("the bare junmai-sync command", () => {
  it("is on PATH after the README's `npm link`, from any folder", async () => {
    // The README's step, into a private prefix instead of the machine's global one. Scripts are
    // skipped: `npm test` has just built dist/, and a rebuild would race the other tests.
    const prefix = makeTempDir("junmai npm prefix ");
    const env = { ...process.env, NPM_CONFIG_PREFIX: prefix, npm_config_prefix: prefix };
    const link = await run("npm", ["link", "--ignore-scripts", "--no-audit", "--no-fund"], {
      cwd: ROOT,
      env,
    });
    expect(link.code, link.stderr).toBe(0);

    const elsewhere = makeTempDir("somewhere else 写真 ");
    const bin = process.platform === "win32" ? prefix : path.join(prefix, "bin");
    const pathEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
    const version = await run("junmai-sync", ["--version"], { cwd: elsewhere, env: pathEnv });
    expect(version.code, version.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await run("junmai-sync", ["service", "--help"], { cwd: elsewhere, env: pathEnv });
    expect(help.stdout).toContain("install");
  });

  it("is what the docs, the README, the hints and the messages print — never `npx junmai-sync`", () => {
    const texts = [
      "README.md",
      ...filesUnder("docs", /\.md$/),
      ...filesUnder("src/i18n", /\.ts$/),
      "src/domain/errors.ts",
      ...filesUnder("src/cli", /\.ts$/),
      ...filesUnder("src/app", /\.ts$/),
      ...filesUnder("src/server", /\.(ts|html|js|css)$/),
    ];
    const offenders = texts.flatMap((file) =>
      readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .flatMap((line, index) =>
          /\bnpx\s+junmai-sync\b/.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(offenders).toEqual([]);
    // The set-up the bare name relies on is in the README's quick start.
    expect(readFileSync(path.join(ROOT, "README.md"), "utf8")).toMatch(/npm ci && npm link/);
  });
});
