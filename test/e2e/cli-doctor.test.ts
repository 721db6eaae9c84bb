/** `junmai-sync doctor`: one line per check, a hint per failure, the exit code of the worst one. */
import { spawnSync } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("junmai-sync doctor", () => {
  it("runs as the `junmai-sync` command (npx, npm link): the built entry point is executable", async () => {
    // Windows runs it through npm's .cmd shim, which needs no mode bits.
    if (process.platform === "win32") return;
    const dir = makeTempDir("junmai-doctor-");
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
    const version = spawnSync(CLI, ["--version"], { cwd: dir, encoding: "utf8" });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("passes on the embedded default", async () => {
    const dir = makeTempDir("junmai-doctor-");
    const doctor = await runCli(["doctor"], { cwd: dir, env: isolatedEnv(path.join(dir, "data")) });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/✓ rclone\s+rclone 1\.\d+/);
    expect(doctor.stdout).toMatch(/✓ config\s+embedded default/);
    expect(doctor.stdout).toMatch(/✓ data dir/);
    expect(doctor.stdout).toMatch(/✓ queue database/);
    expect(doctor.stdout).toMatch(/✓ destination local\s+reachable .* verify by size \+ hash \(md5/);
  });

  it("names an unreachable destination with its code and a hint, and exits 1", async () => {
    const dir = makeTempDir("junmai-doctor-");
    const server = await startWebdav({ root: path.join(dir, "dav") });
    const remote = server.remote("wrong");
    await server.stop();
    writeFileSync(path.join(dir, "config.json"), JSON.stringify({ destinations: [{ name: "dav", remote }] }));
    const doctor = await runCli(["--config", "config.json", "doctor", "--json"], {
      cwd: dir,
      env: isolatedEnv(path.join(dir, "data")),
    });
    expect(doctor.code).toBe(1);
    const report = JSON.parse(doctor.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks.find((check: { name: string }) => check.name === "destination dav")).toMatchObject({
      ok: false,
      error: { code: "REMOTE_UNREACHABLE", hint: expect.stringContaining("network") },
    });
    expect(doctor.stdout).not.toContain("pass=");
  });

  it("exits 3 when rclone is missing and 2 when the config is invalid", async () => {
    const dir = makeTempDir("junmai-doctor-");
    const env = isolatedEnv(path.join(dir, "data"));
    const missing = await runCli(["doctor"], { cwd: dir, env: { ...env, PATH: makeTempDir("empty-path-") } });
    expect(missing.code).toBe(3);
    expect(missing.stdout).toMatch(/✗ rclone\s+rclone was not found/);
    expect(missing.stdout).toContain("hint: Install rclone 1.60 or newer");
    writeFileSync(path.join(dir, "bad.json"), '{"destinations": "nope"}');
    const bad = await runCli(["--config", "bad.json", "doctor"], { cwd: dir, env });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/✗ config\s+Config .*bad\.json is invalid: `destinations`/);
  });
});
