/**
 * kill -9 of the daemon in the middle of a 40 MB SFTP upload to Debian's OpenSSH (sshd run as
 * this test's own process): the next daemon stats the partial file, checks its tail hash over
 * exec and writes on from its size. A TCP proxy in front of sshd counts the bytes sent, so a
 * resumed upload is proven not to send the prefix again; the file is checked byte for byte.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { type SshServer, startSshd } from "../fixtures/sshd.js";
import { startTcpProxy, type TcpProxy } from "../fixtures/tcp-proxy.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const SIZE = 40 * 1024 * 1024;
const NAME = "写真 clip.mov";

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

interface Setup {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly source: string;
  readonly server: string;
  readonly sshd: SshServer;
  readonly proxy: TcpProxy;
  writeConfig(bandwidth: string): void;
}

let setup: Setup;

beforeEach(async () => {
  const dir = makeTempDir("junmai-resume-sftp-");
  const sshd = await startSshd(path.join(dir, "ssh"));
  const proxy = await startTcpProxy("127.0.0.1", sshd.port);
  const server = path.join(dir, "server");
  const config = path.join(dir, "config.json");
  const writeConfig = (bandwidth: string) =>
    writeFileSync(
      config,
      JSON.stringify({
        destinations: [
          { name: "nas", remote: sshd.remote(server, proxy.port), path: "videos", resumableAbove: "10M" },
        ],
        bandwidth,
        engine: { pollIntervalMs: 100, leaseSeconds: 5 },
      }),
    );
  writeConfig("4M");
  const env = { ...isolatedEnv(path.join(dir, "data")), JUNMAI_SYNC_CONFIG: config };
  const source = writeRandomFile(path.join(dir, "export"), NAME, SIZE);
  setup = { dir, env, source, server, sshd, proxy, writeConfig };
});

afterEach(async () => {
  await setup.proxy.close();
  await setup.sshd.stop();
});

const partial = () => path.join(setup.server, "videos", ".junmai-upload-1.partial");
const delivered = () => path.join(setup.server, "videos", NAME);

async function killAtBytes(bytes: number): Promise<number> {
  const { dir, env } = setup;
  expect((await runCli(["upload", setup.source, "--to", "nas"], { cwd: dir, env })).code).toBe(0);
  const daemon = await spawnUntil(process.execPath, [CLI, "daemon"], /junmai-sync daemon/, { cwd: dir, env });
  try {
    await eventually(
      () => (existsSync(partial()) && statSync(partial()).size >= bytes ? true : undefined),
      60_000,
      50,
    );
  } finally {
    await stopProcess(daemon.child, "SIGKILL");
  }
  return statSync(partial()).size;
}

async function finishWithDaemon(): Promise<Record<string, unknown>> {
  const { dir, env } = setup;
  setup.writeConfig("off");
  const daemon = await spawnUntil(process.execPath, [CLI, "daemon"], /junmai-sync daemon/, { cwd: dir, env });
  try {
    return await eventually(
      async () => {
        const job = await runCliJson(["status", "1", "--json"], { cwd: dir, env });
        // Done, failed, or held for a fix (a destination that needs attention holds its jobs).
        const held = job.lastError?.temporary === false;
        return job.state === "completed" || job.state === "failed" || held ? job : undefined;
      },
      90_000,
      300,
    );
  } finally {
    await stopProcess(daemon.child);
  }
}

describe("SFTP offset resume through kill -9 (OpenSSH sshd)", () => {
  it("writes on from the partial file's size; the prefix is not sent again", async () => {
    const kept = await killAtBytes(15 * 1024 * 1024);
    const before = setup.proxy.bytesUp;
    const job = await finishWithDaemon();
    expect(job.lastError).toBeNull();
    // Verified by md5 over exec (rclone's check of what our transport wrote), not only by size.
    expect(job).toMatchObject({ state: "completed", transport: "sftp", resumedFrom: kept, hashType: "md5" });
    expect(sha256(delivered())).toBe(sha256(setup.source));
    expect(existsSync(partial())).toBe(false);
    // What crossed the wire after the restart: the rest, plus SSH framing and rclone's checks.
    const sent = setup.proxy.bytesUp - before;
    expect(sent).toBeGreaterThanOrEqual(SIZE - kept);
    expect(sent).toBeLessThan((SIZE - kept) * 1.1 + 1024 * 1024);
  }, 180_000);

  it("starts again from 0 when the partial's tail differs from the local file", async () => {
    const kept = await killAtBytes(12 * 1024 * 1024);
    const fd = openSync(partial(), "r+");
    writeSync(fd, Buffer.from("not the same bytes"), 0, 18, kept - 1000);
    closeSync(fd);
    const job = await finishWithDaemon();
    expect(job).toMatchObject({ state: "completed", transport: "sftp", resumedFrom: null });
    expect(sha256(delivered())).toBe(sha256(setup.source));
  }, 180_000);

  it("starts again from 0 when the partial is larger than the local file", async () => {
    await killAtBytes(12 * 1024 * 1024);
    appendFileSync(partial(), Buffer.alloc(SIZE, 7));
    const job = await finishWithDaemon();
    expect(job).toMatchObject({ state: "completed", transport: "sftp", resumedFrom: null });
    expect(sha256(delivered())).toBe(sha256(setup.source));
  }, 180_000);

  it("a cancelled job's partial file is removed", async () => {
    const { dir, env } = setup;
    await killAtBytes(12 * 1024 * 1024);
    expect((await runCli(["cancel", "1"], { cwd: dir, env })).code).toBe(0);
    const daemon = await spawnUntil(process.execPath, [CLI, "daemon"], /junmai-sync daemon/, {
      cwd: dir,
      env,
    });
    try {
      await eventually(() => (existsSync(partial()) ? undefined : true), 60_000, 200);
    } finally {
      await stopProcess(daemon.child);
    }
    expect(existsSync(delivered())).toBe(false);
  }, 180_000);

  it("a full disk on the server is QUOTA_EXCEEDED, and the partial file stays to resume", async (context) => {
    const { dir, env, server } = setup;
    // A 20 MiB disk for a 40 MiB file; mounting needs root (CI runs these tests as root).
    mkdirSync(server, { recursive: true });
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=20m", "tmpfs", server], { stdio: "ignore" });
    } catch {
      context.skip();
    }
    try {
      setup.writeConfig("off");
      expect((await runCli(["upload", setup.source, "--to", "nas"], { cwd: dir, env })).code).toBe(0);
      const daemon = await spawnUntil(process.execPath, [CLI, "daemon"], /junmai-sync daemon/, {
        cwd: dir,
        env,
      });
      try {
        const job = await eventually(
          async () => {
            const now = await runCliJson(["status", "1", "--json"], { cwd: dir, env });
            return now.lastError === null ? undefined : now;
          },
          60_000,
          300,
        );
        expect(job.lastError).toMatchObject({ code: "QUOTA_EXCEEDED" });
        expect(job.state).not.toBe("completed");
      } finally {
        await stopProcess(daemon.child);
      }
      // What stays is a prefix of the source (cut back behind the failed write), so it resumes.
      const kept = readFileSync(partial());
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.equals(readFileSync(setup.source).subarray(0, kept.length))).toBe(true);
      expect(existsSync(delivered())).toBe(false);
    } finally {
      execFileSync("umount", [server], { stdio: "ignore" });
    }
  }, 180_000);

  it("revoked credentials hold the job at once (the destination needs attention), its partial kept", async () => {
    await killAtBytes(12 * 1024 * 1024);
    setup.sshd.revoke();
    const job = await finishWithDaemon();
    expect(job).toMatchObject({
      state: "retrying",
      lastError: expect.objectContaining({ code: "AUTH_FAILED", temporary: false }),
    });
    expect(existsSync(partial())).toBe(true);
  }, 180_000);
});
