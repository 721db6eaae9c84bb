/** `kill -9` of the daemon in the middle of a batch: the next start finishes it, exactly once. */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isProcessAlive } from "../../src/platform/process.js";
import { CLI, isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { treeHashes, writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe("crash recovery", () => {
  it("after kill -9 mid-batch, a restarted daemon stops the orphaned rcd and delivers every file once", async () => {
    const dir = makeTempDir("junmai-crash-");
    // Throttled so the batch is still running when the daemon is killed.
    const env = isolatedEnv(path.join(dir, "data"), { RCLONE_BWLIMIT: "4M" });
    const export_ = path.join(dir, "export");
    for (let index = 0; index < 24; index += 1)
      writeRandomFile(export_, `IMG_${String(index).padStart(4, "0")}.jpg`, 1_000_000);
    expect((await runCli(["upload", "export"], { cwd: dir, env })).code).toBe(0);

    const cloud = path.join(dir, "var", "cloud");
    const first = await spawnUntil(process.execPath, [CLI, "daemon"], /junmai-sync daemon/, {
      cwd: dir,
      env,
    });
    // Killed once bytes are landing: the group of files is half-way through.
    await eventually(
      async () => (existsSync(cloud) && listFiles(cloud).length > 2 ? true : undefined),
      30_000,
      20,
    );
    const [record] = readdirSync(path.join(dir, "data", "rcd"));
    const orphanRcd = Number(record?.split("-")[1]?.replace(".json", ""));
    expect(isProcessAlive(orphanRcd)).toBe(true);
    await stopProcess(first.child, "SIGKILL");

    const status = await runCliJson(["status", "--json"], { cwd: dir, env });
    expect(status.counts.completed).toBeLessThan(24);
    expect(status.counts.uploading + status.counts.verifying).toBeGreaterThan(0);

    const second = await spawnUntil(process.execPath, [CLI, "daemon"], /junmai-sync daemon/, {
      cwd: dir,
      env: { ...env, RCLONE_BWLIMIT: "off" },
    });
    try {
      const counts = await eventually(
        async () => {
          const now = (await runCliJson(["status", "--json"], { cwd: dir, env })).counts;
          return now.completed + now.skipped === 24 ? now : undefined;
        },
        60_000,
        500,
      );
      expect(counts.failed).toBe(0);
      expect(isProcessAlive(orphanRcd)).toBe(false);
    } finally {
      await stopProcess(second.child);
      // Should the test fail early, the orphan must not outlive it.
      if (isProcessAlive(orphanRcd)) process.kill(orphanRcd, "SIGKILL");
    }
    // Exactly the sent files, byte for byte: no partial file, no "IMG_0001 (1).jpg", and
    // nothing of the cut-off group's staging folder.
    expect(treeHashes(path.join(cloud, "export"))).toEqual(treeHashes(export_));
    expect(readdirSync(cloud)).toEqual(["export"]);
  });
});
