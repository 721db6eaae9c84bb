/**
 * The daemon's server as a user meets it: `junmai-sync token`, the dashboard address printed at
 * start, a refusal to listen beyond loopback with a weak token, and a taken port that costs the
 * dashboard but never the uploads.
 */
import { existsSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

function workspace(extra: NodeJS.ProcessEnv = {}) {
  const dir = makeTempDir("junmai-e2e-");
  return { dir, env: isolatedEnv(path.join(dir, "data"), extra) };
}

describe("junmai-sync token and the daemon's dashboard", () => {
  it("prints one stable token, and a link to the running daemon's dashboard that signs in", async () => {
    const { dir, env } = workspace();
    const first = await runCli(["token"], { cwd: dir, env });
    expect(first.code).toBe(0);
    const token = first.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await runCli(["token"], { cwd: dir, env })).stdout.trim()).toBe(token);
    if (process.platform !== "win32")
      expect(statSync(path.join(dir, "data", "api-token")).mode & 0o777).toBe(0o600);

    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "daemon"],
      /dashboard (http:\/\/127\.0\.0\.1:(\d+))\//,
      {
        cwd: dir,
        env,
      },
    );
    try {
      const base = daemon.match[1];
      const link = await runCli(["token", "--url"], { cwd: dir, env });
      expect(link.stdout.trim()).toBe(`${base}/#token=${token}`);
      const answer = await fetch(`${base}/api/v1/status`);
      expect(answer.status).toBe(200);
      const pause = await fetch(`${base}/api/v1/pause`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(await pause.json()).toEqual({ destination: null, paused: true });
      const status = JSON.parse((await runCli(["status", "--json"], { cwd: dir, env })).stdout);
      expect(status.pausedSince).toEqual(expect.any(Number));
      expect(status.dashboard).toBe(base);
      expect((await runCli(["status"], { cwd: dir, env })).stdout).toContain(`· dashboard ${base}/`);
    } finally {
      await stopProcess(daemon.child);
    }
    expect(existsSync(path.join(dir, "data", "server.json"))).toBe(false);
  });

  it("refuses to listen beyond loopback with a weak token, before any upload starts", async () => {
    const { dir, env } = workspace({ JUNMAI_SYNC_API_TOKEN: "letmein" });
    writeRandomFile(dir, "var/export/IMG_0001.jpg", 1_000);
    // 192.0.2.10 (TEST-NET-1) is never bound: the refusal comes first.
    const result = await runCli(["daemon", "--listen", "192.0.2.10:7420"], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("SERVER_UNSAFE");
    expect(result.stderr).toContain("shorter than 32 characters");
    expect(result.stderr).not.toContain("letmein");
    expect(existsSync(path.join(dir, "var", "cloud", "IMG_0001.jpg"))).toBe(false);
  });

  it("keeps uploading when the dashboard's port is taken, and says why it is missing", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    const { dir, env } = workspace();
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "daemon", "--listen", `127.0.0.1:${port}`],
      /SERVER_FAILED/,
      {
        cwd: dir,
        env,
      },
    );
    try {
      expect(daemon.output()).toContain("the port is in use");
      const source = writeRandomFile(dir, "var/export/写真_桜.jpg", 50_000);
      const delivered = path.join(dir, "var", "cloud", "写真_桜.jpg");
      await eventually(
        () => (existsSync(delivered) && md5(delivered) === md5(source) ? true : undefined),
        30_000,
      );
    } finally {
      await stopProcess(daemon.child);
      taken.close();
    }
  });
});
