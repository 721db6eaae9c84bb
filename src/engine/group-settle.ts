/**
 * Settling a group's files once rclone has written them: each is listed (with its hash),
 * checked against its own source, and — verified — moved from the staging folder to its name.
 */
import type { Destination } from "../domain/destination.js";
import { describeRemotePath } from "../domain/destination.js";
import type { JobEvent } from "../domain/job.js";
import { joinRemotePath } from "../domain/remote-path.js";
import type { FolderItem } from "./group-folders.js";
import { forEachLimited } from "./limited.js";
import { failureEvent, retryDelay, sourceChanged } from "./run-job.js";
import { fingerprintSource, sameFingerprint } from "./source-file.js";
import { settleHash } from "./source-hash.js";
import type { GroupTransport, ListedEntry, RemoteFile, Transport } from "./transport.js";
import { type SourceIdentity, verifyUploaded } from "./verify.js";

/** A group's file with its source as it was checked before the upload. */
export interface Staged {
  readonly item: FolderItem;
  readonly source: SourceIdentity;
}

export interface SettlerOptions {
  readonly group: GroupTransport;
  readonly transport: Transport;
  readonly destination: Destination;
  readonly hashType: string | null;
  /** Where the files were written: the staging folder, or the remote folder itself. */
  readonly stageDir: string;
  readonly remoteDir: string;
  /** Whether files were staged (and so must be moved to their names). */
  readonly staged: boolean;
  /** Names are looked up one by one in a large folder (the remote folder itself, unstaged). */
  readonly lookupByName: boolean;
  /**
   * Whether a file of this size takes its source's hash rather than the destination's (the
   * destination hashes by reading it again: source-hash.ts `hashedFromSource`).
   */
  readonly hashedFromSource: (size: number) => boolean;
  readonly transfers: number;
}

export class GroupSettler {
  readonly #options: SettlerOptions;
  readonly #byName: ReadonlyMap<string, Staged>;
  /** Each settled job's outcome, by job id. */
  readonly decided = new Map<number, JobEvent>();
  /** Names found written (their jobs were transferred, whatever came next). */
  readonly arrived = new Set<string>();
  readonly #settled = new Set<string>();

  constructor(options: SettlerOptions, candidates: readonly Staged[]) {
    this.#options = options;
    this.#byName = new Map(candidates.map((staged) => [staged.item.sourceName, staged]));
  }

