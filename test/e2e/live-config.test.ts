/**
 * Live config against the real daemon: an edit of the config file (by rename, as editors do)
 * takes over without a restart, an invalid one is refused with key, line and column while the
 * previous config runs on, a removed destination's queued jobs wait and are not lost, and the
 * settings API replaces the file atomically (etag, .bak, key order, secrets kept).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli, runCliJson } from "../fixtures/cli.js";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

/** Writes the file the way editors and our own writer do: a new file renamed over the old. */
function replaceFile(file: string, text: string): void {
  writeFileSync(`${file}.swp`, text);
  renameSync(`${file}.swp`, file);
}

interface ConfigViewBody {
  readonly etag: string;
  readonly config: { readonly destinations: unknown[]; readonly notify: { url: string }[] };
  readonly fault: { readonly message: string } | null;
}

interface SavedBody {
  readonly etag: string;
  readonly reload: unknown;
}

function setUp() {
  const dir = makeTempDir("junmai-live-");
  const env = isolatedEnv(path.join(dir, "data"));
  const config = path.join(dir, "config.json");
  writeFileSync(
    config,
    `${JSON.stringify({ destinations: [{ name: "local", remote: "./var/cloud" }], notify: [] }, null, 2)}\n`,
  );
  return { dir, env, config };
}

/**
 * A PUT whose Content-Length announces `size` bytes, of which only the first 64 KiB are sent:
 * resolves with the server's answer, however early it comes.
 */
function putAnnouncing(
  url: string,
  size: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "PUT",
      headers: { ...headers, "Content-Length": String(size) },
      timeout: 10_000,
    });
    request.once("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.once("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.once("timeout", () => request.destroy(new Error("no answer within 10 s")));
    // After the answer, the server closing on the unsent rest is expected.
    request.on("error", (error) => reject(error));
    request.write("x".repeat(64 * 1024));
  });
}

