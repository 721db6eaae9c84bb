/**
 * The Transport that drives `rclone rcd`. One synchronous `operations/copyfile` per transfer:
 * it answers the moment the file is written (no job/status polling delay on small files), and
 * is cancelled both by dropping the request and by `job/stopgroup`. Progress comes from
 * `core/stats` of the transfer's own stats group, polled only while it runs.
 *
 * A destination given a bandwidth limit of its own (`setBandwidth(…, destination)`) sends its
 * transfers through an rcd of its own, whose global limit is that rate: rclone's token bucket
 * shares it among the destination's transfers as they come and go. Everything else (checks,
 * listings, hashes, moves) and the other destinations use the main rcd.
 */
import path from "node:path";
import type { Destination } from "../domain/destination.js";
import { SyncError } from "../domain/errors.js";
import { redactSecrets } from "../domain/redact.js";
import type {
  DestinationCheck,
  DestinationTraits,
  RemoteFile,
  SpaceInfo,
  TransferProgress,
  TransferRequest,
  TransferResult,
  Transport,
} from "../engine/transport.js";
import { say } from "../i18n/message.js";
import { classifyRcloneError } from "./classify-error.js";
import { LimitedRcd } from "./limited-rcd.js";
import { isNotFound, type RcClient } from "./rc-client.js";
import type { RcdSupervisor } from "./rcd-supervisor.js";
import { RcloneGroupTransport } from "./rclone-group-transport.js";

interface StatsAnswer {
  readonly bytes?: number;
  readonly totalBytes?: number;
  /** The group's average since it started; the transfer's own `speed` is the current one. */
  readonly speed?: number;
  readonly eta?: number | null;
  readonly transferring?: ReadonlyArray<{ readonly speed?: number }>;
}

interface StatItem {
  readonly Size: number;
  readonly ModTime?: string;
  readonly IsDir: boolean;
  readonly Hashes?: Record<string, string>;
}

interface FsInfo {
  readonly Hashes?: string[];
  readonly Name?: string;
  readonly Features?: Readonly<Record<string, boolean>>;
}

/**
 * Backends whose uploads only become visible once complete (the provider commits an upload
 * session or a single PUT atomically). Bucket-based stores (S3, GCS, B2, Azure, Swift) are
 * recognised by their `BucketBased` feature. Everything else — local disks, SFTP, WebDAV, FTP,
 * SMB, and wrappers such as crypt or alias whose inner backend we cannot see — is treated as
 * writing in place, the safe assumption.
 */
/**
 * Servers that keep real folders (a listing costs the server work for every entry in the
 * folder) and answer one file by its path in one request: a few names in a large folder are
 * cheaper to look up one by one than to list (folder-sizes.ts decides when). Cloud drives
 * answer a name by a search (and count each against a rate limit), object stores list a
 * thousand keys per request: they list.
 */
const LOOKUP_BY_NAME_BACKENDS: ReadonlySet<string> = new Set(["local", "sftp", "webdav", "ftp", "smb"]);

/**
 * Servers that hash a file only when asked, by running a command over it: rclone's SFTP backend
 * runs `md5sum` on the server, a session of its own per file, one file after another in a
 * listing (300 × 2 MB to a loopback sshd: the verification listings of groups of 4–8 took
 * 1.1–3.4 s each). A local folder hashes by reading too, but the copy it reads was just
 * written and is in memory, while rclone's local backend tells the kernel to drop the source's
 * pages as it reads them: hashing the sources instead read them from the disk a second time
 * (10 000 × 20 KB: 385 MB read from the disk instead of 195, and 0.4–1.3 s slower).
 */
const HASHES_ON_REQUEST_BACKENDS: ReadonlySet<string> = new Set(["sftp"]);

/**
 * From this size on, a file bound for a local folder (or a NAS mounted as one) takes its
 * source's hash instead of reading its copy back (`DestinationTraits.sourceHashFrom`). Reading a
 * large copy back is one more pass over all of it once the copy is done, on one core (about
 * 1.5 s per GiB here); the source's hash runs beside the copy on the other core, or, in a group,
 * several at once after it. 1 GiB alone: 3.5 → 2.6 s; 4 × 256 MiB in a group: 3.5 →
 * 2.5 s (rclone copy: 1.7 s). Below it, reading back from memory is cheap, and the sources'
 * pages are already gone (see above). Large enough that photos stay on the cheap side; small
 * enough that a 100 MB TIFF or any video takes the parallel way.
 */
const LOCAL_SOURCE_HASH_FROM = 32 * 1024 * 1024;

