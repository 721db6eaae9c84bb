/**
 * What moves bytes for the service, started only when something needs it, so `status`, `retry`
 * and enqueueing work even where rclone is missing: the rclone rcd (shared with the remote
 * admin) and the transport over it, or the transport the caller injected. The resumable S3 and
 * SFTP transports (issue 25) are built here too, in front of rclone.
 */
import type { ResolvedConfig } from "../config/resolve.js";
import type { Logger } from "../engine/events.js";
import type { Transport } from "../engine/transport.js";
import { RcdSupervisor } from "../rclone/rcd-supervisor.js";
import { RcloneTransport } from "../rclone/rclone-transport.js";
import { RESUMABLE_BACKENDS } from "../transport/backends.js";
import { ResumableTransport } from "../transport/resumable-transport.js";
import { rcdHealthOptions } from "./rcd-health.js";

/** An rcd nobody called for this long is stopped (an idle daemon runs no rclone); the next call starts one. */
const RCD_QUIET_STOP_MS = 5 * 60_000;

export interface ServiceTransportsOptions {
  readonly config: () => ResolvedConfig;
  readonly dataDir: string;
  readonly logger: Logger;
  /** Injected (tests, embedding): used instead of rclone. */
  readonly transport: Transport | undefined;
}

export class ServiceTransports {
  readonly #options: ServiceTransportsOptions;
  #transport: Transport | undefined;
  #rcd: RcdSupervisor | undefined;
  readonly #logListeners = new Set<(line: string) => void>();

  constructor(options: ServiceTransportsOptions) {
    this.#options = options;
    this.#transport = options.transport;
  }

  /** Whether bytes move through rclone (so rclone must be present), not an injected transport. */
  get usesRclone(): boolean {
    return this.#options.transport === undefined;
  }

  /** The rclone rcd, started on first use. */
  rcd(): RcdSupervisor {
    const { config, dataDir, logger } = this.#options;
    this.#rcd ??= new RcdSupervisor({
      binary: config().rclone.binary,
      configPath: config().rclone.configPath,
      dataDir,
      onLog: (line) => {
        logger.debug({ rclone: line }, "rclone");
        for (const listener of this.#logListeners) listener(line);
      },
      onRestart: (exit) => logger.warn({ ...exit }, "rclone rcd exited; restarting it"),
      ...rcdHealthOptions(config().engine, logger),
      quietStopMs: RCD_QUIET_STOP_MS,
    });
    return this.#rcd;
  }

  /** Follows the lines the rcd logs (the sign-in reads its authorize URL there); returns the unfollow. */
  onRcloneLog(listener: (line: string) => void): () => void {
    this.#logListeners.add(listener);
    return () => this.#logListeners.delete(listener);
  }

  /**
   * The transport jobs run through, started on first use: rclone, with our resumable S3 and
   * SFTP transports for large files in front of it (transport/resumable-transport.ts), which read
   * the remotes' settings from this rcd and draw on the engine's bandwidth budget per chunk.
   */
  transport(): Transport {
    if (this.#transport === undefined) {
      const rcd = this.rcd();
      const rclone = new RcloneTransport(rcd, {
        progressIntervalMs: this.#options.config().engine.progressIntervalMs,
      });
      this.#transport = new ResumableTransport(rclone, {
        readConfig: async (name, signal) =>
          (await rcd.client()).call<Record<string, string>>("config/get", { name }, signal),
        backends: RESUMABLE_BACKENDS,
        logger: this.#options.logger,
      });
    }
    return this.#transport;
  }

  async close(): Promise<void> {
    await this.#transport?.close();
    // An injected transport leaves our own rcd (remote admin) to close here.
    await this.#rcd?.close();
  }
}
