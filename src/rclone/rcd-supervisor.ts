/**
 * Keeps one `rclone rcd` alive for this process: started on first use, restarted (within
 * about a second) if it dies, stopped on close — and, with `quietStopMs`, stopped once nothing
 * has called it for that long (an idle daemon keeps no rclone running; the next call starts
 * one). Orphans of a previous, killed run are reaped before the first start so they cannot
 * race our transfers.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import { RcClient } from "./rc-client.js";
import { RcdProcess } from "./rcd-process.js";
import { forgetRcd, reapOrphanRcds, recordRcd } from "./rcd-registry.js";
import { CrashLoop, RcdWatchdog } from "./rcd-watchdog.js";

export interface RcdSupervisorOptions {
  readonly binary: string;
  readonly configPath?: string | undefined;
  /** Where rcd PIDs are recorded for orphan reaping; none, no recording. */
  readonly dataDir?: string | undefined;
  readonly onLog?: (line: string) => void;
  readonly onRestart?: (exit: { code: number | null; signal: string | null }) => void;
  /** Health checks of the running rcd (rcd-watchdog.ts); none when absent. */
  readonly check?: { readonly everyMs: number; readonly timeoutMs: number } | undefined;
  /** The rcd did not answer its check in time and was killed. */
  readonly onHung?: (pid: number) => void;
  /** 3 or more exits within a minute: restarts now wait `delayMs`. */
  readonly onCrashLoop?: (count: number, delayMs: number) => void;
  /** Stop the rcd after this long without a call (none: keep it until close). */
  readonly quietStopMs?: number | undefined;
}

interface Running {
  readonly process: RcdProcess;
  readonly client: RcClient;
  readonly recordFile: string | null;
  /** Stopped for quiet: its exit is not a crash to restart from. */
  retired: boolean;
}

export class RcdSupervisor {
  readonly #options: RcdSupervisorOptions;
  #running: Promise<Running> | undefined;
  #closed = false;
  #reaped = false;
  /** The rcd known to be up, for the watchdog (which must not wait on a start). */
  #current: { pid: number; client: RcClient } | undefined;
  readonly #watchdog: RcdWatchdog | undefined;
  readonly #crashes = new CrashLoop();
  readonly #closing = new AbortController();
  /** Calls in flight, and when the last one ended (the watchdog's checks do not count). */
  #calls = 0;
  #lastCallEnd = 0;
  #quietTimer: NodeJS.Timeout | undefined;

  constructor(options: RcdSupervisorOptions) {
    this.#options = options;
    this.#watchdog =
      options.check === undefined
        ? undefined
        : new RcdWatchdog({
            ...options.check,
            current: () => this.#current,
            onHung: (pid) => options.onHung?.(pid),
          });
  }

  /** Checks the running rcd now (tests; the watchdog does it on its own schedule). */
  async checkNow(): Promise<boolean> {
    return this.#watchdog?.check() ?? true;
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
    this.#closing.abort();
    this.#watchdog?.stop();
    clearTimeout(this.#quietTimer);
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
    if (this.#closed) return Promise.reject(new SyncError("RCLONE_FAILED", say("rclone.shutDown")));
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
    const activity =
      this.#options.quietStopMs === undefined
        ? undefined
        : { begin: () => this.#callBegan(), end: () => this.#callEnded() };
    const running: Running = {
      process: rcd,
      client: new RcClient(rcd.endpoint, activity),
      recordFile,
      retired: false,
    };
    // The watchdog's own client: its checks must not keep a quiet rcd alive.
    const checks = activity === undefined ? running.client : new RcClient(rcd.endpoint);
    this.#current = { pid: rcd.pid, client: checks };
    void rcd.exited.then(async (exit) => {
      if (this.#current?.pid === rcd.pid) this.#current = undefined;
      running.client.close();
      checks.close();
      if (recordFile !== null) await forgetRcd(recordFile);
      if (this.#closed || running.retired) return;
      this.#options.onRestart?.(exit);
      // Restart now rather than on the next call, so waiting work resumes promptly — unless it
      // keeps dying: then wait longer each time, and say so.
      const { delayMs, looping, count } = this.#crashes.exited(Date.now());
      if (looping) this.#options.onCrashLoop?.(count, delayMs);
      // Callers wait for the restart too, so a crash loop cannot be driven by them either.
      const restarting = sleep(delayMs, undefined, { signal: this.#closing.signal }).then(() =>
        this.#start(),
      );
      this.#running = restarting;
      restarting.catch(() => {
        if (this.#running === restarting) this.#running = undefined;
      });
    });
    return running;
  }

  #callBegan(): void {
    this.#calls += 1;
  }

  #callEnded(): void {
    this.#calls -= 1;
    this.#lastCallEnd = performance.now();
    // One timer, armed when the last call ends; it re-arms itself for the rest of the quiet.
    if (this.#calls === 0 && this.#quietTimer === undefined)
      this.#armQuietTimer(this.#options.quietStopMs ?? 0);
  }

  #armQuietTimer(ms: number): void {
    this.#quietTimer = setTimeout(() => {
      this.#quietTimer = undefined;
      if (this.#calls > 0 || this.#closed) return;
      const quiet = performance.now() - this.#lastCallEnd;
      const wanted = this.#options.quietStopMs ?? 0;
      if (quiet < wanted) this.#armQuietTimer(wanted - quiet);
      else void this.#retire();
    }, ms);
    this.#quietTimer.unref();
  }

  /** Stops the running rcd for quiet; the next call starts a new one. */
  async #retire(): Promise<void> {
    const current = this.#running;
    if (current === undefined) return;
    this.#running = undefined;
    this.#current = undefined;
    try {
      const running = await current;
      running.retired = true;
      running.client.close();
      await running.process.stop();
    } catch {
      // It never started.
    }
  }
}
