/**
 * `junmai-sync integrate …`: the generated Lightroom and Capture One scripts are run under bash
 * the way the applications call them — exported files as arguments, or a list file from the
 * droplet — with spaces, quotes, `$` and Japanese in every path, and the files must be queued.
 * The Junmai AutoDev snippet is run with Python where Python exists.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findExecutable } from "../../src/platform/find-executable.js";
import { CLI, isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const NAMES = ["DSC_0001.jpg", "写真_桜.jpg", "it's $5 #1 %pct%.jpg", "a  b (1).jpg"];

function workspace() {
  const dir = makeTempDir("junmai integrate 写真 ");
  const home = path.join(dir, "home 山田");
  const dataDir = path.join(dir, "data 写真");
  const env = isolatedEnv(dataDir, { HOME: home });
  const exportDir = path.join(dir, "Exports", "2026-11-27 結婚式 'A&B'");
  mkdirSync(exportDir, { recursive: true });
  const files = NAMES.map((name) => {
    const file = path.join(exportDir, name);
    writeFileSync(file, `photo ${name}`);
    return file;
  });
  return { dir, home, dataDir, env, files };
}

/** Runs a generated script with bash, from another folder and without our environment variables. */
function bash(
  script: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: path.dirname(cwd), TMPDIR: cwd };
  return new Promise((resolve) => {
    execFile("bash", [script, ...args], { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({
        code: error === null ? 0 : ((error as { code?: number }).code ?? null),
        output: `${stdout}${stderr}`,
      });
    });
  });
}

async function queuedSources(dataDir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const status = await runCliJson(["--data-dir", dataDir, "status", "--json"], { env });
  const total = Object.values(status.counts as Record<string, number>).reduce((sum, n) => sum + n, 0);
  const sources: string[] = [];
  for (let id = 1; id <= total; id += 1) {
    sources.push(
      (await runCliJson(["--data-dir", dataDir, "status", String(id), "--json"], { env })).sourcePath,
    );
  }
  return sources.sort();
}