describe("live config (daemon)", () => {
  it("takes an edited file at once, refuses a broken one with key, line and column, and keeps removed destinations' jobs", async () => {
    const { dir, env, config } = setUp();
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /dashboard (http:\/\/127\.0\.0\.1:\d+)\//,
      { cwd: dir, env },
    );
    const cli = (args: string[]) => runCli(["--config", config, ...args], { cwd: dir, env });
    try {
      const withBackup = {
        destinations: [
          { name: "local", remote: "./var/cloud" },
          { name: "backup", remote: "./var/backup", concurrency: 2 },
        ],
        notify: [],
      };
      replaceFile(config, `${JSON.stringify(withBackup, null, 2)}\n`);
      await eventually(
        () => (daemon.output().includes("new destinations: backup") ? true : undefined),
        15_000,
      );

      const source = writeRandomFile(dir, "export/写真 桜.jpg", 50_000);
      const uploaded = await cli(["upload", "export/写真 桜.jpg", "--to", "backup", "--wait"]);
      expect(uploaded.code).toBe(0);
      expect(md5(path.join(dir, "var", "backup", "写真 桜.jpg"))).toBe(md5(source));

      // Broken: concurrency 0 on line 10. The daemon keeps running the previous config.
      const broken = JSON.stringify(
        {
          ...withBackup,
          destinations: [withBackup.destinations[0], { ...withBackup.destinations[1], concurrency: 0 }],
        },
        null,
        2,
      );
      replaceFile(config, `${broken}\n`);
      await eventually(() => (daemon.output().includes("config change refused") ? true : undefined), 15_000);
      expect(daemon.output()).toMatch(/at `destinations\[1\]\.concurrency`, line 10, column 22 of /);
      writeFileSync(
        path.join(dir, "other.json"),
        JSON.stringify({ destinations: [{ name: "elsewhere", remote: "./var/elsewhere" }] }),
      );
      const status = await runCliJson(["--config", path.join(dir, "other.json"), "status", "--json"], {
        cwd: dir,
        env,
      });
      expect(status.config.fault).toMatchObject({ key: "destinations[1].concurrency", line: 10, column: 22 });
      expect(
        (await runCli(["--config", path.join(dir, "other.json"), "status"], { cwd: dir, env })).stdout,
      ).toMatch(/config change refused, still running the previous config/);

      // A command naming a destination the daemon does not know says so instead of waiting.
      writeRandomFile(dir, "export/two.jpg", 1_000);
      const unknown = await runCli(
        ["--config", path.join(dir, "other.json"), "upload", "export/two.jpg", "--to", "elsewhere", "--wait"],
        { cwd: dir, env },
      );
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/does not know destination "elsewhere": its config has local, backup/);
      expect(unknown.stderr).toMatch(/refused the config file's latest version/);

      // Removed while jobs wait: paused, queued, then removed — the job waits, then runs once back.
      replaceFile(config, `${JSON.stringify(withBackup, null, 2)}\n`);
      await eventually(
        async () =>
          (await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env })).config.fault ===
          null
            ? true
            : undefined,
        15_000,
      );
      expect((await cli(["pause", "backup"])).code).toBe(0);
      writeRandomFile(dir, "export/three.jpg", 2_000);
      expect((await cli(["upload", "export/three.jpg", "--to", "backup"])).code).toBe(0);
      replaceFile(
        config,
        `${JSON.stringify({ ...withBackup, destinations: [withBackup.destinations[0]] }, null, 2)}\n`,
      );
      await eventually(
        () =>
          daemon.output().includes("removed destinations (their queued jobs wait): backup")
            ? true
            : undefined,
        15_000,
      );
      const waiting = await runCliJson(["--config", config, "status", "--json"], { cwd: dir, env });
      // "elsewhere" too: queued above by a config the daemon never ran; it waits, not lost.
      expect(waiting.config.removedDestinations).toContainEqual({ name: "backup", waiting: 1 });
      expect((await cli(["status"])).stdout).toMatch(/backup destination removed from config \(1 waiting\)/);
      replaceFile(config, `${JSON.stringify(withBackup, null, 2)}\n`);
      await eventually(
        () => (daemon.output().match(/new destinations: backup/g)?.length === 2 ? true : undefined),
        15_000,
      );
      expect((await cli(["resume", "backup"])).code).toBe(0);
      await eventually(
        () => (existsSync(path.join(dir, "var", "backup", "three.jpg")) ? true : undefined),
        30_000,
      );
    } finally {
      await stopProcess(daemon.child);
    }
    expect(daemon.child.exitCode).toBe(0);
  });

  it("a destination removed while its upload runs: the transfer finishes verified, its queued jobs wait, and upload once it is back", async () => {
    const { dir, env, config } = setUp();
    // 200 KiB/s and one upload at a time: the 2 MB file is still moving when the file changes.
    const withSlow = {
      destinations: [
        { name: "local", remote: "./var/cloud" },
        { name: "slow", remote: "./var/slow", concurrency: 1, bandwidth: "200k" },
      ],
      notify: [],
    };
    writeFileSync(config, `${JSON.stringify(withSlow, null, 2)}\n`);
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /dashboard (http:\/\/127\.0\.0\.1:\d+)\//,
      { cwd: dir, env },
    );
    const cli = (args: string[]) => runCli(["--config", config, ...args], { cwd: dir, env });
    const status = () => runCliJson(["--config", config, "status", "--json"], { cwd: dir, env });
    const slow = (name: string) => path.join(dir, "var", "slow", name);
    try {
      const big = writeRandomFile(dir, "export/大きい 写真.jpg", 2_000_000);
      expect((await cli(["upload", "export/大きい 写真.jpg", "--to", "slow"])).code).toBe(0);
      await eventually(async () => ((await status()).counts.uploading === 1 ? true : undefined), 30_000);
      const small = ["one.jpg", "two.jpg"].map((name) => writeRandomFile(dir, `export/${name}`, 5_000));
      expect((await cli(["upload", "export/one.jpg", "export/two.jpg", "--to", "slow"])).code).toBe(0);

      replaceFile(
        config,
        `${JSON.stringify({ ...withSlow, destinations: [withSlow.destinations[0]] }, null, 2)}\n`,
      );
      await eventually(
        () =>
          daemon.output().includes("removed destinations (their queued jobs wait): slow") ? true : undefined,
        15_000,
      );
      // Still uploading when the removal landed, so the test shows what it claims.
      expect(existsSync(slow("大きい 写真.jpg"))).toBe(false);

      // The running transfer is not dropped: it completes, verified, byte for byte.
      await eventually(async () => ((await status()).counts.completed === 1 ? true : undefined), 60_000);
      expect(md5(slow("大きい 写真.jpg"))).toBe(md5(big));
      // The others wait, listed as removed; nothing of theirs arrived.
      const waiting = await status();
      expect(waiting.config.removedDestinations).toEqual([{ name: "slow", waiting: 2 }]);
      expect(waiting.counts.failed).toBe(0);
      expect((await cli(["status"])).stdout).toMatch(/slow destination removed from config \(2 waiting\)/);
      expect(existsSync(slow("one.jpg")) || existsSync(slow("two.jpg"))).toBe(false);

      // Back in the file: they upload.
      replaceFile(config, `${JSON.stringify(withSlow, null, 2)}\n`);
      await eventually(async () => ((await status()).counts.completed === 3 ? true : undefined), 60_000);
      expect([md5(slow("one.jpg")), md5(slow("two.jpg"))]).toEqual(small.map((file) => md5(file)));
      expect((await status()).config.removedDestinations).toEqual([]);
    } catch (error) {
      console.log(daemon.output().slice(-4000), JSON.stringify(await status()));
      throw error;
    } finally {
      await stopProcess(daemon.child);
    }
    expect(daemon.child.exitCode).toBe(0);
  });

  it("PUT /api/v1/config writes the file atomically (etag, .bak, order, secrets kept) and applies it; SIGHUP and reload read it again", async () => {
    const { dir, env, config } = setUp();
    const original = {
      // Loopback only, and only for failed batches: nothing is sent by this test.
      notify: [{ type: "slack", url: "http://127.0.0.1:9/services/T000/B000/SECRETKEY", on: ["failed"] }],
      destinations: [{ remote: "./var/cloud", name: "local" }],
    };
    writeFileSync(config, `${JSON.stringify(original, null, 4)}\n`);
    const token = (await runCli(["token"], { cwd: dir, env })).stdout.trim();
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /dashboard (http:\/\/127\.0\.0\.1:\d+)\//,
      { cwd: dir, env },
    );
    const base = `${daemon.match[1]}/api/v1`;
    const auth = { Authorization: `Bearer ${token}` };
    try {
      const read = await fetch(`${base}/config`);
      expect(read.status).toBe(200);
      const view = (await read.json()) as ConfigViewBody;
      expect(JSON.stringify(view)).not.toContain("SECRETKEY");
      expect(view.config.notify[0]?.url).toBe("(set)");

      const next = {
        ...view.config,
        destinations: [...view.config.destinations, { name: "backup", remote: "./var/backup" }],
      };
      const put = (body: unknown, etag: string) =>
        fetch(`${base}/config`, {
          method: "PUT",
          headers: { ...auth, "Content-Type": "application/json", "If-Match": etag },
          body: JSON.stringify(body),
        });
      const saved = await put(next, view.etag);
      expect(saved.status).toBe(200);
      const answer = (await saved.json()) as SavedBody;
      expect(answer.reload).toEqual({ ok: true, added: ["backup"], removed: [] });
      const text = readFileSync(config, "utf8");
      expect(JSON.parse(text).notify[0].url).toBe(original.notify[0]?.url);
      expect(text).toMatch(/^\{\n {4}"notify"/); // the user's order and indentation
      expect(text.indexOf('"remote"')).toBeLessThan(text.indexOf('"name"'));
      expect(JSON.parse(readFileSync(`${config}.bak`, "utf8"))).toEqual(original);
      writeRandomFile(dir, "export/a.jpg", 3_000);
      // Seen once in CI (not reproduced since): the upload following the daemon never saw its
      // job move. The daemon's own words then go with the failure.
      const uploaded = await runCli(
        ["--config", config, "upload", "export/a.jpg", "--to", "backup", "--wait"],
        {
          cwd: dir,
          env,
        },
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}\ndaemon said:\n${daemon.output()}`);
      });
      expect(uploaded.code).toBe(0);

      // A stale etag, a body too large, and an invalid document are refused; the file stays.
      const stale = await put(next, view.etag);
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as { code: string }).code).toBe("CONFIG_STALE");
      // Too large by its Content-Length: the server answers 413 before reading the body and
      // closes. fetch, still writing a body larger than the socket's buffers, then failed with
      // EPIPE instead of reading the answer (10 MiB and 2 MiB, once each in CI), so the body is
      // announced and only begun here, as a client that reads the early answer sees it.
      const huge = await putAnnouncing(`${base}/config`, 10 * 1024 * 1024, {
        ...auth,
        "Content-Type": "application/json",
        "If-Match": answer.etag,
      });
      expect(huge.status).toBe(413);
      expect(JSON.parse(huge.body)).toMatchObject({ code: "REQUEST_TOO_LARGE" });
      const invalid = await put(
        { ...next, destinations: [{ name: "bad name/x", remote: "./x" }] },
        answer.etag,
      );
      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as { message: string }).message).toMatch(
        /`destinations\[0\]\.name`: must start with a letter or digit/,
      );
      expect(readFileSync(config, "utf8")).toBe(text);

      // Edited behind the daemon's back, then read on demand: the reload route and SIGHUP.
      writeFileSync(config, '{ "destinations": [ { "name": "local", "remote": "C:\\Users\\me" } ] }');
      const reload = await fetch(`${base}/config/reload`, { method: "POST", headers: auth });
      const reloaded = (await reload.json()) as { ok: boolean; fault: unknown };
      expect(reloaded.ok).toBe(false);
      expect(reloaded.fault).toMatchObject({ line: 1 });
      const afterFault = (await (await fetch(`${base}/config`)).json()) as ConfigViewBody;
      expect(afterFault.fault?.message).toMatch(/not valid JSON/);
      replaceFile(config, text);
      daemon.child.kill("SIGHUP");
      await eventually(
        async () =>
          ((await (await fetch(`${base}/config`)).json()) as ConfigViewBody).fault === null
            ? true
            : undefined,
        15_000,
      );
    } finally {
      await stopProcess(daemon.child);
    }
    expect(daemon.child.exitCode).toBe(0);
  });
});
