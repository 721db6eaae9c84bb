/**
 * The resume benchmark (issue 25): a 400 MiB file to S3 (s3rver) and to SFTP (OpenSSH sshd) on
 * loopback, 20 MiB/s so a whole upload takes ~20 s. Once uninterrupted; once with the daemon
 * killed (`kill -9`) when at least half is recorded as sent (fraction f) and started again.
 * A TCP proxy in front of each server counts the bytes sent.
 *   (a) bytes sent over both runs ÷ file size          target ≤ 1.1
 *   (b) time after the restart ÷ uninterrupted time     target ≤ (1 − f) + 0.15
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { startTcpProxy, type TcpProxy } from "../test/fixtures/tcp-proxy.js";
import { type BenchServer, startS3rverServer, startSshdServer } from "./resume-servers.js";

const SIZE = 400 * 1024 * 1024;
const RATE = "20M";

export interface ResumeResult {
  readonly destination: "s3" | "sftp";
  readonly sizeBytes: number;
  readonly uninterruptedMs: number;
  /** Fraction recorded as sent when the daemon was killed. */
  readonly f: number;
  readonly afterRestartMs: number;
  readonly bytesSentRatio: number;
  readonly timeRatio: number;
  readonly timeTarget: number;
}

function writeSource(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, "w");
  for (let written = 0; written < SIZE; written += 16 * 1024 * 1024)
    writeSync(fd, randomBytes(16 * 1024 * 1024));
  closeSync(fd);
}

function query<T>(db: string, sql: string): T | undefined {
  if (!existsSync(db)) return undefined;
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).get() as T | undefined;
  } catch {
    return undefined;
  } finally {
    sqlite.close();
  }
}

async function until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

interface Run {
  readonly env: NodeJS.ProcessEnv;
  readonly db: string;
  readonly cwd: string;
}

function prepareRun(root: string, name: string, remote: string, cli: string, source: string): Run {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      destinations: [{ name: "bench", remote, path: name }],
      bandwidth: RATE,
      engine: { leaseSeconds: 10 },
    }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUNMAI_SYNC_CONFIG: config,
    JUNMAI_SYNC_DATA_DIR: path.join(dir, "data"),
    JUNMAI_SYNC_LISTEN: "127.0.0.1:0",
    NO_COLOR: "1",
  };
  delete env.AWS_CA_BUNDLE;
  delete env.JUNMAI_SYNC_PG_URL;
  execFileSync(process.execPath, [cli, "upload", source, "--to", "bench"], {
    env,
    cwd: dir,
    stdio: "ignore",
  });
  return { env, db: path.join(dir, "data", "queue.db"), cwd: dir };
}

function daemon(run: Run, cli: string): ChildProcess {
  return spawn(process.execPath, [cli, "daemon"], { env: run.env, cwd: run.cwd, stdio: "ignore" });
}

const completed = (db: string) =>
  query<{ state: string }>(db, "SELECT state FROM jobs WHERE id = 1")?.state === "completed"
    ? true
    : undefined;

/** Runs the daemon until the job completes; the time from its start. */
async function timeToComplete(run: Run, cli: string): Promise<number> {
  const started = performance.now();
  const child = daemon(run, cli);
  try {
    await until(() => completed(run.db), 300_000, "upload");
    return performance.now() - started;
  } finally {
    await stop(child, "SIGTERM");
  }
}

async function measureOne(
  root: string,
  destination: "s3" | "sftp",
  server: BenchServer,
  proxy: TcpProxy,
  cli: string,
  source: string,
  sftpRoot: string,
): Promise<ResumeResult> {
  const whole = prepareRun(root, `${destination}-whole`, server.remote(proxy.port), cli, source);
  const uninterruptedMs = await timeToComplete(whole, cli);

  const cut = prepareRun(root, `${destination}-cut`, server.remote(proxy.port), cli, source);
  const before = proxy.bytesUp;
  const recorded =
    destination === "s3"
      ? () => query<{ n: number | null }>(cut.db, "SELECT sum(size_bytes) AS n FROM resume_parts")?.n ?? 0
      : () => {
          const partial = path.join(sftpRoot, `${destination}-cut`, ".junmai-upload-1.partial");
          return existsSync(partial) ? statSync(partial).size : 0;
        };
  const first = daemon(cut, cli);
  try {
    await until(() => (recorded() >= SIZE / 2 ? true : undefined), 300_000, "half recorded");
  } finally {
    await stop(first, "SIGKILL");
  }
  const f = recorded() / SIZE;
  const afterRestartMs = await timeToComplete(cut, cli);
  const timeRatio = afterRestartMs / uninterruptedMs;
  return {
    destination,
    sizeBytes: SIZE,
    uninterruptedMs: Math.round(uninterruptedMs),
    f: Number(f.toFixed(3)),
    afterRestartMs: Math.round(afterRestartMs),
    bytesSentRatio: Number(((proxy.bytesUp - before) / SIZE).toFixed(3)),
    timeRatio: Number(timeRatio.toFixed(3)),
    timeTarget: Number((1 - f + 0.15).toFixed(3)),
  };
}

export async function measureResume(root: string, cli: string): Promise<ResumeResult[]> {
  const source = path.join(root, "resume-source", "film.mov");
  writeSource(source);
  const results: ResumeResult[] = [];
  const s3 = await startS3rverServer(path.join(root, "s3rver"));
  const s3Proxy = await startTcpProxy("127.0.0.1", s3.port);
  try {
    results.push(await measureOne(root, "s3", s3, s3Proxy, cli, source, ""));
  } finally {
    await s3Proxy.close();
    await s3.stop();
  }
  const sftpRoot = path.join(root, "sftp-root");
  const sshd = await startSshdServer(path.join(root, "resume-sshd"), sftpRoot);
  const sshProxy = await startTcpProxy("127.0.0.1", sshd.port);
  try {
    results.push(await measureOne(root, "sftp", sshd, sshProxy, cli, source, sftpRoot));
  } finally {
    await sshProxy.close();
    await sshd.stop();
  }
  return results;
}

export function resumeLines(results: readonly ResumeResult[]): string[] {
  return results.map(
    (r) =>
      `resume ${r.destination.padEnd(4)} 400 MiB at ${RATE}/s: whole ${(r.uninterruptedMs / 1000).toFixed(1)} s; killed at f=${r.f.toFixed(2)}, after restart ${(r.afterRestartMs / 1000).toFixed(1)} s · (a) bytes sent ÷ size ${r.bytesSentRatio.toFixed(2)} (≤ 1.10) · (b) time after restart ÷ whole ${r.timeRatio.toFixed(2)} (≤ ${r.timeTarget.toFixed(2)})`,
  );
}
