/**
 * The hash recorded after an upload is settled by one function (engine/source-hash.ts) for a
 * lone upload and a group's file alike. A backend that lists its hashes in upper case (some
 * S3-compatible stores, Windows tools) must leave the same, lower-case hash in the ledger
 * whichever way the file went up — else a later "is it identical?" or a report comparing
 * ledgers sees two hashes for one file.
 */
import { describe, expect, it } from "vitest";
import type { Destination } from "../../src/domain/destination.js";
import type { ListedEntry, RemoteFile } from "../../src/engine/transport.js";
import { setupEngine } from "../fixtures/engine.js";
import { md5 } from "../fixtures/fault-transport.js";

const upper = (remote: RemoteFile): RemoteFile => ({
  ...remote,
  hashes: Object.fromEntries(Object.entries(remote.hashes).map(([type, hash]) => [type, hash.toUpperCase()])),
});

/** An engine whose destination lists every hash in upper case, alone and in groups. */
async function engineListingUpperCase(files: number, groups: boolean) {
  const setup = await setupEngine({ files, groups });
  const { transport } = setup;
  const statRemote = transport.statRemote.bind(transport);
  transport.statRemote = async (destination: Destination, remotePath: string, hashType: string | null) => {
    const remote = await statRemote(destination, remotePath, hashType);
    return remote === null ? null : upper(remote);
  };
  const group = setup.groups;
  if (group !== undefined) {
    const listRemote = group.listRemote.bind(group);
    group.listRemote = async (
      destination: Destination,
      remoteDir: string,
      names: readonly string[] | null,
      hashType: string | null,
    ) => {
      const listed = await listRemote(destination, remoteDir, names, hashType);
      return new Map<string, ListedEntry>(
        [...listed].map(([name, entry]) => [name, entry === "directory" ? entry : upper(entry)]),
      );
    };
  }
  let hashed = 0;
  const hashSource = transport.hashSource.bind(transport);
  transport.hashSource = async (sourcePath: string) => {
    hashed += 1;
    return hashSource(sourcePath);
  };
  await setup.engine.run(new AbortController().signal, { untilIdle: true });
  return { ...setup, hashed: () => hashed };
}

describe("the recorded hash of an upper-case listing", () => {
  it("is lower-case and the same for a lone upload and a group's file", async () => {
    const lone = await engineListingUpperCase(1, false);
    const grouped = await engineListingUpperCase(3, true);
    expect(grouped.groups?.calls).toHaveLength(1);
    const expected = (await md5(lone.sources[0] as string)).toLowerCase();
    // Both took the listed hash: neither read its source again for it.
    expect([lone.hashed(), grouped.hashed()]).toEqual([0, 0]);
    for (const { store } of [lone, grouped]) {
      expect(await store.findDelivery("local", "photo-0.jpg")).toMatchObject({
        hashType: "md5",
        hash: expected,
      });
      expect((await store.listJobs({})).find((job) => job.remotePath === "photo-0.jpg")).toMatchObject({
        state: "completed",
        hash: expected,
      });
      await store.close();
    }
  });
});
