/**
 * Keeps one `rclone rcd` alive for this process: started on first use, restarted (within
 * about a second) if it dies, stopped on close. Orphans of a previous, killed run are reaped
 * before the first start so they cannot race our transfers.
 */
import { SyncError } from "../domain/errors.js";
import { RcClient } from "./rc-client.js";
import { RcdProcess } from "./rcd-process.js";
import { forgetRcd, reapOrphanRcds, recordRcd } from "./rcd-registry.js";

export interface RcdSupervisorOptions {
  readonly binary: string;
  readonly configPath?: string | undefined;
  /** Where rcd PIDs are recorded for orphan reaping; none, no recording. */
  readonly dataDir?: string | undefined;
  readonly onLog?: (line: string) => void;
  readonly onRestart?: (exit: { code: number | null; signal: string | null }) => void;
}

interface Running {
  readonly process: RcdProcess;
  readonly client: RcClient;
  readonly recordFile: string | null;
}

export class RcdSupervisor {
  readonly #options: RcdSupervisorOptions;
  #running: Promise<Running> | undefined;
  #closed = false;
  #reaped = false;

  constructor(options: RcdSupervisorOptions) {
    this.#options = options;
  }

  /** Another rcd like this one (same binary, config and data directory), started on first use. */
  sibling(): RcdSupervisor {
    const sibling = new RcdSupervisor(this.#options);
    // This process's orphans were (or will be) reaped by this one; the sibling's start need not wait.
    sibling.#reaped = true;
    return sibling;
  }

  /** The client of the running rcd, starting it if needed. */
  async client(): Promise<RcClient> {
    return (await this.#ensure()).client;
  }

  /** PID of the running rcd, if one is running (for tests and `doctor`). */
  async pid(): Promise<number | undefined> {
    if (this.#running === undefined) return undefined;
    return (await this.#running).process.pid;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const running = this.#running;
    this.#running = undefined;
    if (running === undefined) return;
    try {
      const { process: rcd, client, recordFile } = await running;
      client.close();
      await rcd.stop();
      if (recordFile !== null) await forgetRcd(recordFile);
    } catch {
      // It never started: nothing to stop.
    }
  }

  #ensure(): Promise<Running> {
    if (this.#closed) return Promise.reject(new SyncError("RCLONE_FAILED", "rclone has been shut down."));
    if (this.#running === undefined) {
      const starting = this.#start();
      this.#running = starting;
      // A failed start is not cached: the next call tries again.
      starting.catch(() => {
        if (this.#running === starting) this.#running = undefined;
      });
    }
    return this.#running;
  }

  async #start(): Promise<Running> {
    const { dataDir } = this.#options;
    if (dataDir !== undefined && !this.#reaped) {
      await reapOrphanRcds(dataDir);
      this.#reaped = true;
    }
    const rcd = await RcdProcess.start({
      binary: this.#options.binary,
      configPath: this.#options.configPath,
      ...(this.#options.onLog === undefined ? {} : { onLog: this.#options.onLog }),
    });
    const recordFile =
      dataDir === undefined ? null : await recordRcd(dataDir, { ownerPid: process.pid, rcdPid: rcd.pid });
    const running: Running = { process: rcd, client: new RcClient(rcd.endpoint), recordFile };
    void rcd.exited.then(async (exit) => {
      running.client.close();
      if (recordFile !== null) await forgetRcd(recordFile);
      if (this.#closed) return;
      this.#options.onRestart?.(exit);
      // Restart now rather than on the next call, so waiting work resumes promptly.
      this.#running = undefined;
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (!this.#closed && this.#running === undefined) this.#ensure().catch(() => undefined);
    });
    return running;
  }
}
