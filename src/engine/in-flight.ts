/**
 * The engine's runs in flight (a lone job's, or a group's), so that each end wakes the loop and
 * shutdown can let them finish for a grace period before stopping them.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "./events.js";

export class InFlight {
  readonly #running = new Set<Promise<void>>();
  readonly #log: Logger;
  readonly #ended: () => void;

  /** `ended` is told after each run, whatever its outcome. */
  constructor(logger: Logger, ended: () => void) {
    this.#log = logger;
    this.#ended = ended;
  }

  keep(done: Promise<void>): void {
    const tracked = done.finally(() => {
      this.#running.delete(tracked);
      this.#ended();
    });
    this.#running.add(tracked);
  }

  /**
   * Lets the runs finish for `graceMs`, then calls `stopAll` (which aborts their transfers, so
   * their jobs go back to pending) and waits for them to end.
   */
  async drain(graceMs: number, stopAll: () => void): Promise<void> {
    if (this.#running.size === 0) return;
    this.#log.info({ running: this.#running.size, graceMs }, "waiting for running transfers");
    const all = Promise.allSettled([...this.#running]);
    const timer = new AbortController();
    const timedOut = await Promise.race([
      all.then(() => false),
      sleep(graceMs, true, { signal: timer.signal }).catch(() => false),
    ]);
    timer.abort();
    if (timedOut) {
      stopAll();
      await Promise.allSettled([...this.#running]);
    }
  }
}
