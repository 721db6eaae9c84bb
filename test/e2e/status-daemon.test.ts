/**
 * `status` asks the running daemon over its local API, and reads the queue itself — quietly,
 * with the same output — when no daemon answers: a real daemon (SQLite queue, real process)
 * answered and then stopped mid-way (no answer within the bound) or run with its server off,
 * and stand-ins for the rest: a lock naming a server that answers for another daemon, a port
 * now held by another program, a refusal, one that never answers, a closed port, a dead pid.
 */

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hostId } from "../../src/platform/host.js";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const READY = /dashboard (http:\/\/127\.0\.0\.1:\d+)\//;

function workspace() {
  const dir = makeTempDir("junmai-status-daemon-");
  const dataDir = path.join(dir, "data");
  const photo = path.join(dir, "photo 写真.jpg");
  writeFileSync(photo, "x".repeat(10_000));
  return { dir, dataDir, photo, env: isolatedEnv(dataDir) };
}

/** What changes from one reading to the next whoever reads: free space, heartbeats. */
function steady(json: string): unknown {
  return JSON.parse(json, (key, value) =>
    key === "freeBytes" || key === "heartbeatAt" || key === "updatedAt" ? 0 : value,
  );
}

async function status(dir: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  const result = await runCli(["status", ...args], { cwd: dir, env });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

/** A daemon.lock naming `dashboard`, held (as far as `status` can tell) by this test's process. */
function fakeLock(dataDir: string, dashboard: string | undefined, pid = process.pid): void {
  mkdirSync(dataDir, { recursive: true });
  const holder = { pid, since: new Date().toISOString(), host: hostId(), token: "feedfeedfeedfeed" };
  writeFileSync(
    path.join(dataDir, "daemon.lock"),
    `${JSON.stringify(dashboard === undefined ? holder : { ...holder, dashboard })}\n`,
  );
}

async function serve(answer: (url: string) => { status: number; body: string } | undefined): Promise<Server> {
  const server = createServer((request, response) => {
    const reply = answer(request.url ?? "");
    if (reply === undefined) return; // never answers
    response.writeHead(reply.status, { "content-type": "application/json" }).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The report a daemon would send for `pid`, with a count no real queue here has. */
function reportFor(pid: number) {
  const counts = {
    pending: 4242,
    uploading: 0,
    verifying: 0,
    retrying: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    skipped: 0,
  };
  const worker = { owner: `h:${pid}:x`, host: hostId(), pid, kind: "daemon", startedAt: 1, heartbeatAt: 1 };
  return {
    status: {
      config: { fault: null, removedDestinations: [] },
      counts,
      transfers: { sending: 0, waiting: 0 },
      destinations: [],
      pausedSince: null,
      bandwidth: null,
      daemon: worker,
      workers: [worker],
      active: [],
      dataDir: null,
    },
    batches: [],
    failed: [],
    retrying: [],
  };
}

describe("status with a daemon", () => {
  it("is answered by the running daemon, and reads the queue itself the same way when the daemon does not answer", async () => {
    const { dir, dataDir, photo, env } = workspace();
    const daemon = await spawnUntil(process.execPath, [CLI, "daemon"], READY, { cwd: dir, env });
    const url = daemon.match[1] as string;
    expect((await runCli(["upload", photo], { cwd: dir, env })).code).toBe(0);
    await eventually(async () => {
      const json = JSON.parse(await status(dir, env, "--json"));
      return json.counts.completed === 1 ? true : undefined;
    }, 30_000);
    // The lock names the dashboard once the server listens.
    await eventually(
      () =>
        JSON.parse(readFileSync(path.join(dataDir, "daemon.lock"), "utf8")).dashboard === url
          ? true
          : undefined,
      10_000,
    );

    const byDaemonJson = await status(dir, env, "--json");
    const byDaemonText = await status(dir, env);
    expect(JSON.parse(byDaemonJson).daemon.pid).toBe(daemon.child.pid);

    // Stopped (not killed): its lock and port stay, but nothing answers within the bound.
    daemon.child.kill("SIGSTOP");
    let localJson: string;
    let localText: string;
    try {
      localJson = await status(dir, env, "--json");
      localText = await status(dir, env);
    } finally {
      daemon.child.kill("SIGCONT");
    }
    expect(steady(localJson)).toEqual(steady(byDaemonJson));
    expect(localText).toBe(byDaemonText);
    expect(byDaemonText).toContain(`Daemon running (pid ${daemon.child.pid}`);
    await stopProcess(daemon.child);
  });

  it("reads the queue itself when the daemon's server is off", async () => {
    const { dir, dataDir, photo, env } = workspace();
    expect((await runCli(["upload", photo], { cwd: dir, env })).code).toBe(0);
    const before = steady(await status(dir, env, "--json")) as { counts: { pending: number } };
    expect(before.counts.pending).toBe(1);
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "daemon", "--listen", "off"],
      /working on queued jobs only|watching/,
      { cwd: dir, env },
    );
    // Read here (no server to ask), it shows the daemon once the daemon has registered its worker.
    const json = await eventually(async () => {
      const read = JSON.parse(await status(dir, env, "--json"));
      return read.daemon?.pid === daemon.child.pid ? read : undefined;
    }, 20_000);
    expect(json.dashboard).toBeNull();
    expect(JSON.parse(readFileSync(path.join(dataDir, "daemon.lock"), "utf8")).dashboard).toBeUndefined();
    await stopProcess(daemon.child);
  });

  it("takes the answer of the daemon that holds the lock", async () => {
    const { dir, dataDir, env } = workspace();
    const server = await serve((url) =>
      url === "/api/v1/status/report"
        ? { status: 200, body: JSON.stringify(reportFor(process.pid)) }
        : undefined,
    );
    try {
      fakeLock(dataDir, urlOf(server));
      const json = JSON.parse(await status(dir, env, "--json"));
      expect(json.counts.pending).toBe(4242);
      expect(await status(dir, env)).toContain("pending 4242");
    } finally {
      await close(server);
    }
  });

  const fallbacks: Array<[string, (url: string) => { status: number; body: string } | undefined]> = [
    ["answers for another daemon (another pid)", () => ({ status: 200, body: JSON.stringify(reportFor(1)) })],
    ["is another program on that port", () => ({ status: 200, body: '{"hello":"world"}' })],
    ["answers with something that is not JSON", () => ({ status: 200, body: "<html>hi</html>" })],
    ["refuses (401)", () => ({ status: 401, body: '{"code":"UNAUTHORIZED"}' })],
    ["fails (500)", () => ({ status: 500, body: "{}" })],
    ["never answers", () => undefined],
  ];
  for (const [what, answer] of fallbacks) {
    it(`reads the queue itself, quietly, when the dashboard named in the lock ${what}`, async () => {
      const { dir, dataDir, photo, env } = workspace();
      expect((await runCli(["upload", photo], { cwd: dir, env })).code).toBe(0);
      const server = await serve(answer);
      try {
        fakeLock(dataDir, urlOf(server));
        const json = JSON.parse(await status(dir, env, "--json"));
        expect(json.counts.pending).toBe(1);
        expect(await status(dir, env)).toContain("pending 1 ");
      } finally {
        await close(server);
      }
    });
  }

  it("reads the queue itself when the lock names a closed port, no dashboard, or a dead process", async () => {
    const { dir, dataDir, photo, env } = workspace();
    expect((await runCli(["upload", photo], { cwd: dir, env })).code).toBe(0);
    const server = await serve(() => undefined);
    const closed = urlOf(server);
    await close(server);
    for (const [dashboard, pid] of [
      [closed, process.pid],
      [undefined, process.pid],
      [closed, 2 ** 22 + 12_345],
    ] as const) {
      fakeLock(dataDir, dashboard, pid);
      const json = JSON.parse(await status(dir, env, "--json"));
      expect(json.counts.pending).toBe(1);
    }
  });
});
