/**
 * A token bucket for transports that send the bytes themselves (not through rclone): `take`
 * waits until the bytes may go at the rate in force. The rate can change at any time; a waiting
 * `take` keeps the wait it computed, so a change is felt from the next chunk on.
 */
import { setTimeout as sleep } from "node:timers/promises";

/** Bytes that may go at once after an idle spell: a quarter second at the rate, at least 64 KiB. */
const BURST_SECONDS = 0.25;
const MIN_BURST = 64 * 1024;

export class TokenBucket {
  #rate: number | null = null;
  /** Tokens at `#at` (negative: bytes already promised beyond the rate). */
  #tokens = 0;
  #at: number;
  readonly #clock: () => number;

  constructor(clock: () => number = () => performance.now()) {
    this.#clock = clock;
    this.#at = clock();
  }

  /** Bytes per second; null: no limit. */
  get rate(): number | null {
    return this.#rate;
  }

  setRate(bytesPerSecond: number | null): void {
    this.#refill();
    this.#rate = bytesPerSecond === null || bytesPerSecond <= 0 ? null : bytesPerSecond;
    this.#tokens = Math.min(this.#tokens, this.#burst());
  }

  /** Waits until `bytes` may be sent; resolves at once without a limit. */
  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (this.#rate === null) return;
    this.#refill();
    this.#tokens -= bytes;
    if (this.#tokens >= 0) return;
    const waitMs = (-this.#tokens / this.#rate) * 1000;
    await sleep(waitMs, undefined, signal === undefined ? undefined : { signal });
  }

  #burst(): number {
    return this.#rate === null ? Number.POSITIVE_INFINITY : Math.max(MIN_BURST, this.#rate * BURST_SECONDS);
  }

  #refill(): void {
    const now = this.#clock();
    if (this.#rate !== null) {
      this.#tokens = Math.min(this.#burst(), this.#tokens + ((now - this.#at) / 1000) * this.#rate);
    }
    this.#at = now;
  }
}
