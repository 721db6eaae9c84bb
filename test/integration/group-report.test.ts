/**
 * rclone keeps the outcome of only the last 100 finished files of a stats group: a larger
 * group's early failure leaves no trace in `core/transferred`. The group transport must say
 * so, so that such a file is tried again on its own (run-group.ts) rather than given the
 * call's error, which is another file's.
 */
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { RcdSupervisor } from "../../src/rclone/rcd-supervisor.js";
import { RcloneTransport } from "../../src/rclone/rclone-transport.js";
import { writeRandomFile } from "../fixtures/files.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("a group's report of failures", () => {
  it("past rclone's 100 kept files, an early failure is not reported and the result says the report is partial", async () => {
    const dir = makeTempDir();
    const source = path.join(dir, "export");
    const names = Array.from({ length: 130 }, (_, index) => `写真_${String(index).padStart(3, "0")}.jpg`);
    for (const name of names) writeRandomFile(source, name, 2_000);
    const cloud = path.join(dir, "cloud");
    // A folder where the first file should go: rclone cannot write that file.
    mkdirSync(path.join(cloud, "stage", names[0] as string), { recursive: true });
    const config = parseConfig(
      { destinations: [{ name: "nas", remote: cloud }] },
      { baseDir: dir, source: "test" },
    );
    const destination = config.destinations[0];
    if (destination === undefined) throw new Error("no destination");
    const rcd = new RcdSupervisor({ binary: "rclone", dataDir: path.join(dir, "data") });
    const transport = new RcloneTransport(rcd, { progressIntervalMs: 500 });
    const request = (groupId: string, list: readonly string[]) => ({
      groupId,
      sourceDir: source,
      names: list,
      destination,
      remoteDir: "stage",
      // One at a time: the blocked file is the first to finish.
      transfers: 1,
    });
    const options = { signal: AbortSignal.timeout(60_000), onProgress: () => undefined };
    try {
      const large = await transport.group.transferGroup(request("large", names), options);
      expect(large.callError?.code).toBeDefined();
      expect(large.failed.has(names[0] as string)).toBe(false);
      expect(large.everyFileReported).toBe(false);
      // Every other file arrived, beside the folder in the way.
      expect(readdirSync(path.join(cloud, "stage")).length).toBe(130);

      // A group within the report's size hears every failure.
      const small = await transport.group.transferGroup(request("small", names.slice(0, 20)), options);
      expect(small.failed.get(names[0] as string)?.code).toBeDefined();
      expect(small.everyFileReported).toBe(true);
    } finally {
      await transport.close();
      await rcd.close();
    }
  });
});
