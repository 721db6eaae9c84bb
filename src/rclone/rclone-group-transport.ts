/**
 * Group transfers through `rclone rcd`: one `sync/copy` with a files-from list per group of files
 * sharing a source folder and a remote folder, one `operations/list` to check them. rclone runs
 * the group's files `transfers` at a time in its own goroutines; we pay one round trip per
 * group instead of six per file. Per-file progress comes from the group's `core/stats`
 * (`transferring`), per-file failures from `core/transferred`.
 */
import { addAbortListener } from "node:events";
import path from "node:path";
import { type Destination, destinationRoot } from "../domain/destination.js";
import { SyncError } from "../domain/errors.js";
import type {
  GroupTransferRequest,
  GroupTransferResult,
  GroupTransport,
  ListedEntry,
  TransferProgress,
} from "../engine/transport.js";
import { say } from "../i18n/message.js";
import { classifyRcloneError } from "./classify-error.js";
import { FolderSizes } from "./folder-sizes.js";
import { NameLists } from "./name-lists.js";
import { isNotFound, type RcClient, RcError } from "./rc-client.js";

interface ListItem {
  readonly Path: string;
  readonly Size: number;
  readonly ModTime?: string;
  readonly IsDir: boolean;
  readonly Hashes?: Record<string, string>;
}

interface GroupStats {
  readonly transferring?: ReadonlyArray<{
    readonly name: string;
    readonly bytes?: number;
    readonly size?: number;
    readonly speed?: number;
    readonly eta?: number | null;
  }>;
}

/**
 * Finished transfers rclone keeps per stats group (its `MaxCompletedTransfers`, plus those still
 * running): a larger group's report of failures may have lost its first ones.
 */
const FINISHED_KEPT = 100;

interface Transferred {
  readonly transferred?: ReadonlyArray<{ readonly name: string; readonly error?: string }>;
}

export class RcloneGroupTransport implements GroupTransport {
  /** The rcd client: a destination's own for its transfers (its bandwidth), else the main one. */
  readonly #client: (transfersOf?: Destination) => Promise<RcClient>;
  readonly #progressIntervalMs: number;
  readonly #lists = new NameLists();
  readonly #sizes = new FolderSizes();

  constructor(client: (transfersOf?: Destination) => Promise<RcClient>, progressIntervalMs: number) {
    this.#client = client;
    this.#progressIntervalMs = progressIntervalMs;
  }

