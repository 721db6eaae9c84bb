/**
 * Asks the running rcd now and then whether it still answers (`rc/noop`, short timeout). One that
 * does not — stopped (SIGSTOP), deadlocked, swapped out for good — is killed by its pid; the
 * supervisor then starts a new one, and the transfers it carried come back as interrupted
 * (TRANSFER_INTERRUPTED: their attempts are given back).
 */
import type { RcClient } from "./rc-client.js";

export interface RcdWatchdogOptions {
  readonly everyMs: number;
  readonly timeoutMs: number;
  /** The running rcd, or undefined while none runs (starting, restarting). */
  readonly current: () => { readonly pid: number; readonly client: RcClient } | undefined;
  readonly onHung: (pid: number) => void;
}

export class RcdWatchdog {
  readonly #options: RcdWatchdogOptions;
  readonly #timer: NodeJS.Timeout;
  #checking = false;

  constructor(options: RcdWatchdogOptions) {
    this.#options = options;
    this.#timer = setInterval(() => void this.check(), options.everyMs);
    // Never what keeps a process alive.
    this.#timer.unref();
  }

  /** One check; resolves true when the rcd answered (or none runs). */
  async check(): Promise<boolean> {
    const running = this.#options.current();
    if (running === undefined || this.#checking) return true;
    this.#checking = true;
    try {
      await running.client.call("rc/noop", {}, AbortSignal.timeout(this.#options.timeoutMs));
      return true;
    } catch {
      // The same rcd still (not one that died and was replaced meanwhile): it is hung.
      if (this.#options.current()?.pid !== running.pid) return true;
      this.#options.onHung(running.pid);
      try {
        process.kill(running.pid, "SIGKILL");
      } catch {
        // Gone already: the supervisor restarts it.
      }
      return false;
    } finally {
      this.#checking = false;
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/**
 * Restarts of a crashing rcd: at once (¼ s) normally; after 3 exits within a minute, a growing
 * wait (5 s doubling to 60 s) so a broken rclone is not restarted in a tight loop.
 */
export class CrashLoop {
  readonly #exits: number[] = [];

  /** Records an exit at `now`; returns the wait before the next start and whether it is a loop. */
  exited(now: number): { readonly delayMs: number; readonly looping: boolean; readonly count: number } {
    this.#exits.push(now);
    while (this.#exits.length > 0 && now - (this.#exits[0] ?? now) > 60_000) this.#exits.shift();
    const count = this.#exits.length;
    if (count < 3) return { delayMs: 250, looping: false, count };
    return { delayMs: Math.min(60_000, 5_000 * 2 ** (count - 3)), looping: true, count };
  }
}