/**
 * Backends whose every folder opened as a remote connects anew: rclone's SFTP backend opens an
 * SSH connection pool per remote. A group's staging folder is a remote of its own, so groups
 * cost a handshake each, several at a time, and OpenSSH starts refusing logins once 10 are in
 * progress (`MaxStartups`). 300 × 2 MB to a loopback OpenSSH: 20–44 s in groups, 15.7–16.3 s one
 * by one (rclone's copy 13.2–13.9 s); 2000 × 20 KB: 52–54 s against 43.8 (rclone 31.6 s).
 */
const CONNECTS_PER_FOLDER_BACKENDS: ReadonlySet<string> = new Set(["sftp"]);

const ATOMIC_UPLOAD_BACKENDS: ReadonlySet<string> = new Set([
  "box",
  "drive",
  "dropbox",
  "googlephotos",
  "hidrive",
  "jottacloud",
  "koofr",
  "mailru",
  "mega",
  "onedrive",
  "opendrive",
  "pcloud",
  "premiumizeme",
  "putio",
  "sharefile",
  "yandex",
  "zoho",
]);

/**
 * Preferred when both sides offer them: cheap, and what most providers store. It is also the
 * type rclone's own copy checks (`CommonHash`: the first of the shared types in rclone's order,
 * md5 then sha1 then the rest as `operations/fsinfo` lists them), which the engine relies on
 * when it takes the destination's hash for the source's.
 */
const HASH_PREFERENCE = ["md5", "sha1"];

export interface RcloneTransportOptions {
  readonly progressIntervalMs: number;
}

export class RcloneTransport implements Transport {
  readonly #main: LimitedRcd;
  /** The rcds of destinations with a bandwidth limit of their own, by destination name. */
  readonly #lanes = new Map<string, LimitedRcd>();
  readonly #options: RcloneTransportOptions;
  readonly group: RcloneGroupTransport;
  readonly #traits = new Map<string, Promise<DestinationTraits>>();
  /** The traits read so far, for a claim's decision that cannot wait for them. */
  readonly #knownTraits = new Map<string, DestinationTraits>();
  #localHashes: Promise<readonly string[]> | undefined;

