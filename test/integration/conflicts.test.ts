/**
 * Conflict policies, idempotence and temporary names against real rclone: a local folder (which
 * rclone writes in place, so uploads go under a hidden name and are moved into place) and
 * `rclone serve webdav` (which moves server-side with MOVE).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ConfigInput } from "../../src/config/schema.js";
import { treeHashes, writeFile } from "../fixtures/files.js";
import { startWebdav } from "../fixtures/rclone-servers.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

type Policy = "auto" | "overwrite" | "skip" | "rename" | "version";

/** Every file below `root`, relative, sorted. */
function files(root: string): string[] {
  return [...treeHashes(root).keys()].sort();
}

async function deliverOver(policy: Policy, remote?: (dir: string) => string) {
  const dir = makeTempDir();
  const cloud = path.join(dir, "cloud");
  writeFile(cloud, "桜.jpg", "a photo somebody else put there");
  const source = writeFile(dir, "export/桜.jpg", "our photo, freshly exported");
  const destination = { name: "dest", remote: remote?.(dir) ?? cloud, onConflict: policy };
  const service = await openTestService({ destinations: [destination] } as ConfigInput, { dir });
  await service.uploadBatch([source]);
  const result = await service.processQueue();
  const [job] = await service.listJobs({});
  await service.close();
  const read = (relative: string) => readFileSync(path.join(cloud, relative), "utf8");
  return { dir, cloud, source, result, job, read };
}

describe("conflict policies on a real local destination", () => {
  it("auto keeps a file we did not write and puts ours beside it", async () => {
    const { cloud, job, read } = await deliverOver("auto");
    expect(job).toMatchObject({ state: "completed", remotePath: "桜 (1).jpg" });
    expect(files(cloud)).toEqual(["桜 (1).jpg", "桜.jpg"]);
    expect(read("桜.jpg")).toBe("a photo somebody else put there");
    expect(read("桜 (1).jpg")).toBe("our photo, freshly exported");
  });

  it("overwrite replaces it, skip keeps it and says so", async () => {
    const overwrite = await deliverOver("overwrite");
    expect(files(overwrite.cloud)).toEqual(["桜.jpg"]);
    expect(overwrite.read("桜.jpg")).toBe("our photo, freshly exported");

    const skip = await deliverOver("skip");
    expect(skip.result).toEqual({ succeeded: 1, failed: 0 });
    expect(skip.job).toMatchObject({
      state: "skipped",
      lastError: expect.objectContaining({ code: "CONFLICT" }),
    });
    expect(skip.read("桜.jpg")).toBe("a photo somebody else put there");
  });

  it("version moves the old file under .versions/<time>/ and then uploads", async () => {
    const { cloud, read } = await deliverOver("version");
    const [stamped] = files(cloud).filter((name) => name.startsWith(".versions/"));
    expect(stamped).toMatch(/^\.versions\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\/桜\.jpg$/);
    expect(read(stamped as string)).toBe("a photo somebody else put there");
    expect(read("桜.jpg")).toBe("our photo, freshly exported");
  });

  it("a re-export replaces our own delivery; an identical file is not sent again", async () => {
    const dir = makeTempDir();
    const cloud = path.join(dir, "cloud");
    const source = writeFile(dir, "export/IMG_0001.jpg", "first edit");
    const service = await openTestService({ destinations: [{ name: "dest", remote: cloud }] }, { dir });
    try {
      await service.uploadBatch([source]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      writeFileSync(source, "second edit, warmer");
      await service.uploadBatch([source]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      await service.uploadBatch([source]);
      expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
      const jobs = await service.listJobs({});
      expect(jobs.map((job) => job.state)).toEqual(["completed", "completed", "skipped"]);
      expect(jobs.every((job) => job.remotePath === "IMG_0001.jpg")).toBe(true);
      expect(files(cloud)).toEqual(["IMG_0001.jpg"]);
      expect(readFileSync(path.join(cloud, "IMG_0001.jpg"), "utf8")).toBe("second edit, warmer");
      // No hidden upload name ever stays behind.
      expect(readdirSync(cloud)).toEqual(["IMG_0001.jpg"]);
    } finally {
      await service.close();
    }
  });
});

describe("conflict policies on WebDAV", () => {
  it("version moves the old file server-side; rename never touches it", async () => {
    const servers: { stop(): Promise<void> }[] = [];
    const onWebdav = (policy: Policy) =>
      deliverOverWebdav(policy, async (root) => {
        const server = await startWebdav({ root });
        servers.push(server);
        return server.remote();
      });
    try {
      const version = await onWebdav("version");
      expect(version.files.filter((name) => name.startsWith(".versions/"))).toHaveLength(1);
      expect(version.read("桜.jpg")).toBe("our photo, freshly exported");

      const rename = await onWebdav("rename");
      expect(rename.files).toEqual(["桜 (1).jpg", "桜.jpg"]);
      expect(rename.read("桜.jpg")).toBe("a photo somebody else put there");
    } finally {
      for (const server of servers) await server.stop();
    }
  });
});

async function deliverOverWebdav(policy: Policy, start: (root: string) => Promise<string>) {
  const dir = makeTempDir();
  const root = path.join(dir, "server");
  writeFile(root, "桜.jpg", "a photo somebody else put there");
  const remote = await start(root);
  const source = writeFile(dir, "export/桜.jpg", "our photo, freshly exported");
  const service = await openTestService(
    { destinations: [{ name: "dav", remote, onConflict: policy }] } as ConfigInput,
    { dir },
  );
  try {
    await service.uploadBatch([source]);
    expect(await service.processQueue()).toEqual({ succeeded: 1, failed: 0 });
  } finally {
    await service.close();
  }
  return { files: files(root), read: (relative: string) => readFileSync(path.join(root, relative), "utf8") };
}
