/**
 * `junmai-sync status | head -1`: a reader that goes away is no failure. The command ends with
 * 0 and writes nothing on stderr — whether the reader left after the first line or before the
 * first byte (then every write meets EPIPE).
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { track } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

/** Runs the CLI with its stdout read until `keep` says stop, then closed. */
function runClosingStdout(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  keep: (seen: string) => boolean,
): Promise<{ code: number | null; stderr: string; seen: string }> {
  const child = track(
    spawn(process.execPath, [CLI, ...args], { ...options, stdio: ["ignore", "pipe", "pipe"] }),
  );
  let seen = "";
  let stderr = "";
  const stdout = child.stdout;
  if (stdout === null || child.stderr === null) throw new Error("no pipes");
  if (!keep(seen)) stdout.destroy();
  stdout.on("data", (chunk: Buffer) => {
    seen += chunk.toString("utf8");
    if (!keep(seen)) stdout.destroy();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stderr, seen })));
}

describe("a closed pipe", () => {
  it("ends status quietly with 0, after the first line or before any", async () => {
    const dir = makeTempDir("junmai-pipe-");
    const env = isolatedEnv(path.join(dir, "data"));
    const photo = path.join(dir, "a.jpg");
    writeFileSync(photo, "x".repeat(1000));
    expect((await runCli(["upload", photo], { cwd: dir, env })).code).toBe(0);

    const firstLine = await runClosingStdout(["status"], { cwd: dir, env }, (seen) => !seen.includes("\n"));
    expect(firstLine).toMatchObject({ code: 0, stderr: "" });
    expect(firstLine.seen).toMatch(/^Queue /);

    for (const args of [["status"], ["status", "--json"], ["upload", photo], ["--help"]]) {
      const closed = await runClosingStdout(args, { cwd: dir, env }, () => false);
      expect({ args, code: closed.code, stderr: closed.stderr }).toEqual({ args, code: 0, stderr: "" });
    }
  });
});
