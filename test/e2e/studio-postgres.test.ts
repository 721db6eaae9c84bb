/**
 * A studio on one PostgreSQL queue: daemons on two "hosts" (JUNMAI_SYNC_HOST tells them apart
 * on this one machine), other processes queueing while they work, a host dying, and the
 * database connection cut mid-batch. Real PostgreSQL (JUNMAI_SYNC_PG_URL), real rclone.
 */
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { StateCounts } from "../../src/domain/job.js";
import { isProcessAlive } from "../../src/platform/process.js";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { treeHashes, writeRandomFile } from "../fixtures/files.js";
import { pgSchemas } from "../fixtures/pg-schemas.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { startTcpProxy } from "../fixtures/tcp-proxy.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const postgres = pgSchemas();
const url = postgres.url;

interface Studio {
  readonly dir: string;
  readonly config: string;
  env(host: string, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

function studio(storeUrl: string, concurrency = 4, groupFiles = 64): Studio {
  const dir = makeTempDir("junmai-studio-");
  const schema = postgres.fresh();
  const config = path.join(dir, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      destinations: [{ name: "nas", remote: "./nas", concurrency }],
      store: { type: "postgres", url: storeUrl, schema },
      // Short leases so a dead host's jobs come back within seconds in the test.
      engine: { leaseSeconds: 5, pollIntervalMs: 200, shutdownGraceSeconds: 5, groupFiles },
    }),
  );
  return {
    dir,
    config,
    env: (host, extra = {}) =>
      isolatedEnv(path.join(dir, `data-${host}`), { JUNMAI_SYNC_HOST: host, ...extra }),
  };
}

function daemon(s: Studio, host: string, extra: NodeJS.ProcessEnv = {}) {
  return spawnUntil(
    process.execPath,
    [CLI, "--config", s.config, "daemon"],
    /junmai-sync daemon \(pid \d+\)/,
    {
      cwd: s.dir,
      env: s.env(host, extra),
    },
  );
}

async function counts(s: Studio) {
  const status = await runCli(["--config", s.config, "status", "--json"], {
    cwd: s.dir,
    env: s.env("viewer"),
  });
  expect(status.stderr).toBe("");
  return JSON.parse(status.stdout).counts as StateCounts;
}

function completedRemotes(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("✓ completed"))
    .map((line) =>
      line
        .slice("✓ completed".length)
        .trim()
        .replace(/ \([^)]*\)$/, ""),
    );
}

function completedLines(output: string): number {
  return completedRemotes(output).length;
}

