/**
 * The one place that decides which transport moves a job's bytes. Everything goes through
 * rclone, except a file larger than the destination's `resumableAbove` whose remote is S3 (or
 * S3-compatible) or SFTP with settings we can use: that goes through our own resumable
 * transport, which continues an interrupted upload where it stopped. Checks, moves, hashes and
 * listings stay rclone's. A remote whose settings cannot be used falls back to rclone, said
 * once in the log.
 */
import type { Destination } from "../domain/destination.js";
import type { ResumeState } from "../domain/resume.js";
import type { Logger } from "../engine/events.js";
import type {
  BandwidthTap,
  DestinationCheck,
  DestinationTraits,
  DiscardOutcome,
  GroupTransport,
  RemoteFile,
  SpaceInfo,
  TransferProgress,
  TransferRequest,
  TransferResult,
  Transport,
} from "../engine/transport.js";
import { type ConfigReader, readRemoteSettings } from "./remote-settings.js";
import type { ResumableBackend, ResumableUpload } from "./resumable.js";

const UNLIMITED: BandwidthTap = { take: async () => undefined };

export interface ResumableTransportOptions {
  /** rclone.conf's section of a named remote (rcd's `config/get`). */
  readonly readConfig: ConfigReader;
  readonly backends: readonly ResumableBackend[];
  readonly logger: Logger;
}

export class ResumableTransport implements Transport {
  readonly #rclone: Transport;
  readonly #options: ResumableTransportOptions;
  /** Per destination name: its resumable upload, or null (rclone does it). */
  readonly #resumable = new Map<string, Promise<ResumableUpload | null>>();

  constructor(rclone: Transport, options: ResumableTransportOptions) {
    this.#rclone = rclone;
    this.#options = options;
  }

  get group(): GroupTransport | undefined {
    return this.#rclone.group;
  }

  async transfer(
    request: TransferRequest,
    options: { readonly signal: AbortSignal; readonly onProgress: (progress: TransferProgress) => void },
  ): Promise<TransferResult> {
    const { resume, source } = request;
    const upload =
      resume !== undefined && source !== undefined && this.transfersAlone(request.destination, source.size)
        ? await this.#resumableFor(request.destination, options.signal)
        : null;
    if (upload === null || resume === undefined || source === undefined) {
      await resume?.started("rclone", null);
      return this.#rclone.transfer(request, options);
    }
    const hash = await upload.upload({
      request,
      ledger: resume,
      source,
      // The engine's draw on the destination's budget (global limit included); none: no limit.
      limiter: request.bandwidth ?? UNLIMITED,
      signal: options.signal,
      onProgress: options.onProgress,
      onRestart: (reason) =>
        this.#options.logger.info(
          { job: request.jobId, destination: request.destination.name, reason },
          "resumable upload starts again from byte 0",
        ),
    });
    if (hash !== null) return { sourceHash: hash };
    // rclone did not move these bytes, so its check did not run: the engine must not take the
    // destination's hash for the source's. A hash type we cannot compute while reading is read
    // from the file by rclone (none of S3's or SFTP's: md5, sha1).
    if (source.hashType === null || source.hash !== null) return {};
    return { sourceHash: await this.#rclone.hashSource(request.sourcePath, source.hashType, options.signal) };
  }

  transfersAlone(destination: Destination, sizeBytes: number): boolean {
    return (
      destination.resumable.mode === "auto" &&
      destination.kind === "rclone" &&
      destination.encryption === null &&
      sizeBytes > destination.resumable.aboveBytes
    );
  }

  async discardResume(
    state: ResumeState,
    destination: Destination,
    signal: AbortSignal,
  ): Promise<DiscardOutcome> {
    const upload = await this.#resumableFor(destination, signal);
    if (upload === null || upload.kind !== state.transport) return "unsupported";
    return upload.discard(state, signal);
  }

  statRemote(
    destination: Destination,
    remotePath: string,
    hashType: string | null,
    signal: AbortSignal,
  ): Promise<RemoteFile | null> {
    return this.#rclone.statRemote(destination, remotePath, hashType, signal);
  }

  traits(destination: Destination, signal: AbortSignal): Promise<DestinationTraits> {
    return this.#rclone.traits(destination, signal);
  }

  knownTraits(destination: Destination): DestinationTraits | undefined {
    return this.#rclone.knownTraits?.(destination);
  }

  /** Our SFTP partial files move with posix-rename where the server offers it. */
  async moveRemote(destination: Destination, from: string, to: string, signal: AbortSignal): Promise<void> {
    if (from.endsWith(".partial") && this.#resumable.has(destination.name)) {
      const upload = await this.#resumableFor(destination, signal);
      if (upload?.rename !== undefined) return upload.rename(from, to, signal);
    }
    return this.#rclone.moveRemote(destination, from, to, signal);
  }

  deleteRemote(destination: Destination, remotePath: string, signal: AbortSignal): Promise<void> {
    return this.#rclone.deleteRemote(destination, remotePath, signal);
  }

  hashSource(sourcePath: string, hashType: string, signal: AbortSignal): Promise<string> {
    return this.#rclone.hashSource(sourcePath, hashType, signal);
  }

  /** rclone's limits (the engine's bandwidth budget holds our own bytes through `BandwidthTap`). */
  async setBandwidth(
    bytesPerSecond: number | null,
    signal: AbortSignal,
    destination?: Destination,
  ): Promise<number | null> {
    if (this.#rclone.setBandwidth === undefined) return bytesPerSecond;
    return this.#rclone.setBandwidth(bytesPerSecond, signal, destination);
  }

  space(destination: Destination, signal: AbortSignal): Promise<SpaceInfo | null> {
    return this.#rclone.space?.(destination, signal) ?? Promise.resolve(null);
  }

  publicLink(destination: Destination, remotePath: string, signal: AbortSignal): Promise<string> {
    if (this.#rclone.publicLink === undefined) return Promise.reject(new Error("no public links"));
    return this.#rclone.publicLink(destination, remotePath, signal);
  }

  checkDestination(destination: Destination, signal: AbortSignal): Promise<DestinationCheck> {
    return this.#rclone.checkDestination(destination, signal);
  }

  close(): Promise<void> {
    return this.#rclone.close();
  }

  #resumableFor(destination: Destination, signal: AbortSignal): Promise<ResumableUpload | null> {
    let cached = this.#resumable.get(destination.name);
    if (cached === undefined) {
      cached = this.#open(destination, signal);
      this.#resumable.set(destination.name, cached);
      // A failure to read rclone's config (rcd restarting) is asked again next time.
      cached.catch(() => this.#resumable.delete(destination.name));
    }
    return cached;
  }

  async #open(destination: Destination, signal: AbortSignal): Promise<ResumableUpload | null> {
    const remote = await readRemoteSettings(destination.root, this.#options.readConfig, signal);
    const fallBack = (reason: string) => {
      this.#options.logger.info(
        { destination: destination.name, reason },
        "large files to this destination go through rclone and restart from 0 when interrupted",
      );
      return null;
    };
    if (typeof remote === "string") return fallBack(remote);
    const backend = this.#options.backends.find((candidate) => candidate.types.includes(remote.type));
    if (backend === undefined) return null;
    const upload = backend.open(remote, destination);
    return typeof upload === "string" ? fallBack(`${remote.type}: ${upload}`) : upload;
  }
}
