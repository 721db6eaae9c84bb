/**
 * `junmai-sync service …` as a user runs it. `--dry-run` output is parsed for each OS form; the
 * real install/uninstall run against a stand-in `systemctl` on PATH (a tiny script that records
 * its arguments), since a test machine has no user session bus to talk to.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { parsePlist, parseSystemdUnit, splitSystemdWords } from "../fixtures/service-files.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

function workspace() {
  const dir = makeTempDir("junmai service 写真 ");
  const home = path.join(dir, "home");
  const bin = path.join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  const calls = path.join(dir, "systemctl-calls.txt");
  writeFileSync(
    path.join(bin, "systemctl"),
    `#!/bin/sh\necho "$*" >> '${calls}'\n[ "$2" = "is-active" ] && echo active\nexit 0\n`,
  );
  chmodSync(path.join(bin, "systemctl"), 0o755);
  const dataDir = path.join(dir, "data 写真");
  const env = isolatedEnv(dataDir, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    PATH: `${bin}:${process.env.PATH}`,
  });
  return {
    dir,
    home,
    dataDir,
    env,
    calls,
    unit: path.join(home, ".config", "systemd", "user", "junmai-sync.service"),
  };
}

/** The text between the file's header line and the next blank-line-separated section. */
function fileFrom(output: string, role: string): string {
  const start = output.indexOf(`── ${role}: `);
  expect(start).toBeGreaterThanOrEqual(0);
  const body = output.slice(output.indexOf("\n", start) + 1);
  return body.slice(0, body.search(/\n\n(?:── |and run:)/) + 1);
}

describe("junmai-sync service (CLI)", () => {
  it("--dry-run prints a systemd unit that runs this CLI with the same data dir, and the commands", async () => {
    const { dir, dataDir, env, unit } = workspace();
    const result = await runCli(["service", "install", "--dry-run"], { cwd: dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`── systemd user unit: ${unit}`);
    const parsed = parseSystemdUnit(fileFrom(result.stdout, "systemd user unit"));
    expect(splitSystemdWords(parsed.Service?.ExecStart?.[0] ?? "")).toEqual([
      process.execPath,
      CLI,
      "--data-dir",
      dataDir,
      "daemon",
    ]);
    expect(result.stdout).toContain("systemctl --user enable junmai-sync.service");
    expect(result.stdout).toContain(`log: ${path.join(dataDir, "logs", "service.log")}`);
    expect(result.stdout).toContain("loginctl enable-linger");
    expect(existsSync(unit)).toBe(false);
  });

  it("--dry-run --os macos prints a LaunchAgent plist; --os windows the task XML", async () => {
    const { dir, dataDir, env } = workspace();
    const mac = await runCli(["service", "install", "--dry-run", "--os", "macos"], { cwd: dir, env });
    expect(mac.code).toBe(0);
    const plist = parsePlist(fileFrom(mac.stdout, "LaunchAgent")) as Record<string, unknown>;
    expect(plist.ProgramArguments).toEqual([process.execPath, CLI, "--data-dir", dataDir, "daemon"]);
    expect(plist.KeepAlive).toEqual({ SuccessfulExit: false });
    expect(mac.stdout).toContain("launchctl bootstrap gui/");
    expect(mac.stdout).toContain("Full Disk Access");

    const windows = await runCli(["service", "install", "--dry-run", "--os", "windows"], { cwd: dir, env });
    expect(windows.code).toBe(0);
    expect(windows.stdout).toMatch(/<LogonType>InteractiveToken<\/LogonType>/);
    expect(windows.stdout).toContain("schtasks /Create /TN junmai-sync /XML");

    const refused = await runCli(["service", "install", "--os", "windows"], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("only be shown (--dry-run)");
  });

  it("installs, installs again (already installed, updated), reports status, uninstalls twice", async () => {
    const { dir, dataDir, env, calls, unit } = workspace();
    const first = await runCli(["service", "install"], { cwd: dir, env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`installed: ${unit}`);
    expect(parseSystemdUnit(readFileSync(unit, "utf8")).Service?.Restart).toEqual(["on-failure"]);
    expect(readFileSync(calls, "utf8").split("\n")).toEqual([
      "--user daemon-reload",
      "--user enable junmai-sync.service",
      "--user restart junmai-sync.service",
      "",
    ]);

    const again = await runCli(["service", "install"], { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`already installed, updated: ${unit}`);

    const status = await runCli(["service", "status"], { cwd: dir, env });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`installed (linux): ${unit}`);
    expect(status.stdout).toContain("state: running");
    expect(status.stdout).toContain(`log: ${path.join(dataDir, "logs", "service.log")}`);

    const noLog = await runCli(["service", "logs"], { cwd: dir, env });
    expect(noLog.stdout).toContain("no log yet at");
    writeFileSync(path.join(dataDir, "logs", "service.log"), "one\ntwo\nthree\n");
    const tail = await runCli(["service", "logs", "-n", "2"], { cwd: dir, env });
    expect(tail.stdout.split("\n").slice(1, 3)).toEqual(["two", "three"]);

    const removed = await runCli(["service", "uninstall"], { cwd: dir, env });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`uninstalled: removed ${unit}`);
    expect(existsSync(unit)).toBe(false);
    expect(readFileSync(calls, "utf8")).toContain("--user disable --now junmai-sync.service");

    const nothing = await runCli(["service", "uninstall"], { cwd: dir, env });
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain(`not installed: nothing to remove (${unit} does not exist)`);
    const after = await runCli(["service", "status", "--json"], { cwd: dir, env });
    expect(JSON.parse(after.stdout)).toMatchObject({ os: "linux", installed: false, state: "stopped" });
  });

  it("says what failed when the service manager refuses, and leaves the unit for a second try", async () => {
    const { dir, env, unit } = workspace();
    const bin = path.join(dir, "bin");
    writeFileSync(
      path.join(bin, "systemctl"),
      "#!/bin/sh\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n",
    );
    const result = await runCli(["service", "install"], { cwd: dir, env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("SERVICE_FAILED: `systemctl --user daemon-reload` failed");
    expect(result.stderr).toContain("detail: Failed to connect to bus");
    expect(existsSync(unit)).toBe(true);
  });
});
