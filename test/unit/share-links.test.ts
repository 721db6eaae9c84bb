import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { SyncError } from "../../src/domain/errors.js";
import type { Job } from "../../src/domain/job.js";
import type { Logger } from "../../src/engine/events.js";
import { ShareLinks } from "../../src/engine/share-links.js";
import { setupEngine } from "../fixtures/engine.js";

function collectingLogger(lines: string[]): Logger {
  const log = (fields: object, message: string) => lines.push(`${message} ${JSON.stringify(fields)}`);
  return { debug: () => undefined, info: () => undefined, warn: log, error: log };
}

describe("share links", () => {
  it("keeps each link with its job, and says once when the backend has none, however many finish at once", async () => {
    const { store, transport, destinations, jobIds } = await setupEngine({
      files: 3,
      destination: { link: true },
    });
    const destination = destinations[0];
    if (destination === undefined) throw new Error("no destination");
    const warnings: string[] = [];
    let calls = 0;
    transport.publicLink = async (_destination, remotePath) => {
      calls += 1;
      await sleep(30);
      if (remotePath === "photo-0.jpg") return `https://example.com/s/${path.basename(remotePath)}`;
      throw new SyncError("LINK_UNSUPPORTED", "no links here");
    };
    const links = new ShareLinks(store, transport, collectingLogger(warnings));
    const job = async (index: number): Promise<Job> => {
      const stored = await store.getJob(jobIds[index] as number);
      if (stored === undefined) throw new Error(`no job ${index}`);
      return { ...stored, state: "completed" };
    };
    // The first settles that links work; then a backend that stops making them is said once.
    await links.make(await job(0), destination);
    expect((await store.getJob(jobIds[0] as number))?.shareLink).toBe("https://example.com/s/photo-0.jpg");

    const other = new ShareLinks(store, transport, collectingLogger(warnings));
    calls = 0;
    await Promise.all([1, 2, 1, 2].map(async (index) => other.make(await job(index), destination)));
    expect(calls).toBe(1);
    expect(warnings.filter((line) => line.includes("LINK_UNSUPPORTED"))).toHaveLength(1);
    await store.close();
  });
});