  constructor(rcd: RcdSupervisor, options: RcloneTransportOptions) {
    this.#main = new LimitedRcd(rcd);
    this.#options = options;
    this.group = new RcloneGroupTransport(
      (destination) => (destination === undefined ? this.#client() : this.#transferClient(destination)),
      options.progressIntervalMs,
    );
  }

  /** PID of the rcd a destination's transfers run in, if it runs (for tests and `doctor`). */
  async pidFor(destination?: Destination): Promise<number | undefined> {
    const lane = destination === undefined ? undefined : this.#lanes.get(destination.name);
    return (lane ?? this.#main).supervisor.pid();
  }

  /** The limit (bytes/s; null: none) rclone reports in force on a destination's transfers. */
  async bandwidthIn(destination: Destination | undefined, signal: AbortSignal): Promise<number | null> {
    const client = destination === undefined ? await this.#client() : await this.#transferClient(destination);
    const reply = await client.call<{ bytesPerSecondTx?: number }>("core/bwlimit", {}, signal);
    const rate = reply.bytesPerSecondTx ?? -1;
    return rate < 0 ? null : rate;
  }

  async transfer(
    request: TransferRequest,
    options: { readonly signal: AbortSignal; readonly onProgress: (progress: TransferProgress) => void },
  ): Promise<TransferResult> {
    const { signal, onProgress } = options;
    const client = await this.#transferClient(request.destination);
    const group = `job-${request.jobId}-${request.attempt}`;
    const poll = this.#pollProgress(client, group, onProgress);
    const stop = () => void client.call("job/stopgroup", { group }).catch(() => undefined);
    signal.addEventListener("abort", stop, { once: true });
    try {
      // No `_config` here, and none of rclone's check-off flags reach the rcd (rcd-environment.ts):
      // the copy compares the hash of the bytes it read with the destination's (and the sizes)
      // and fails "corrupted on transfer" on a difference. So this transfer returns no hash of
      // its own: the engine takes the destination's for the source's (TransferResult).
      await client.call(
        "operations/copyfile",
        {
          srcFs: path.dirname(request.sourcePath),
          srcRemote: path.basename(request.sourcePath),
          dstFs: request.destination.root,
          dstRemote: request.remotePath,
          _group: group,
        },
        signal,
      );
      return {};
    } catch (error) {
      if (signal.aborted) {
        throw new SyncError("TRANSFER_INTERRUPTED", say("stored.transferHalted"), { cause: error });
      }
      throw classifyRcloneError(error);
    } finally {
      signal.removeEventListener("abort", stop);
      poll.stop();
      void client.call("core/stats-delete", { group }).catch(() => undefined);
    }
  }

  async statRemote(
    destination: Destination,
    remotePath: string,
    hashType: string | null,
    signal: AbortSignal,
  ): Promise<RemoteFile | null> {
    return this.#stat(destination.root, remotePath, hashType, signal);
  }

  traits(destination: Destination, signal: AbortSignal): Promise<DestinationTraits> {
    let cached = this.#traits.get(destination.root);
    if (cached === undefined) {
      const root = destination.root;
      cached = this.#readTraits(destination, signal);
      this.#traits.set(root, cached);
      cached.then(
        (traits) => this.#knownTraits.set(root, traits),
        () => this.#traits.delete(root),
      );
    }
    return cached;
  }

  knownTraits(destination: Destination): DestinationTraits | undefined {
    return this.#knownTraits.get(destination.root);
  }

  async moveRemote(destination: Destination, from: string, to: string, signal: AbortSignal): Promise<void> {
    const client = await this.#client();
    try {
      await client.call(
        "operations/movefile",
        { srcFs: destination.root, srcRemote: from, dstFs: destination.root, dstRemote: to },
        signal,
      );
    } catch (error) {
      throw classifyRcloneError(error, "TRANSFER_FAILED");
    }
  }

  async deleteRemote(destination: Destination, remotePath: string, signal: AbortSignal): Promise<void> {
    const client = await this.#client();
    try {
      await client.call("operations/deletefile", { fs: destination.root, remote: remotePath }, signal);
    } catch (error) {
      if (isNotFound(error)) return;
      throw classifyRcloneError(error, "TRANSFER_FAILED");
    }
  }

  async hashSource(sourcePath: string, hashType: string, signal: AbortSignal): Promise<string> {
    const file = await this.#stat(path.dirname(sourcePath), path.basename(sourcePath), hashType, signal);
    if (file === null)
      throw new SyncError("SOURCE_MISSING", say("stored.sourceFileGone", { path: sourcePath }));
    const hash = file.hashes[hashType];
    if (hash === undefined || hash === "") {
      throw new SyncError("SOURCE_UNREADABLE", say("stored.hashUnavailable", { hashType, path: sourcePath }));
    }
    return hash;
  }

  async checkDestination(destination: Destination, signal: AbortSignal): Promise<DestinationCheck> {
    const started = performance.now();
    try {
      const client = await this.#client();
      const info = await client.call<FsInfo>("operations/fsinfo", { fs: destination.root }, signal);
      // Creating the Fs may not touch the network (WebDAV does, S3 does not): listing the root
      // with depth 1 does, and proves the credentials work.
      await client
        .call(
          "operations/list",
          { fs: destination.root, remote: "", opt: { maxDepth: 1, noModTime: true } },
          signal,
        )
        .catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
        });
      return { ok: true, latencyMs: Math.round(performance.now() - started), hashTypes: info.Hashes ?? [] };
    } catch (error) {
      const syncError = classifyRcloneError(error, "REMOTE_UNREACHABLE");
      return {
        ok: false,
        latencyMs: Math.round(performance.now() - started),
        hashTypes: [],
        error: {
          code: syncError.code,
          message: syncError.message,
          hint: syncError.hint,
          ...(syncError.detail === undefined ? {} : { detail: syncError.detail }),
        },
      };
    }
  }

