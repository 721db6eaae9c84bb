/**
 * The local disk full under the data directory (issue 21 item 4), for real: the data dir on a
 * 4 MB tmpfs, filled while the workers run. New work is refused with DATA_DIR_FULL (exit 3 for
 * the CLI), `status` and the API say the disk is full, the workers keep running and say so in
 * the log, and once space returns everything is delivered from an intact queue.
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SyncService } from "../../src/app/sync-service.js";
import { exitCodeFor } from "../../src/cli/exit-codes.js";
import { createCliLog } from "../../src/cli/log-sinks.js";
import type { Logger } from "../../src/engine/events.js";
import { writeRandomFile } from "../fixtures/files.js";
import { makeSuiteTempDir, makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

/** Writes until the disk refuses (ENOSPC); returns the filler's path. */
function fill(dir: string): string {
  const filler = path.join(dir, "filler.bin");
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(16 * 1024, 7);
  try {
    for (let i = 0; i < 10_000; i += 1) writeSync(fd, chunk);
  } catch (error: unknown) {
    expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe("the data directory's disk fills up", () => {
  let dataDir: string | undefined;
  let skip: string | undefined;

  beforeAll(() => {
    dataDir = path.join(makeSuiteTempDir("junmai-datafull-"), "data");
    mkdirSync(dataDir);
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", dataDir], { stdio: "pipe" });
    } catch (error: unknown) {
      skip = `mount -t tmpfs refused (needs root): ${String(error)}`;
    }
  });

  afterAll(() => {
    if (dataDir !== undefined && skip === undefined) execFileSync("umount", ["-l", dataDir]);
  });

  it("refuses new work with DATA_DIR_FULL, says so, keeps the workers alive, and carries on once there is room", async (context) => {
    if (skip !== undefined || dataDir === undefined) {
      context.skip(skip);
      return;
    }
    const dir = makeTempDir();
    const said: { code?: unknown; message: string }[] = [];
    const record = (fields: Record<string, unknown>, message: string) =>
      said.push({ code: fields.code, message });
    const logger: Logger = { debug: () => undefined, info: () => undefined, warn: record, error: record };
    const service = await SyncService.open({
      config: {
        destinations: [{ name: "nas", remote: path.join(dir, "nas") }],
        engine: { pollIntervalMs: 100, shutdownGraceSeconds: 2 },
        store: { type: "sqlite" },
      },
      dataDir,
      cwd: dir,
      logger,
    });
    const stop = new AbortController();
    let crashed: unknown;
    const workers = service.runWorkers(stop.signal).catch((error: unknown) => {
      crashed = error;
    });
    const photos = Array.from({ length: 400 }, (_, i) => writeRandomFile(dir, `shoot/IMG_${i}.jpg`, 200));
    let filler: string | undefined;
    try {
      await service.uploadBatch(photos.slice(0, 2));
      await eventually(async () => ((await service.getCounts()).completed === 2 ? true : undefined));

      // The daemon's log file lives there too.
      const written: string[] = [];
      const stderr = {
        write: (text: string) => written.push(text),
        isTTY: false,
      } as unknown as NodeJS.WriteStream;
      const log = createCliLog("silent", { stderr });
      log.attachFile(dataDir);
      filler = fill(dataDir);
      // A log line that cannot be written is dropped, said once on stderr, never thrown at the caller.
      for (let i = 0; i < 200; i += 1) log.logger.warn({ i, pad: "x".repeat(200) }, "still here");
      log.close();
      expect(written.filter((line) => line.includes("ENOSPC"))).toHaveLength(1);
      await expect(service.uploadBatch(photos.slice(2))).rejects.toMatchObject({
        code: "DATA_DIR_FULL",
        temporary: true,
      });
      // The CLI exits 3 (environment) with it.
      expect(exitCodeFor("DATA_DIR_FULL")).toBe(3);
      const status = await service.getQueueStatus();
      expect(status.dataDir).toMatchObject({ path: dataDir, full: true });
      // The workers are still there, waiting.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(crashed).toBeUndefined();

      rmSync(filler);
      filler = undefined;
      const queued = await service.uploadBatch(photos.slice(2));
      expect(queued.jobIds).toHaveLength(photos.length - 2);
      await eventually(
        async () => ((await service.getCounts()).completed === photos.length ? true : undefined),
        120_000,
      );
      await service.checkQueue();
      expect((await service.getQueueStatus()).dataDir?.full).toBe(false);
      expect(crashed).toBeUndefined();
    } finally {
      if (filler !== undefined) rmSync(filler, { force: true });
      stop.abort();
      await workers;
      await service.close();
    }
  });
});
