/**
 * The engine loop's pause between polls, cut short when there may be new work: a job finished,
 * slots came free, a lease was recovered, or the store announced new jobs.
 */
export class Wake {
  #wake: (() => void) | undefined;
  /** Set when there may be new work while the loop was busy: the next pause returns at once. */
  #poked = false;

  /** There may be new work: wake the loop now, or make its next pause return at once. */
  poke(): void {
    if (this.#wake !== undefined) this.#wake();
    else this.#poked = true;
  }

  /** Waits for `ms`, or less if poked or the run is stopped. */
  async pause(ms: number, signal: AbortSignal): Promise<void> {
    // Stopped while the loop was busy (a SIGTERM during its claim): the abort event has already
    // fired and no listener would hear it; the daemon then slept out its idle pause (up to 30 s)
    // before it stopped, and a service manager's kill left its rclone behind.
    if (signal.aborted) return;
    if (this.#poked) {
      this.#poked = false;
      return;
    }
    // One timer and one abort listener per pause, both removed however it ends: with pokes
    // arriving many times a second, a timer left behind per pause would pile up listeners.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
      this.#wake = done;
    });
  }
}
