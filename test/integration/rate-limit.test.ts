/**
 * A provider that rate-limits: HTTP 429 with Retry-After in front of `rclone serve webdav`. The
 * jobs wait (attempts given back), the destination slows down, and everything arrives.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Job } from "../../src/domain/job.js";
import { treeHashes, writeRandomFile } from "../fixtures/files.js";
import { startRateLimitingProxy } from "../fixtures/http-fault-proxy.js";
import { obscure, startWebdav } from "../fixtures/rclone-servers.js";
import { openTestService } from "../fixtures/service.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

describe("rate limits", () => {
  it("429 with Retry-After: jobs wait without spending attempts, then every file arrives", async () => {
    const dir = makeTempDir();
    const server = await startWebdav({ root: path.join(dir, "server") });
    const proxy = await startRateLimitingProxy(server.port, { refusePuts: 4, retryAfterSeconds: 1 });
    const export_ = path.join(dir, "export");
    for (let index = 0; index < 6; index += 1) writeRandomFile(export_, `IMG_${index}.jpg`, 20_000);
    // rclone would otherwise retry each 429 itself, ten times, before we ever saw it.
    process.env.RCLONE_LOW_LEVEL_RETRIES = "1";
    const remote = `:webdav,url='http://127.0.0.1:${proxy.port}',vendor=other,user=photographer,pass=${obscure("correct-horse")}:`;
    const service = await openTestService(
      { destinations: [{ name: "dav", remote, retries: 1, concurrency: 3 }] },
      { dir },
    );
    const seen: Job[] = [];
    service.on("changed", (job) => seen.push(job));
    try {
      await service.uploadBatch([export_]);
      expect(await service.processQueue()).toEqual({ succeeded: 6, failed: 0 });
      expect(proxy.refused).toBe(4);
      const limited = seen.filter(
        (job) => job.lastError?.code === "RATE_LIMITED" && job.state === "retrying",
      );
      expect(limited.length).toBeGreaterThan(0);
      // Waiting for a rate limit is not the photo's failure: retries: 1 would otherwise be used up.
      for (const job of limited) expect(job.attempts).toBe(0);
      expect(treeHashes(path.join(dir, "server", "export"))).toEqual(treeHashes(export_));
    } finally {
      delete process.env.RCLONE_LOW_LEVEL_RETRIES;
      await service.close();
      await proxy.close();
      await server.stop();
    }
  });
});
