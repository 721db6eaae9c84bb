/**
 * kill -9 of the daemon in the middle of a 40 MB SFTP upload to Debian's OpenSSH (sshd run as
 * this test's own process): the next daemon stats the partial file, checks its tail hash over
 * exec and writes on from its size. A TCP proxy in front of sshd counts the bytes sent, so a
 * resumed upload is proven not to send the prefix again; the file is checked byte for byte.
 */
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/cli.js";
import {
  finishWithDaemon,
  jobStatus,
  killDaemonWhen,
  queueSource,
  RESUME_SIZE,
  type ResumeWorkspace,
  resumeWorkspace,
  sha256,
  withDaemon,
} from "../fixtures/resume-daemon.js";
import { type SshServer, startSshd } from "../fixtures/sshd.js";
import { startTcpProxy, type TcpProxy } from "../fixtures/tcp-proxy.js";
import { eventually } from "../fixtures/wait.js";

const NAME = "写真 clip.mov";

interface Setup extends ResumeWorkspace {
  readonly server: string;
  readonly sshd: SshServer;
  readonly proxy: TcpProxy;
  /** The destination, through the proxy, with this bandwidth limit. */
  writeSftpConfig(bandwidth: string): void;
}

let setup: Setup;

beforeEach(async () => {
  const workspace = resumeWorkspace({ prefix: "junmai-resume-sftp-", fileName: NAME });
  const sshd = await startSshd(path.join(workspace.dir, "ssh"));
  const proxy = await startTcpProxy("127.0.0.1", sshd.port);
  const server = path.join(workspace.dir, "server");
  const writeSftpConfig = (bandwidth: string) =>
    workspace.writeConfig(
      { name: "nas", remote: sshd.remote(server, proxy.port), path: "videos", resumableAbove: "10M" },
      bandwidth,
    );
  writeSftpConfig("4M");
  setup = { ...workspace, server, sshd, proxy, writeSftpConfig };
});

afterEach(async () => {
  await setup.proxy.close();
  await setup.sshd.stop();
});

const partial = () => path.join(setup.server, "videos", ".junmai-upload-1.partial");
const delivered = () => path.join(setup.server, "videos", NAME);

async function killAtBytes(bytes: number): Promise<number> {
  await queueSource(setup, "nas");
  await killDaemonWhen(setup, () =>
    existsSync(partial()) && statSync(partial()).size >= bytes ? true : undefined,
  );
  return statSync(partial()).size;
}

/** Restarts the daemon without a bandwidth limit and waits for the job to settle. */
function finishUnlimited(): Promise<Record<string, unknown>> {
  setup.writeSftpConfig("off");
  return finishWithDaemon(setup);
}

describe("SFTP offset resume through kill -9 (OpenSSH sshd)", () => {
  it("writes on from the partial file's size; the prefix is not sent again", async () => {
    const kept = await killAtBytes(15 * 1024 * 1024);
    const before = setup.proxy.bytesUp;
    const job = await finishUnlimited();
    expect(job.lastError).toBeNull();
    // Verified by md5 over exec (rclone's check of what our transport wrote), not only by size.
    expect(job).toMatchObject({ state: "completed", transport: "sftp", resumedFrom: kept, hashType: "md5" });
    expect(sha256(delivered())).toBe(sha256(setup.source));
    expect(existsSync(partial())).toBe(false);
    // What crossed the wire after the restart: the rest, plus SSH framing and rclone's checks.
    const sent = setup.proxy.bytesUp - before;
    expect(sent).toBeGreaterThanOrEqual(RESUME_SIZE - kept);
    expect(sent).toBeLessThan((RESUME_SIZE - kept) * 1.1 + 1024 * 1024);
  }, 180_000);

  it("starts again from 0 when the partial's tail differs from the local file", async () => {
    const kept = await killAtBytes(12 * 1024 * 1024);
    const fd = openSync(partial(), "r+");
    writeSync(fd, Buffer.from("not the same bytes"), 0, 18, kept - 1000);
    closeSync(fd);
    const job = await finishUnlimited();
    expect(job).toMatchObject({ state: "completed", transport: "sftp", resumedFrom: null });
    expect(sha256(delivered())).toBe(sha256(setup.source));
  }, 180_000);

  it("starts again from 0 when the partial is larger than the local file", async () => {
    await killAtBytes(12 * 1024 * 1024);
    appendFileSync(partial(), Buffer.alloc(RESUME_SIZE, 7));
    const job = await finishUnlimited();
    expect(job).toMatchObject({ state: "completed", transport: "sftp", resumedFrom: null });
    expect(sha256(delivered())).toBe(sha256(setup.source));
  }, 180_000);

  it("a cancelled job's partial file is removed", async () => {
    const { dir, env } = setup;
    await killAtBytes(12 * 1024 * 1024);
    expect((await runCli(["cancel", "1"], { cwd: dir, env })).code).toBe(0);
    await withDaemon(setup, () => eventually(() => (existsSync(partial()) ? undefined : true), 60_000, 200));
    expect(existsSync(delivered())).toBe(false);
  }, 180_000);

  it("a full disk on the server is QUOTA_EXCEEDED, and the partial file stays to resume", async (context) => {
    const { server } = setup;
    // A 20 MiB disk for a 40 MiB file; mounting needs root (CI runs these tests as root).
    mkdirSync(server, { recursive: true });
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=20m", "tmpfs", server], { stdio: "ignore" });
    } catch {
      context.skip();
    }
    try {
      setup.writeSftpConfig("off");
      await queueSource(setup, "nas");
      await withDaemon(setup, async () => {
        const job = await eventually(
          async () => {
            const now = await jobStatus(setup);
            return now.lastError === null ? undefined : now;
          },
          60_000,
          300,
        );
        expect(job.lastError).toMatchObject({ code: "QUOTA_EXCEEDED" });
        expect(job.state).not.toBe("completed");
      });
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
    const job = await finishUnlimited();
    expect(job).toMatchObject({
      state: "retrying",
      lastError: expect.objectContaining({ code: "AUTH_FAILED", temporary: false }),
    });
    expect(existsSync(partial())).toBe(true);
  }, 180_000);
});
