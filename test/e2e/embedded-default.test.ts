/**
 * With no config, a checkout is self-contained: the queue lives in ./var/data beside ./var/export
 * and ./var/cloud. A per-user queue an earlier version left with open jobs is pointed out, with
 * the commands to finish or move it; with a config, the OS data folder stays the default.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, runCliJson } from "../fixtures/cli.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

function checkout() {
  const root = makeTempDir("junmai checkout 写真 ");
  const cwd = path.join(root, "junmai-sync");
  mkdirSync(cwd);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: path.join(root, "home"),
    XDG_CONFIG_HOME: path.join(root, "home", ".config"),
    XDG_DATA_HOME: path.join(root, "home", ".local", "share"),
    NO_COLOR: "1",
  };
  delete env.JUNMAI_SYNC_DATA_DIR;
  delete env.JUNMAI_SYNC_CONFIG;
  delete env.JUNMAI_SYNC_PG_URL;
  const oldDataDir = path.join(root, "home", ".local", "share", "junmai-sync");
  return { root, cwd, env, oldDataDir };
}

describe("the embedded default's queue", () => {
  it("lives in ./var/data, and doctor prints every resolved path", async () => {
    const { cwd, env, oldDataDir } = checkout();
    writeFileSync(path.join(cwd, "写真_桜.jpg"), "photo");
    const queued = await runCli(["upload", "写真_桜.jpg"], { cwd, env });
    expect(queued.code).toBe(0);
    expect(existsSync(path.join(cwd, "var", "data", "queue.db"))).toBe(true);
    expect(existsSync(oldDataDir)).toBe(false);

    const doctor = await runCliJson(["doctor", "--json"], { cwd, env });
    const paths = Object.fromEntries(
      (doctor.paths as { name: string; path: string; from: string }[]).map((line) => [line.name, line]),
    );
    expect(paths["data dir"]).toEqual({
      name: "data dir",
      path: path.join(cwd, "var", "data"),
      from: "embedded",
    });
    expect(paths.queue?.path).toBe(path.join(cwd, "var", "data", "queue.db"));
    expect(paths["watch[0]"]?.path).toBe(path.join(cwd, "var", "export"));
    expect(paths["destination local"]?.path).toBe(path.join(cwd, "var", "cloud"));
    expect(doctor.notices).toEqual([]);
    const text = await runCli(["doctor"], { cwd, env });
    expect(text.stdout).toMatch(/Paths \(relative ones in a config resolve against its folder/);
    expect(text.stdout).toContain(`data dir           ${path.join(cwd, "var", "data")}  (embedded)`);
  });

  it("points at an old per-user queue that still holds open jobs, with how to finish or move it", async () => {
    const { root, cwd, env, oldDataDir } = checkout();
    writeFileSync(path.join(root, "old.jpg"), "old");
    expect((await runCli(["--data-dir", oldDataDir, "upload", "old.jpg"], { cwd: root, env })).code).toBe(0);

    const status = await runCli(["status"], { cwd, env });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(
      `notice An older queue in ${oldDataDir} still holds 1 unfinished job(s); this checkout now keeps its queue in ${path.join(cwd, "var", "data")}.`,
    );
    expect(status.stdout).toContain(`junmai-sync --data-dir "${oldDataDir}" daemon`);
    expect(status.stdout).toContain(`move "${oldDataDir}/queue.db"`);
    const json = await runCliJson(["status", "--json"], { cwd, env });
    expect(json.oldQueue).toEqual({ dataDir: oldDataDir, open: 1 });
    const doctor = await runCliJson(["doctor", "--json"], { cwd, env });
    expect(doctor.notices).toHaveLength(3);

    // Finished (here: cancelled) jobs are nothing to point at.
    expect((await runCli(["--data-dir", oldDataDir, "cancel", "1"], { cwd: root, env })).code).toBe(0);
    expect((await runCliJson(["status", "--json"], { cwd, env })).oldQueue).toBeNull();
  });

  it("with a config file, the data dir stays the per-user OS folder", async () => {
    const { cwd, env, oldDataDir } = checkout();
    const configDir = path.join(String(env.XDG_CONFIG_HOME), "junmai-sync");
    mkdirSync(configDir, { recursive: true });
    writeFileSync(
      path.join(configDir, "config.json"),
      JSON.stringify({ destinations: [{ name: "nas", remote: "./cloud" }] }),
    );
    const doctor = await runCliJson(["doctor", "--json"], { cwd, env });
    const dataDir = (doctor.paths as { name: string; path: string; from: string }[]).find(
      (line) => line.name === "data dir",
    );
    expect(dataDir).toEqual({ name: "data dir", path: oldDataDir, from: "os" });
    expect(
      (doctor.paths as { name: string; path: string }[]).find((line) => line.name === "destination nas")
        ?.path,
    ).toBe(path.join(configDir, "cloud"));
  });
});