  async space(destination: Destination, signal: AbortSignal): Promise<SpaceInfo | null> {
    const client = await this.#client();
    try {
      const about = await client.call<{ total?: number; used?: number; free?: number }>(
        "operations/about",
        { fs: destination.root },
        signal,
      );
      return {
        totalBytes: about.total ?? null,
        usedBytes: about.used ?? null,
        freeBytes: about.free ?? null,
      };
    } catch (error) {
      // Many backends keep no quota (SFTP, most WebDAV): that is an answer, not a failure.
      if (/doesn't support about|not supported|ErrorNotImplemented/i.test(String(error))) return null;
      throw classifyRcloneError(error, "REMOTE_UNREACHABLE");
    }
  }

  async publicLink(destination: Destination, remotePath: string, signal: AbortSignal): Promise<string> {
    const client = await this.#client();
    try {
      const reply = await client.call<{ url?: string }>(
        "operations/publiclink",
        { fs: destination.root, remote: remotePath },
        signal,
      );
      if (reply.url === undefined || reply.url === "") throw new Error("rclone returned no link");
      return reply.url;
    } catch (error) {
      if (/doesn't support public links|not supported|ErrorNotImplemented/i.test(String(error))) {
        throw new SyncError(
          "LINK_UNSUPPORTED",
          say("rclone.noPublicLinks", { destination: destination.name }),
          {
            detail: redactSecrets(String(error)),
          },
        );
      }
      throw classifyRcloneError(error, "TRANSFER_FAILED");
    }
  }

  async setBandwidth(
    bytesPerSecond: number | null,
    signal: AbortSignal,
    destination?: Destination,
  ): Promise<number | null> {
    if (destination === undefined) return this.#main.setBandwidth(bytesPerSecond, signal);
    let lane = this.#lanes.get(destination.name);
    if (lane === undefined) {
      lane = new LimitedRcd(this.#main.supervisor.sibling());
      this.#lanes.set(destination.name, lane);
    }
    return lane.setBandwidth(bytesPerSecond, signal);
  }

  async close(): Promise<void> {
    await this.group.close().catch(() => undefined);
    await Promise.all([...this.#lanes.values()].map((lane) => lane.supervisor.close()));
    await this.#main.supervisor.close();
  }

  #client(): Promise<RcClient> {
    return this.#main.client();
  }

  /** Where the destination's bytes go: its own rcd if it has a limit of its own, else the main one. */
  #transferClient(destination: Destination): Promise<RcClient> {
    return (this.#lanes.get(destination.name) ?? this.#main).client();
  }

  async #stat(
    fs: string,
    remote: string,
    hashType: string | null,
    signal: AbortSignal,
  ): Promise<RemoteFile | null> {
    const client = await this.#client();
    try {
      const answer = await client.call<{ item: StatItem | null }>(
        "operations/stat",
        {
          fs,
          remote,
          // filesOnly: without it, rclone answers "not found" only after listing the whole
          // parent folder (looking for a directory of that name) — 1.5 s for a 300-file
          // WebDAV folder, paid by every upload's "already there?" check.
          opt: { filesOnly: true, ...(hashType === null ? {} : { showHash: true, hashTypes: [hashType] }) },
        },
        signal,
      );
      const item = answer.item;
      if (item === null || item.IsDir) return null;
      return { size: item.Size, modTime: item.ModTime ?? null, hashes: item.Hashes ?? {} };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw classifyRcloneError(error, "REMOTE_UNREACHABLE");
    }
  }

  async #readTraits(destination: Destination, signal: AbortSignal): Promise<DestinationTraits> {
    const client = await this.#client();
    this.#localHashes ??= client
      .call<FsInfo>("operations/fsinfo", { fs: path.parse(process.cwd()).root })
      .then((info) => info.Hashes ?? []);
    let info: FsInfo;
    let backend: string;
    try {
      info = await client.call<FsInfo>("operations/fsinfo", { fs: destination.root }, signal);
      backend = await this.#backendType(client, destination, info, signal);
    } catch (error) {
      throw classifyRcloneError(error, "REMOTE_UNREACHABLE");
    }
    const local = await this.#localHashes;
    const shared = (info.Hashes ?? []).filter((type) => local.includes(type));
    const features = info.Features ?? {};
    return {
      hashType: HASH_PREFERENCE.find((type) => shared.includes(type)) ?? shared[0] ?? null,
      writesInPlace: features.BucketBased !== true && !ATOMIC_UPLOAD_BACKENDS.has(backend),
      canMove: features.Move === true,
      lookupByName: LOOKUP_BY_NAME_BACKENDS.has(backend),
      hashesOnRequest: HASHES_ON_REQUEST_BACKENDS.has(backend),
      ...(backend === "local" ? { sourceHashFrom: LOCAL_SOURCE_HASH_FROM } : {}),
      connectsPerFolder: CONNECTS_PER_FOLDER_BACKENDS.has(backend),
    };
  }

  /** `local`, `webdav`, `drive` …: from the destination kind, a connection string, or rclone.conf. */
  async #backendType(client: RcClient, destination: Destination, info: FsInfo, signal: AbortSignal) {
    if (destination.kind === "local") return "local";
    const name = info.Name ?? "";
    // Connection strings are named `:webdav{a1B2c}` by rclone.
    if (name.startsWith(":")) return name.slice(1).replace(/\{.*$/, "");
    const section = await client
      .call<{ type?: string }>("config/get", { name: name.replace(/\{.*$/, "") }, signal)
      .catch(() => ({ type: undefined }));
    return section.type ?? "";
  }

  /** Polls the group's stats while the transfer runs; the first poll waits, so small files never poll. */
  #pollProgress(client: RcClient, group: string, onProgress: (progress: TransferProgress) => void) {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      try {
        const stats = await client.call<StatsAnswer>("core/stats", { group });
        if (stopped) return;
        onProgress({
          bytesDone: stats.bytes ?? 0,
          sizeBytes: stats.totalBytes ?? null,
          speed: stats.transferring?.[0]?.speed ?? stats.speed ?? 0,
          etaSeconds: stats.eta ?? null,
        });
      } catch {
        // A missed progress reading is harmless; the transfer's own result decides.
      }
      if (!stopped) timer = setTimeout(tick, this.#options.progressIntervalMs);
    };
    timer = setTimeout(tick, Math.min(500, this.#options.progressIntervalMs));
    return {
      stop: () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }
}