describe("junmai-sync integrate (CLI)", () => {
  it("lightroom: creates the Export Actions folder and writes a script that queues the exported files", async () => {
    const { dir, home, dataDir, env, files } = workspace();
    const folder = path.join(home, "Library", "Application Support", "Adobe", "Lightroom", "Export Actions");
    const result = await runCli(["integrate", "lightroom", "--os", "macos", "--subpath", "clients/山田"], {
      cwd: dir,
      env,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`created ${folder}`);
    const script = path.join(folder, "junmai-sync upload.command");
    expect(result.stdout).toContain(`wrote Lightroom export action: ${script}`);
    expect(result.stdout).toContain("watched folder");

    const elsewhere = makeTempDir("lightroom cwd ");
    const run = await bash(script, files, elsewhere);
    expect(run.code, run.output).toBe(0);
    expect(await queuedSources(dataDir, env)).toEqual([...files].sort());
    const job = await runCliJson(["--data-dir", dataDir, "status", "1", "--json"], { env });
    expect(job.remotePath.startsWith("clients/山田/")).toBe(true);
    const log = readFileSync(path.join(dataDir, "logs", "integrations.log"), "utf8");
    expect(log).toMatch(/Queued batch 1: 4 jobs → local/);
    // The list went through a temporary file, which is gone.
    expect(existsSync(path.join(elsewhere, "junmai-sync-list"))).toBe(false);

    // Again: the folder exists now, the script is replaced.
    const again = await runCli(["integrate", "lightroom", "--os", "macos"], { cwd: dir, env });
    expect(again.stdout).not.toContain("created");
  });

  it("lightroom: a big export (over cmd's 8 191 characters of names) is queued as one batch", async () => {
    const { dir, dataDir, env } = workspace();
    const many = path.join(dir, "Exports", "大きい書き出し with spaces");
    mkdirSync(many, { recursive: true });
    const files = Array.from({ length: 200 }, (_, index) => {
      const file = path.join(many, `写真 ${String(index).padStart(4, "0")} ${"x".repeat(40)}.jpg`);
      writeFileSync(file, "x");
      return file;
    });
    expect(files.join(" ").length).toBeGreaterThan(8191);
    const folder = path.join(dir, "actions");
    expect(
      (await runCli(["integrate", "lightroom", "--os", "macos", "--dir", folder], { cwd: dir, env })).code,
    ).toBe(0);
    const run = await bash(path.join(folder, "junmai-sync upload.command"), files, makeTempDir());
    expect(run.code, run.output).toBe(0);
    const status = await runCliJson(["--data-dir", dataDir, "status", "--json"], { env });
    expect(status.counts.pending).toBe(200);
    expect(status.batches).toHaveLength(1);
  });

  it("capture-one: the droplet's script queues files given as arguments or in a UTF-8 list", async () => {
    const { dir, dataDir, env, files } = workspace();
    const folder = path.join(dir, "Capture One scripts");
    const result = await runCli(["integrate", "capture-one", "--os", "macos", "--dir", folder], {
      cwd: dir,
      env,
    });
    expect(result.code).toBe(0);
    const script = path.join(folder, "junmai-sync upload.command");
    const droplet = readFileSync(path.join(folder, "junmai-sync upload.applescript"), "utf8");
    expect(droplet).toContain(`do shell script quoted form of "${script}" & " --from-file "`);
    expect(result.stdout).toMatch(/osacompile/);

    const [first, ...rest] = files as [string, ...string[]];
    const cwd = makeTempDir("capture one cwd ");
    expect((await bash(script, [first], cwd)).code).toBe(0);
    // What the droplet does: one POSIX path per line, UTF-8, then --from-file.
    const list = path.join(cwd, "list 一覧.txt");
    writeFileSync(list, `${rest.join("\n")}\n`);
    const run = await bash(script, ["--from-file", list], cwd);
    expect(run.code, run.output).toBe(0);
    expect(await queuedSources(dataDir, env)).toEqual([...files].sort());
  });

  it("writes a Windows .bat that hands the files over in a list file, never on one line", async () => {
    const { dir, env, dataDir } = workspace();
    const folder = path.join(dir, "win");
    const result = await runCli(["integrate", "lightroom", "--os", "windows", "--dir", folder, "--dry-run"], {
      cwd: dir,
      env,
    });
    expect(result.code).toBe(0);
    expect(existsSync(folder)).toBe(false);
    const bat = result.stdout;
    expect(bat).toContain("chcp 65001");
    expect(bat).toContain('set "item=%~f1"');
    expect(bat).toContain("shift");
    expect(bat).toContain('upload --from-file "%list%"');
    expect(bat).not.toContain("%*");
    expect(bat).toContain(`"--data-dir" "${dataDir}"`);
  });

  it("refuses an unknown destination, and an application this system does not have", async () => {
    const { dir, env } = workspace();
    const unknown = await runCli(["integrate", "lightroom", "--os", "macos", "--to", "dropbox"], {
      cwd: dir,
      env,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'UNKNOWN_DESTINATION: --to names "dropbox", which is not a destination (known: local)',
    );
    if (process.platform === "linux") {
      const linux = await runCli(["integrate", "lightroom"], { cwd: dir, env });
      expect(linux.code).toBe(2);
      expect(linux.stderr).toContain("runs on macOS and Windows only");
    }
  });

  const python = findExecutable("python3");
  it.runIf(python !== undefined)(
    "junmai-autodev: the printed snippet queues through the API, or the CLI without a daemon",
    async () => {
      const { dir, dataDir, env, files } = workspace();
      const result = await runCli(["integrate", "junmai-autodev"], { cwd: dir, env });
      expect(result.code).toBe(0);
      const lines = result.stdout.split("\n");
      const jsonStart = lines.indexOf("{");
      const jsonEnd = lines.findIndex((line, index) => index > jsonStart && line === "}");
      const section = JSON.parse(lines.slice(jsonStart, jsonEnd + 1).join("\n"));
      expect(section.cloud_sync).toEqual({ enabled: false });
      expect(section.junmai_sync).toMatchObject({
        data_dir: dataDir,
        command: [process.execPath, CLI, "--data-dir", dataDir],
      });
      const snippet = result.stdout.slice(
        result.stdout.indexOf("import json"),
        result.stdout.indexOf("Or, with nothing"),
      );
      const program = path.join(dir, "autodev.py");
      writeFileSync(
        program,
        `${snippet}\nimport sys\nsettings = json.loads(sys.argv[1])\nprint(json.dumps(queue_upload(settings, sys.argv[3:], batch=sys.argv[2])))\n`,
      );
      const runPython = (args: string[]) =>
        new Promise<string>((resolve, reject) => {
          execFile(
            python as string,
            [program, JSON.stringify(section.junmai_sync), ...args],
            // The daemon's environment: the CLI the snippet falls back to queues where the daemon
            // would (SQLite in the data dir), never into CI's JUNMAI_SYNC_PG_URL and its default
            // schema, which no test would drop.
            { timeout: 60_000, env },
            (error, stdout, stderr) =>
              error === null ? resolve(stdout) : reject(new Error(`${error.message}\n${stderr}`)),
          );
        });
      // No daemon: through the CLI.
      const viaCli = JSON.parse(await runPython(["AutoDev 1", files[0] as string]));
      expect(viaCli.jobs).toBe(1);
      // Into this workspace's own queue, the one the daemon below serves.
      expect(await queuedSources(dataDir, env)).toEqual([files[0]]);
      // With the daemon: through POST /api/v1/uploads.
      const daemon = await spawnUntil(process.execPath, [CLI, "daemon"], /dashboard http/, { cwd: dir, env });
      try {
        const viaApi = JSON.parse(await runPython(["AutoDev 2", ...(files.slice(1) as string[])]));
        expect(viaApi.jobIds).toHaveLength(3);
        expect(viaApi.batch.name).toBe("AutoDev 2");
      } finally {
        await stopProcess(daemon.child);
      }
    },
  );
});
