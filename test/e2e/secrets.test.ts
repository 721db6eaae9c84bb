/**
 * No secret in any output: every command that touches remotes with passwords runs with debug
 * logging, and everything it printed (stdout, stderr, JSON, logs) is searched for the
 * passwords and for rclone's obscured forms of them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { type LoopbackServer, startWebdav } from "../fixtures/rclone-servers.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const PASSWORD = "Sakura-2026-secret!";
const WRONG = "Fuji-wrong-password?";
const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

describe("secrets never leak", () => {
  it("not in output, errors, JSON or debug logs of remote, upload, status, doctor, the daemon, its API, metrics and log file", async () => {
    const dir = makeTempDir("junmai-e2e-");
    const server = await startWebdav({ root: path.join(dir, "dav"), user: "studio", pass: PASSWORD });
    servers.push(server);
    const rcloneConf = path.join(dir, "rclone.conf");
    const config = path.join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        destinations: [
          { name: "dav", remote: "dav:" },
          { name: "wrong", remote: "wrong:", retries: 0 },
        ],
      }),
    );
    const env = isolatedEnv(path.join(dir, "data"), { DAV_PASS: PASSWORD, WRONG_PASS: WRONG });
    const outputs: string[] = [];
    const cli = async (args: string[], input?: string) => {
      const result = await runCli(
        ["--config", config, "--rclone-config", rcloneConf, "--log-level", "debug", ...args],
        { cwd: dir, env, ...(input === undefined ? {} : { input }) },
      );
      outputs.push(result.stdout, result.stderr);
      return result;
    };
    const url = `http://127.0.0.1:${server.port}/`;
    expect(
      (
        await cli([
          "remote",
          "add",
          "dav",
          "--type",
          "webdav",
          "--url",
          url,
          "--user",
          "studio",
          "--password-env",
          "DAV_PASS",
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await cli([
          "remote",
          "add",
          "wrong",
          "--type",
          "webdav",
          "--url",
          url,
          "--user",
          "studio",
          "--password-env",
          "WRONG_PASS",
        ])
      ).code,
    ).toBe(0);
    await cli(["remote", "list"]);
    await cli(["remote", "list", "--json"]);
    expect((await cli(["remote", "test", "dav"])).code).toBe(0);
    expect((await cli(["remote", "test", "wrong", "--json"])).code).toBe(1);
    writeRandomFile(dir, "export/写真_桜.jpg", 20_000);
    const upload = await cli(["upload", "export", "--to", "dav", "--to", "wrong", "--wait", "--json"]);
    expect(upload.code).toBe(1);
    expect(upload.stdout).toContain("AUTH_FAILED");
    await cli(["status", "--json"]);
    await cli(["status"]);
    await cli(["status", "2"]);
    await cli(["doctor"]);
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "--rclone-config", rcloneConf, "--log-level", "debug", "daemon"],
      /dashboard (http:\/\/127\.0\.0\.1:\d+)\//,
      { cwd: dir, env },
    );
    await cli(["retry", "--all"]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Everything the API and metrics show, read with the token.
    const token = (await cli(["token"])).stdout.trim();
    const api = async (route: string) => {
      const response = await fetch(`${daemon.match[1]}${route}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return response.text();
    };
    const jobs = JSON.parse(await api("/api/v1/jobs?limit=500")) as { jobs: { id: number }[] };
    expect(jobs.jobs.length).toBeGreaterThan(0);
    outputs.push(JSON.stringify(jobs));
    for (const job of jobs.jobs) outputs.push(await api(`/api/v1/jobs/${job.id}`));
    for (const route of ["/api/v1/status", "/api/v1/destinations", "/api/v1/batches", "/metrics"]) {
      outputs.push(await api(route));
    }
    await stopProcess(daemon.child);
    outputs.push(daemon.output());
    outputs.push(readFileSync(path.join(dir, "data", "logs", "junmai-sync.log"), "utf8"));

    const obscured = [...readFileSync(rcloneConf, "utf8").matchAll(/^pass = (.+)$/gm)].map(
      (match) => match[1] as string,
    );
    expect(obscured).toHaveLength(2);
    const everything = outputs.join("\n");
    expect(everything.length).toBeGreaterThan(2_000);
    for (const secret of [PASSWORD, WRONG, ...obscured]) expect(everything).not.toContain(secret);
  });
});