  async transferGroup(
    request: GroupTransferRequest,
    options: {
      readonly signal: AbortSignal;
      readonly onProgress: (name: string, progress: TransferProgress) => void;
    },
  ): Promise<GroupTransferResult> {
    const { signal } = options;
    if (signal.aborted) {
      return {
        failed: new Map(),
        callError: new SyncError("TRANSFER_INTERRUPTED", say("stored.transferNotBegun")),
      };
    }
    const client = await this.#client(request.destination);
    const group = `group-${request.groupId}`;
    const poll = this.#pollProgress(client, group, options.onProgress);
    // Heard also when the stop came while the client was being fetched (already aborted).
    const stopping = addAbortListener(
      signal,
      () => void client.call("job/stopgroup", { group }).catch(() => undefined),
    );
    let callError: SyncError | null = null;
    try {
      await this.#lists.with(request.names, (list) =>
        client.call(
          "sync/copy",
          {
            srcFs: request.sourceDir,
            dstFs: folderFs(request.destination, request.remoteDir),
            _group: group,
            // The staging folder is new (or a cut-off group's, to be written over): nothing
            // there to compare with, so rclone need not list it first. The source folder may
            // hold thousands of photos: its named files are looked up (one lstat each) rather
            // than the whole folder listed for every group. Nothing here turns rclone's own
            // hash check of each copy off: settling relies on it (run-group.ts).
            _config: { Transfers: Math.max(1, request.transfers), NoCheckDest: true, NoTraverse: true },
            // Raw: names are taken exactly, a leading `#` or `;` is not a comment.
            _filter: { FilesFromRaw: [list] },
          },
          // No signal: a stopped group still answers, and then what finished is read and kept.
        ),
      );
    } catch (error) {
      callError = classifyRcloneError(error);
    } finally {
      stopping[Symbol.dispose]();
      poll.stop();
    }
    try {
      const failed = new Map<string, SyncError>();
      // rclone's copy answers with an error when any file failed: without one, no file did.
      const clean = callError === null && !signal.aborted;
      const report: Transferred = clean ? {} : await client.call<Transferred>("core/transferred", { group });
      for (const entry of report.transferred ?? []) {
        if (entry.error !== undefined && entry.error !== "") {
          failed.set(entry.name, classifyRcloneError(new RcError("sync/copy", 500, entry.error)));
        }
      }
      if (signal.aborted) {
        callError = new SyncError("TRANSFER_INTERRUPTED", say("stored.transferHalted"), { cause: callError });
      }
      return { failed, callError, everyFileReported: request.names.length <= FINISHED_KEPT };
    } finally {
      void client.call("core/stats-delete", { group }).catch(() => undefined);
    }
  }

  async listRemote(
    destination: Destination,
    remoteDir: string,
    names: readonly string[] | null,
    hashType: string | null,
    signal: AbortSignal,
    byName = false,
  ): Promise<ReadonlyMap<string, ListedEntry>> {
    const fs = folderFs(destination, remoteDir);
    // A local folder: an lstat per name. A remote one: by name once it is known to be large;
    // else listed whole (never with hashes: an SFTP server would hash every file in it).
    const way =
      !byName || names === null
        ? "listNamed"
        : destination.kind === "local"
          ? "byName"
          : hashType === null
            ? this.#sizes.way(fs, names.length)
            : "listNamed";
    try {
      let items: readonly ListItem[];
      if (way === "listWhole") {
        const all = await this.#list(fs, null, hashType, signal);
        this.#sizes.saw(fs, all.length);
        const wanted = new Set(names);
        items = all.filter((item) => wanted.has(item.Path));
      } else {
        items = await this.#list(fs, names, hashType, signal, way === "byName");
      }
      const entries = new Map<string, ListedEntry>();
      for (const item of items) {
        entries.set(
          item.Path,
          item.IsDir
            ? "directory"
            : { size: item.Size, modTime: item.ModTime ?? null, hashes: item.Hashes ?? {} },
        );
      }
      return entries;
    } catch (error) {
      if (isNotFound(error)) {
        if (way === "listWhole") this.#sizes.saw(fs, 0);
        return new Map();
      }
      throw classifyRcloneError(error, "REMOTE_UNREACHABLE");
    }
  }

  async moveGroup(
    destination: Destination,
    fromDir: string,
    toDir: string,
    names: readonly string[],
    transfers: number,
    signal: AbortSignal,
  ): Promise<SyncError | null> {
    const client = await this.#client();
    try {
      await this.#lists.with(names, (list) =>
        client.call(
          "sync/move",
          {
            srcFs: folderFs(destination, fromDir),
            dstFs: folderFs(destination, toDir),
            // The names were checked free before the upload; asking again per file costs a
            // folder listing each on many servers.
            _config: { Transfers: Math.max(1, transfers), NoCheckDest: true },
            _filter: { FilesFromRaw: [list] },
          },
          signal,
        ),
      );
      return null;
    } catch (error) {
      return classifyRcloneError(error, "TRANSFER_FAILED");
    }
  }

  /** Removes this process's list folder. */
  async close(): Promise<void> {
    await this.#lists.remove();
  }

  async purgeRemote(destination: Destination, remoteDir: string, signal: AbortSignal): Promise<void> {
    const client = await this.#client();
    try {
      await client.call("operations/purge", { fs: destination.root, remote: remoteDir }, signal);
    } catch (error) {
      if (isNotFound(error)) return;
      throw classifyRcloneError(error, "TRANSFER_FAILED");
    }
  }

  async #list(
    fs: string,
    names: readonly string[] | null,
    hashType: string | null,
    signal: AbortSignal,
    byName = false,
  ): Promise<readonly ListItem[]> {
    const client = await this.#client();
    const opt = { noMimeType: true, ...(hashType === null ? {} : { showHash: true, hashTypes: [hashType] }) };
    const call = (filter: object) =>
      client.call<{ list?: ListItem[] }>("operations/list", { fs, remote: "", opt, ...filter }, signal);
    const answer =
      names === null
        ? await call({})
        : await this.#lists.with(names, (list) =>
            call({ _filter: { FilesFromRaw: [list] }, ...(byName ? { _config: { NoTraverse: true } } : {}) }),
          );
    return answer.list ?? [];
  }

  /**
   * Polls the group's stats while it runs; each file being sent gets its own progress. Files
   * start at any moment inside a group, so rclone is asked four times as often as progress is
   * shown: a file's first bytes are shown within a quarter interval, then once per interval.
   */
  #pollProgress(
    client: RcClient,
    group: string,
    onProgress: (name: string, progress: TransferProgress) => void,
  ) {
    const interval = this.#progressIntervalMs;
    const shownAt = new Map<string, number>();
    /** Files seen in flight, with their sizes: one that leaves the list was sent whole. */
    const inFlight = new Map<string, number>();
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      try {
        const stats = await client.call<GroupStats>("core/stats", { group });
        const now = performance.now();
        const current = new Set((stats.transferring ?? []).map((file) => file.name));
        for (const [name, size] of inFlight) {
          if (stopped || current.has(name)) continue;
          inFlight.delete(name);
          onProgress(name, { bytesDone: size, sizeBytes: size, speed: 0, etaSeconds: 0 });
        }
        for (const file of stats.transferring ?? []) {
          if (stopped) return;
          if (file.size !== undefined && file.size >= 0) inFlight.set(file.name, file.size);
          const bytes = file.bytes ?? 0;
          const last = shownAt.get(file.name);
          if (bytes === 0 || (last !== undefined && now - last < interval)) continue;
          shownAt.set(file.name, now);
          onProgress(file.name, {
            bytesDone: bytes,
            sizeBytes: file.size ?? null,
            speed: file.speed ?? 0,
            etaSeconds: file.eta ?? null,
          });
        }
      } catch {
        // A missed progress reading is harmless; the listing afterwards decides.
      }
      if (!stopped) timer = setTimeout(tick, Math.ceil(interval / 4));
    };
    timer = setTimeout(tick, Math.ceil(interval / 4));
    return {
      stop: () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }
}

/** A folder below the destination's root, as an rclone fs of its own. */
function folderFs(destination: Destination, remoteDir: string): string {
  return destinationRoot(destination.root, destination.kind, remoteDir, path.join);
}