  /** Settles the named files (each once); a name not found written is left to the caller. */
  async settle(names: readonly string[], signal: AbortSignal): Promise<void> {
    const { group, destination, hashType, stageDir, staged, lookupByName, hashedFromSource } = this.#options;
    const batch = names.filter((name) => !this.#settled.has(name) && this.#byName.has(name));
    if (batch.length === 0) return;
    for (const name of batch) this.#settled.add(name);
    // Listed with their hashes, but for those whose hash is read from their sources below. The
    // staging folder holds only this group; the remote folder may hold thousands.
    const list = (some: readonly string[], withHash: string | null) =>
      some.length === 0
        ? Promise.resolve(new Map<string, ListedEntry>())
        : group.listRemote(destination, stageDir, some, withHash, signal, !staged && lookupByName);
    const fromSource = (name: string) => hashedFromSource((this.#byName.get(name) as Staged).item.bytes.size);
    const [hashed, plain] = await Promise.all([
      list(
        batch.filter((name) => !fromSource(name)),
        hashType,
      ),
      list(batch.filter(fromSource), null),
    ]);
    const listed = new Map([...hashed, ...plain]);
    const written: Array<Staged & { readonly remote: RemoteFile }> = [];
    for (const name of batch) {
      const remote = listed.get(name);
      const entry = this.#byName.get(name) as Staged;
      // Not there: the caller decides with rclone's own report of it.
      if (remote === undefined || remote === "directory") continue;
      this.arrived.add(name);
      written.push({ ...entry, remote });
    }
    // Read before the sources' fingerprints: a source that changed while any of its reads ran is
    // then seen to have changed (run-job.ts takes its fingerprint last too).
    const hashes = await this.#hashesOf(written, signal);
    const prints = await Promise.all(
      written.map(({ item }) => fingerprintSource(item.member.job.sourcePath).catch(() => null)),
    );
    const verified: typeof written = [];
    written.forEach((entry, index) => {
      const { item, source, remote } = entry;
      const { job, context } = item.member;
      const now = prints[index];
      if (now === null || now === undefined || !sameFingerprint(item.before, now)) {
        this.decided.set(job.id, failureEvent(context, job, sourceChanged(job)));
        return;
      }
      const mismatch = verifyUploaded(remote, source, describeRemotePath(destination, job.remotePath));
      if (mismatch !== null) {
        this.decided.set(job.id, {
          type: "verifyFailed",
          error: mismatch.toInfo(),
          retryDelayMs: retryDelay(context, job),
        });
        return;
      }
      verified.push(entry);
    });
    // Only a verified file ever appears under its real name.
    const unmoved = staged ? await this.#moveIntoPlace(verified, signal) : new Map<FolderItem, unknown>();
    for (const { item, source, remote } of verified) {
      const { job, context } = item.member;
      const error = unmoved.get(item);
      const hash = hashes.get(item) ?? null;
      this.decided.set(
        job.id,
        error !== undefined
          ? failureEvent(context, job, error)
          : {
              type: "verified",
              sizeBytes: source.size,
              hashType,
              hash,
              remoteModTime: remote.modTime,
            },
      );
    }
    if (!staged) {
      // Written straight under the final name: what failed a check must not pass for a delivery.
      const rejected = written.filter(
        ({ item }) => this.decided.get(item.member.job.id)?.type !== "verified",
      );
      await Promise.all(
        rejected.map(({ item }) =>
          this.#options.transport
            .deleteRemote(destination, item.member.job.remotePath, signal)
            .catch(() => undefined),
        ),
      );
    }
  }

  /**
   * Each written file's hash to record. The sources were not hashed beforehand (run-group.ts):
   * settled as a lone upload's is (source-hash.ts), from the listing, or else from the source,
   * a few at a time (each is a call to rclone).
   */
  async #hashesOf(
    written: ReadonlyArray<Staged & { readonly remote: RemoteFile }>,
    signal: AbortSignal,
  ): Promise<Map<FolderItem, string | null>> {
    const { hashType, transport, transfers } = this.#options;
    const hashes = new Map<FolderItem, string | null>();
    await forEachLimited(written, Math.max(1, transfers), async ({ item, source, remote }) => {
      const readSource = (type: string) =>
        transport.hashSource(item.bytes.path, type, signal).catch(() => null);
      hashes.set(item, await settleHash(hashType, source.hash, remote, readSource));
    });
    return hashes;
  }

  /**
   * Moves verified files from the staging folder to their names: those keeping their source
   * name in one call, the rest one by one. Returns the files that did not move, with why.
   */
  async #moveIntoPlace(verified: readonly Staged[], signal: AbortSignal): Promise<Map<FolderItem, unknown>> {
    const { group, transport, destination, stageDir, remoteDir, transfers } = this.#options;
    const failed = new Map<FolderItem, unknown>();
    // The root cannot take a group move: its staging folder is inside it.
    const movesTogether = ({ item }: Staged) => item.finalName === item.sourceName && remoteDir !== "";
    const together = verified.filter(movesTogether);
    const apart = verified.filter((entry) => !movesTogether(entry));
    if (together.length > 0) {
      const names = together.map(({ item }) => item.sourceName);
      const error = await group.moveGroup(destination, stageDir, remoteDir, names, transfers, signal);
      if (error !== null) {
        // What is still staged did not move; what is gone did.
        const left = await group.listRemote(destination, stageDir, names, null, signal).catch(() => null);
        for (const { item } of together) {
          if (left === null || left.has(item.sourceName)) failed.set(item, error);
        }
      }
    }
    await forEachLimited(apart, transfers, async ({ item }) => {
      const from = joinRemotePath(stageDir, item.sourceName);
      await transport
        .moveRemote(destination, from, item.member.job.remotePath, signal)
        .catch((error: unknown) => {
          failed.set(item, error);
        });
    });
    return failed;
  }
}