describe.runIf(url !== undefined)("studio: one PostgreSQL queue, several hosts", () => {
  it("two daemons drain 500 jobs queued by other processes while they run: each file once, both hosts work", async () => {
    const s = studio(url as string);
    for (let index = 0; index < 400; index += 1) writeRandomFile(s.dir, `export-a/IMG_${index}.jpg`, 2_000);
    for (let index = 0; index < 100; index += 1) writeRandomFile(s.dir, `export-b/写真_${index}.jpg`, 2_000);
    const a = await daemon(s, "host-a");
    const b = await daemon(s, "host-b");
    try {
      expect(
        (
          await runCli(["--config", s.config, "upload", "export-a"], {
            cwd: s.dir,
            env: s.env("workstation-1"),
          })
        ).code,
      ).toBe(0);
      expect(
        (
          await runCli(["--config", s.config, "upload", "export-b"], {
            cwd: s.dir,
            env: s.env("workstation-2"),
          })
        ).code,
      ).toBe(0);
      const done = await eventually(
        async () => {
          const now = await counts(s);
          return now.completed + now.skipped + now.failed === 500 ? now : undefined;
        },
        120_000,
        500,
      );
      expect(done).toMatchObject({ completed: 500, failed: 0, pending: 0, uploading: 0 });
      const status = JSON.parse(
        (await runCli(["--config", s.config, "status", "--json"], { cwd: s.dir, env: s.env("viewer") }))
          .stdout,
      );
      expect(status.workers.map((worker: { host: string }) => worker.host).sort()).toEqual([
        "host-a",
        "host-b",
      ]);
    } finally {
      await stopProcess(a.child);
      await stopProcess(b.child);
    }
    const byA = completedLines(a.output());
    const byB = completedLines(b.output());
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(byA + byB).toBe(500);
    expect(treeHashes(path.join(s.dir, "nas", "export-a"))).toEqual(treeHashes(path.join(s.dir, "export-a")));
    expect(treeHashes(path.join(s.dir, "nas", "export-b"))).toEqual(treeHashes(path.join(s.dir, "export-b")));
  });

  it("a host killed mid-batch: the other finishes its jobs after the lease expires, nothing twice", async () => {
    // Groups of 4: the hosts take turns, and host-a dies with a group half-sent.
    const s = studio(url as string, 4, 4);
    for (let index = 0; index < 40; index += 1) writeRandomFile(s.dir, `export/IMG_${index}.jpg`, 400_000);
    expect(
      (await runCli(["--config", s.config, "upload", "export"], { cwd: s.dir, env: s.env("workstation") }))
        .code,
    ).toBe(0);
    // Throttled so both hosts are mid-transfer when host-a dies.
    const a = await daemon(s, "host-a", { RCLONE_BWLIMIT: "2M" });
    const b = await daemon(s, "host-b", { RCLONE_BWLIMIT: "2M" });
    let rcdOfA: number | undefined;
    try {
      await eventually(() => (completedLines(a.output()) > 0 ? true : undefined), 60_000);
      const [record] = readdirSync(path.join(s.dir, "data-host-a", "rcd"));
      rcdOfA = Number(record?.split("-")[1]?.replace(".json", ""));
      // The whole host goes: junmai-sync and its rclone.
      await stopProcess(a.child, "SIGKILL");
      process.kill(rcdOfA, "SIGKILL");
      const done = await eventually(
        async () => {
          const now = await counts(s);
          return now.completed + now.failed === 40 ? now : undefined;
        },
        120_000,
        500,
      );
      expect(done).toMatchObject({ completed: 40, failed: 0 });
    } finally {
      await stopProcess(b.child);
      if (rcdOfA !== undefined && isProcessAlive(rcdOfA)) process.kill(rcdOfA, "SIGKILL");
    }
    // The store counted 40 completed above. The logs witness "nothing twice": no file is reported
    // completed by both hosts. A host killed between its commit and its log lines cannot print
    // them, so up to one group's lines (4) of host-a may be missing, never extra.
    const reported = [...completedRemotes(a.output()), ...completedRemotes(b.output())];
    expect(new Set(reported).size).toBe(reported.length);
    expect(reported.length).toBeLessThanOrEqual(40);
    expect(reported.length).toBeGreaterThanOrEqual(40 - 4);
    expect(treeHashes(path.join(s.dir, "nas", "export"))).toEqual(treeHashes(path.join(s.dir, "export")));
    // The cut-off group's staging folder went with the retry of the job that named it.
    expect(readdirSync(path.join(s.dir, "nas"))).toEqual(["export"]);
  });

  it("the database goes away mid-batch: workers wait, resume by themselves, and lose nothing", async () => {
    const target = new URL(url as string);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(url as string);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    const s = studio(viaProxy.toString(), 3);
    for (let index = 0; index < 30; index += 1) writeRandomFile(s.dir, `export/IMG_${index}.jpg`, 300_000);
    const worker = await daemon(s, "host-a", { RCLONE_BWLIMIT: "2M" });
    try {
      expect(
        (await runCli(["--config", s.config, "upload", "export"], { cwd: s.dir, env: s.env("workstation") }))
          .code,
      ).toBe(0);
      await eventually(() => (completedLines(worker.output()) >= 3 ? true : undefined), 60_000);
      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await proxy.restore();
      const done = await eventually(
        async () => {
          const now = await counts(s);
          return now.completed + now.failed === 30 ? now : undefined;
        },
        90_000,
        500,
      );
      expect(done).toMatchObject({ completed: 30, failed: 0 });
    } finally {
      await stopProcess(worker.child);
      await proxy.close();
    }
    expect(worker.output()).toContain("the queue database is not answering; waiting for it");
    expect(worker.output()).toContain("answers again");
    expect(completedLines(worker.output())).toBe(30);
    expect(treeHashes(path.join(s.dir, "nas", "export"))).toEqual(treeHashes(path.join(s.dir, "export")));
  });
});
