/**
 * A lone upload reads its source once: the engine hashes the file before the transfer only when
 * a file is already at the remote name (is it identical?), and takes the hash from the transfer
 * or the destination afterwards — from the source again only when neither has one. Counted on a
 * transport that records every `hashSource` (a whole read of the file); the same with real
 * rclone, counting the bytes rclone reads, is in test/integration/source-read-once.test.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Destination } from "../../src/domain/destination.js";
import type {
  RemoteFile,
  TransferProgress,
  TransferRequest,
  TransferResult,
} from "../../src/engine/transport.js";
import { setupEngine } from "../fixtures/engine.js";
import { md5 } from "../fixtures/fault-transport.js";
import { writeFile } from "../fixtures/files.js";

async function engineCountingReads(options: Parameters<typeof setupEngine>[0] = {}) {
  const setup = await setupEngine(options);
  const reads: string[] = [];
  const hashSource = setup.transport.hashSource.bind(setup.transport);
  setup.transport.hashSource = async (sourcePath: string) => {
    reads.push(sourcePath);
    return hashSource(sourcePath);
  };
  return { ...setup, reads };
}

describe("a lone upload reads its source once", () => {
  it("a fresh upload never hashes the source: its hash is the destination's, as the transfer checked it", async () => {
    const { store, engine, reads, sources } = await engineCountingReads({ files: 2 });
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(reads).toEqual([]);
    for (const job of await store.listJobs({})) {
      expect(job).toMatchObject({ state: "completed", hashType: "md5" });
      expect(job.hash).toBe(await md5(sources[job.remotePath === "photo-0.jpg" ? 0 : 1] as string));
    }
    await store.close();
  });

  it("a file already at the name: the source is hashed first, once, and found identical", async () => {
    const { store, engine, reads, cloud, sources } = await engineCountingReads();
    writeFile(cloud, "photo-0.jpg", "bytes of 0");
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(reads).toEqual([sources[0]]);
    const job = (await store.listJobs({}))[0];
    expect(job).toMatchObject({ state: "skipped", hash: await md5(sources[0] as string) });
    await store.close();
  });

  it("a different file of another size at the name: the source is not hashed (sizes differ: not identical)", async () => {
    const { store, engine, reads, cloud, sources } = await engineCountingReads({
      destination: { onConflict: "overwrite" },
    });
    writeFile(cloud, "photo-0.jpg", "somebody else's photo");
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(reads).toEqual([]);
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("bytes of 0");
    expect((await store.listJobs({}))[0]).toMatchObject({
      state: "completed",
      hash: await md5(sources[0] as string),
    });
    await store.close();
  });

  it("a different file of the same size at the name: hashed once before, and that hash is what the upload is checked against", async () => {
    const { store, engine, reads, cloud, sources } = await engineCountingReads({
      destination: { onConflict: "overwrite" },
    });
    writeFile(cloud, "photo-0.jpg", "BYTES OF 0");
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(reads).toEqual([sources[0]]);
    expect(readFileSync(path.join(cloud, "photo-0.jpg"), "utf8")).toBe("bytes of 0");
    expect((await store.listJobs({}))[0]).toMatchObject({
      state: "completed",
      hash: await md5(sources[0] as string),
    });
    await store.close();
  });

  it("a destination that keeps no hash for the file: the source is hashed after the upload, once", async () => {
    const { store, engine, reads, transport, sources } = await engineCountingReads();
    const statRemote = transport.statRemote.bind(transport);
    transport.statRemote = async (destination: Destination, remotePath: string, hashType: string | null) => {
      const file = await statRemote(destination, remotePath, hashType);
      return file === null ? null : ({ ...file, hashes: { md5: "" } } satisfies RemoteFile);
    };
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(reads).toEqual([sources[0]]);
    expect((await store.listJobs({}))[0]).toMatchObject({
      state: "completed",
      hash: await md5(sources[0] as string),
    });
    await store.close();
  });

  it("a transport that hashed what it sent (our resumable uploads) gives the hash; a destination's that differs fails the verification", async () => {
    const { store, engine, reads, transport } = await engineCountingReads({ retries: 0 });
    const transfer = transport.transfer.bind(transport);
    transport.transfer = async (
      request: TransferRequest,
      options: { readonly signal: AbortSignal; readonly onProgress: (progress: TransferProgress) => void },
    ): Promise<TransferResult> => {
      await transfer(request, options);
      // As if the bytes read to be sent were not the ones that arrived.
      return { sourceHash: "0".repeat(32) };
    };
    await engine.run(new AbortController().signal, { untilIdle: true });
    expect(reads).toEqual([]);
    const job = (await store.listJobs({}))[0];
    expect(job?.state).toBe("failed");
    expect(job?.lastError?.code).toBe("VERIFY_MISMATCH");
    await store.close();
  });
});
