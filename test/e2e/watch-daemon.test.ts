/** The daemon as the main job: the quick start with no config, and an export pipeline's hooks. */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { CLI, isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("the daemon watches and delivers (CLI)", () => {
  it("with no config, delivers a file dropped into ./var/export to ./var/cloud", async () => {
    const dir = makeTempDir("junmai-e2e-");
    const env = isolatedEnv(path.join(dir, "data"));
    const daemon = await spawnUntil(process.execPath, [CLI, "daemon"], /watching .*var.export → local/, {
      cwd: dir,
      env,
    });
    try {
      const source = writeRandomFile(path.join(dir, "var", "export"), "写真 桜.jpg", 200_000);
      const delivered = path.join(dir, "var", "cloud", "写真 桜.jpg");
      await vi.waitFor(() => expect(existsSync(delivered) && md5(delivered) === md5(source)).toBe(true), {
        timeout: 30_000,
        interval: 200,
      });
    } finally {
      await stopProcess(daemon.child);
    }
    expect(daemon.child.exitCode).toBe(0);
    expect(daemon.output()).toMatch(/queued 1 job → batch 1 "export \d{4}-\d\d-\d\d/);
    expect(daemon.output()).toContain("✓ completed  local:写真 桜.jpg");
  });

  it("joins `upload --batch NAME` calls into one batch, reads paths from stdin, and announces the batch once", async () => {
    const dir = makeTempDir("junmai-e2e-");
    const env = isolatedEnv(path.join(dir, "data"));
    const config = path.join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        destinations: [{ name: "studio", remote: path.join(dir, "cloud") }],
        engine: { batchQuietSeconds: 3 },
      }),
    );
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /no watch folders configured/,
      {
        cwd: dir,
        env,
      },
    );
    try {
      const files = [
        "Lightroom 書き出し/IMG_0001.jpg",
        "Lightroom 書き出し/IMG_0002.jpg",
        "stdin/a b.jpg",
        "stdin/写真.jpg",
      ];
      for (const file of files) writeRandomFile(dir, file, 30_000);
      // An export action calls once per file with the same batch name.
      const first = await runCliJson(
        ["--config", config, "upload", "--batch", "Wedding", "--json", files[0] as string],
        {
          cwd: dir,
          env,
        },
      );
      const second = await runCliJson(
        ["--config", config, "upload", "--batch", "Wedding", "--json", files[1] as string],
        {
          cwd: dir,
          env,
        },
      );
      expect(second.batch.id).toBe(first.batch.id);
      // A script pipes NUL-separated paths (find -print0).
      const piped = await runCli(
        ["--config", config, "upload", "--from-stdin", "--batch", "Script", "--json"],
        {
          cwd: dir,
          env,
          input: `${files[2]}\0${files[3]}\0`,
        },
      );
      expect(piped.code).toBe(0);
      expect(JSON.parse(piped.stdout)).toMatchObject({ jobs: 2, missing: [] });
      await vi.waitFor(
        () => {
          expect(daemon.output()).toMatch(/batch \d+ "Wedding" completed: 2 completed/);
          expect(daemon.output()).toMatch(/batch \d+ "Script" completed: 2 completed/);
        },
        { timeout: 30_000, interval: 200 },
      );
      const status = await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env });
      expect(status.counts.completed).toBe(4);
      for (const file of files)
        expect(md5(path.join(dir, "cloud", path.basename(file)))).toBe(md5(path.join(dir, file)));
    } finally {
      await stopProcess(daemon.child);
    }
    expect(daemon.output().match(/"Wedding" completed/g)).toHaveLength(1);
  });

  it("refuses an empty upload with a usage error and a hint", async () => {
    const dir = makeTempDir("junmai-e2e-");
    const result = await runCli(["upload", "--from-stdin"], {
      cwd: dir,
      env: isolatedEnv(path.join(dir, "data")),
      input: "\n\n",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("USAGE");
    expect(result.stderr).toContain("--from-stdin");
  });
});
