/**
 * Speed and time left as a person should see them: bytes per second over the last few seconds
 * (a sliding window), so one slow second (a listing, a move, an event that came late) does not
 * make the ETA jump, and a transfer that stalls shows its speed falling to zero instead of
 * frozen at its last value. Pure: the caller gives the clock.
 */

export interface RateMeterOptions {
  /** The window the speed is measured over. */
  readonly windowMs?: number;
  /** No speed until the readings span this long (two readings a moment apart say little). */
  readonly minSpanMs?: number;
}

interface Reading {
  readonly at: number;
  readonly bytes: number;
}

export class RateMeter {
  readonly #windowMs: number;
  readonly #minSpanMs: number;
  #readings: Reading[] = [];

  constructor(options: RateMeterOptions = {}) {
    this.#windowMs = options.windowMs ?? 5_000;
    this.#minSpanMs = options.minSpanMs ?? 750;
  }

  /** `bytes` is the running total so far (not a delta), read at `at` (ms). */
  sample(bytes: number, at: number): void {
    const last = this.#readings.at(-1);
    // A total that went back (a retry starts over) begins a new measurement.
    if (last !== undefined && bytes < last.bytes) this.#readings = [];
    this.#readings.push({ at, bytes });
    // Keep one reading older than the window, so the window is always spanned in full.
    while (this.#readings.length > 2 && (this.#readings[1] as Reading).at <= at - this.#windowMs) {
      this.#readings.shift();
    }
  }

  /** Bytes per second over the window, or null until the readings span long enough. */
  get speed(): number | null {
    const first = this.#readings[0];
    const last = this.#readings.at(-1);
    if (first === undefined || last === undefined) return null;
    const span = last.at - first.at;
    if (span < this.#minSpanMs) return null;
    return ((last.bytes - first.bytes) * 1000) / span;
  }

  /** Seconds left for `remainingBytes` at that speed; null while it is unknown or zero. */
  etaSeconds(remainingBytes: number): number | null {
    if (remainingBytes <= 0) return 0;
    const speed = this.speed;
    return speed === null || speed <= 0 ? null : remainingBytes / speed;
  }
}
