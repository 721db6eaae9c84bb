/**
 * `upload --wait` following a daemon: a real daemon process uploads through real rclone,
 * throttled so the transfer takes seconds, and the follower reads the daemon's event stream
 * the way `upload --wait` does (app/daemon-feed.ts into the CLI's BatchProgress).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { followDaemon } from "../../src/app/daemon-feed.js";
import { readServerRecord } from "../../src/app/server-record.js";
import type { BatchSnapshot } from "../../src/cli/render/batch-frame.js";
import { BatchProgress } from "../../src/cli/render/batch-progress.js";
import { CLI, isolatedEnv, runCli } from "../fixtures/cli.js";
import { writeRandomFile } from "../fixtures/files.js";
import { spawnUntil, stopProcess } from "../fixtures/processes.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

const SIZE = 4_000_000;

interface ProgressData {
  readonly id: number;
  readonly batchId: number;
  readonly remotePath: string;
  readonly bytesDone: number;
  readonly sizeBytes: number | null;
  readonly speed: number;
  readonly etaSeconds: number | null;
}

describe("upload --wait following a daemon", () => {
  it("sees the bytes grow, with a speed and an ETA, on successive events", async () => {
    const dir = makeTempDir("junmai-follow-");
    const dataDir = path.join(dir, "data");
    const env = isolatedEnv(dataDir);
    const config = path.join(dir, "config.json");
    // 1 MB/s: four seconds of transfer, several progress events.
    writeFileSync(
      config,
      JSON.stringify({ destinations: [{ name: "local", remote: path.join(dir, "cloud") }], bandwidth: "1M" }),
    );
    writeRandomFile(dir, "export/写真_桜.jpg", SIZE);
    const daemon = await spawnUntil(
      process.execPath,
      [CLI, "--config", config, "daemon"],
      /dashboard http:\/\/127\.0\.0\.1:\d+/,
      { cwd: dir, env },
    );
    const stop = new AbortController();
    try {
      await eventually(() => readServerRecord(dataDir), 30_000);
      const progress = new BatchProgress(1, SIZE);
      const seen: { event: ProgressData; view: BatchSnapshot }[] = [];
      let completed = false;
      let opened = false;
      const feed = followDaemon(dataDir, {
        signal: stop.signal,
        onOpen: () => {
          opened = true;
        },
        onEvent: ({ type, data }) => {
          if (type === "progress") {
            const event = data as ProgressData;
            progress.transfer(event, Date.now());
            seen.push({ event, view: progress.snapshot(Date.now()) });
          } else if (type === "job" && (data as { state: string }).state === "completed") {
            completed = true;
          }
        },
      });
      await eventually(() => (opened ? true : undefined), 30_000);
      const queued = await runCli(["--config", config, "upload", "export"], { cwd: dir, env });
      expect(queued.code).toBe(0);
      await eventually(() => (completed ? true : undefined), 60_000);
      stop.abort();
      expect(await feed).toBe("aborted");

      const moving = seen.filter(({ event }) => event.bytesDone > 0 && event.bytesDone < SIZE);
      expect(moving.length).toBeGreaterThanOrEqual(2);
      const bytes = moving.map(({ event }) => event.bytesDone);
      expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
      expect(bytes.at(-1)).toBeGreaterThan(bytes[0] as number);
      // The daemon's figures on every event after a file's first (one reading has no speed)…
      for (const { event } of moving.slice(1)) {
        expect(event.speed).toBeGreaterThan(0);
        expect(event.etaSeconds).not.toBeNull();
      }
      // …and the follower's smoothed ones once it has two readings to go by.
      const later = moving.slice(1).map(({ view }) => view);
      expect(later.every((view) => view.bytesDone > 0 && view.speed !== null && view.speed > 0)).toBe(true);
      expect(later.every((view) => view.etaSeconds !== null)).toBe(true);
      expect(later.map((view) => view.bytesDone)).toEqual(
        later.map((view) => view.bytesDone).sort((a, b) => a - b),
      );
    } finally {
      stop.abort();
      await stopProcess(daemon.child);
    }
  });

  it("falls back to the queue when no daemon server is recorded", async () => {
    const dir = makeTempDir("junmai-follow-");
    const end = await followDaemon(path.join(dir, "data"), {
      signal: AbortSignal.timeout(10_000),
      onEvent: () => undefined,
    });
    expect(end).toBe("unavailable");
  });
});
