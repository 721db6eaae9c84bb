/**
 * Setting up a cloud remote from the terminal as a user does it: the pasted `rclone authorize`
 * output checked before rclone.conf is touched, one clear "done" line, and `doctor` looking in
 * the rclone.conf named with --rclone-config and naming a missing remote with the fix.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedEnv, runCli } from "../fixtures/cli.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const PRINTED = [
  "2026/12/02 04:30:00 NOTICE: Got code",
  "Paste the following into your remote machine --->",
  '{"access_token":"ya29.pasted","token_type":"Bearer","refresh_token":"1//pasted","expiry":"2030-01-01T00:00:00Z"}',
  "<---End paste",
].join("\n");

describe("remote add (OAuth types) and doctor --rclone-config", () => {
  it("refuses anything but rclone's token, writing nothing; takes the full pasted text and ends with one done line", async () => {
    const dir = makeTempDir("junmai-remote-");
    const env = isolatedEnv(path.join(dir, "data"));
    const conf = path.join(dir, "my rclone.conf");
    const cli = (args: string[]) => runCli(["--rclone-config", conf, ...args], { cwd: dir, env });

    for (const wrong of [
      "https://www.dropbox.com/oauth2/authorize?code=abc",
      '{"code":"4/0Ab"}',
      "ya29.only-the-access-token",
    ]) {
      writeFileSync(path.join(dir, "wrong.txt"), wrong);
      const refused = await cli(["remote", "add", "gdrive", "--type", "drive", "--token-file", "wrong.txt"]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/not a drive token from rclone/);
      expect(refused.stderr).toMatch(/rclone authorize "drive"/);
      expect(existsSync(conf) ? readFileSync(conf, "utf8") : "").not.toContain("[gdrive]");
    }

    writeFileSync(path.join(dir, "printed.txt"), PRINTED);
    const added = await cli(["remote", "add", "gdrive", "--type", "drive", "--token-file", "printed.txt"]);
    expect(added.code).toBe(0);
    expect(added.stdout).not.toMatch(/refresh\?|one more question/);
    const lines = added.stdout.trim().split("\n");
    expect(lines.at(-1)).toBe(`✓ done: remote gdrive (drive) saved in ${conf}`);
    const saved = readFileSync(conf, "utf8");
    expect(saved).toContain("[gdrive]");
    expect(saved).toContain('"access_token":"ya29.pasted"');
    expect(saved).not.toContain("Paste the following");
  });

  it("doctor checks the rclone.conf given with --rclone-config and names a missing remote with the command to add it", async () => {
    const dir = makeTempDir("junmai-doctor-");
    const env = isolatedEnv(path.join(dir, "data"));
    const config = path.join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ destinations: [{ name: "cloud", remote: "gdrive:Photos" }] }));
    const conf = path.join(dir, "other.conf");
    writeFileSync(conf, "[nas]\ntype = local\n");
    const doctor = await runCli(["--config", config, "--rclone-config", conf, "doctor"], { cwd: dir, env });
    expect(doctor.code).not.toBe(0);
    expect(doctor.stdout).toContain(`no remote "gdrive" in ${conf}`);
    expect(doctor.stdout).toMatch(/hint: Create it: junmai-sync remote add gdrive --type/);

    // With the remote in that file, doctor finds it there (and only there).
    writeFileSync(conf, `[gdrive]\ntype = alias\nremote = ${path.join(dir, "drive")}\n`);
    const found = await runCli(["--config", config, "--rclone-config", conf, "doctor"], { cwd: dir, env });
    expect(found.stdout).toMatch(/✓ destination cloud/);
  });
});
