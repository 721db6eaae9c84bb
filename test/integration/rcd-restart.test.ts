/** rclone's rcd killed mid-transfer: restarted, the job given back without spending an attempt, then delivered. */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isProcessAlive } from "../../src/platform/process.js";
import { RcdSupervisor } from "../../src/rclone/rcd-supervisor.js";
import { md5, writeRandomFile } from "../fixtures/files.js";
import { openSlowService, rcdPids } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";
import { eventually } from "../fixtures/wait.js";

describe("rclone rcd supervision", () => {
  it("restarts a killed rcd and finishes the interrupted job", async () => {
    const dir = makeTempDir();
    const source = writeRandomFile(dir, "export/big.tif", 12_000_000);
    const slow = await openSlowService(
      { destinations: [{ name: "local", remote: path.join(dir, "cloud") }] },
      dir,
    );
    const { service, seen } = slow;
    try {
      const { queued, processing } = await slow.uploadWhileMoving([source]);
      const [firstRcd] = rcdPids(path.join(dir, "data"));
      process.kill(firstRcd as number, "SIGKILL");
      expect(await processing).toEqual({ succeeded: 1, failed: 0 });

      const released = seen.find((job) => job.state === "pending");
      expect(released?.lastError).toMatchObject({ code: "TRANSFER_INTERRUPTED" });
      const job = await service.getUploadStatus(queued.jobIds[0] as number);
      // The interrupted attempt was given back: one counted attempt, the one that succeeded.
      expect(job).toMatchObject({ state: "completed", attempts: 1 });
      expect(md5(path.join(dir, "cloud", "big.tif"))).toBe(md5(source));
      // The killed attempt's hidden upload name was replaced by the next attempt's and moved.
      expect(readdirSync(path.join(dir, "cloud"))).toEqual(["big.tif"]);
      const [secondRcd] = rcdPids(path.join(dir, "data"));
      expect(secondRcd).not.toBe(firstRcd);
      expect(isProcessAlive(secondRcd as number)).toBe(true);
    } finally {
      await slow.close();
    }
    expect(readdirSync(path.join(dir, "data", "rcd"))).toEqual([]);
  });
});

describe("an rcd nobody calls", () => {
  it("is stopped after its quiet period, and the next call starts a new one", async () => {
    const dir = makeTempDir();
    const rcd = new RcdSupervisor({ binary: "rclone", dataDir: path.join(dir, "data"), quietStopMs: 300 });
    try {
      await (await rcd.client()).call("core/version", {}, AbortSignal.timeout(10_000));
      const first = await rcd.pid();
      expect(first).toBeDefined();
      await eventually(async () => ((await rcd.pid()) === undefined ? true : undefined), 30_000);
      await eventually(() => (isProcessAlive(first as number) ? undefined : true), 30_000);
      const again = await (await rcd.client()).call<{ version: string }>(
        "core/version",
        {},
        AbortSignal.timeout(10_000),
      );
      expect(again.version).toMatch(/^v1\./);
      expect(await rcd.pid()).not.toBe(first);
    } finally {
      await rcd.close();
    }
  });
});
