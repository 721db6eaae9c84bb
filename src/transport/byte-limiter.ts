/**
 * Bandwidth for our own transports (S3 multipart, SFTP offsets): a token bucket per limit, so
 * the global `bandwidth` / live `bwlimit` and a destination's own limit hold for our bytes as
 * rclone's `core/bwlimit` and `BwLimitFile` hold for its own. One small interface, so the
 * per-destination limiter of the engine can take its place without touching the transports.
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface ByteLimiter {
  /** Resolves once `bytes` may be sent; rejects when `signal` aborts. */
  take(bytes: number, signal: AbortSignal): Promise<void>;
}

/** Half a second of burst: smooth enough for a progress line, coarse enough to cost nothing. */
const BURST_SECONDS = 0.5;

export class TokenBucket implements ByteLimiter {
  #rate: number | null;
  #tokens = 0;
  #last = performance.now();

  constructor(bytesPerSecond: number | null = null) {
    this.#rate = bytesPerSecond;
  }

  get rate(): number | null {
    return this.#rate;
  }

  /** Changes the limit at once, for transfers already running too (null: none). */
  setRate(bytesPerSecond: number | null): void {
    this.#refill();
    this.#rate = bytesPerSecond === null || bytesPerSecond <= 0 ? null : bytesPerSecond;
    if (this.#rate !== null) this.#tokens = Math.min(this.#tokens, this.#rate * BURST_SECONDS);
  }

  async take(bytes: number, signal: AbortSignal): Promise<void> {
    this.#refill();
    if (this.#rate === null) return;
    // Debt, not waiting for a full bucket: a chunk larger than the burst still goes, later.
    this.#tokens -= bytes;
    while (this.#tokens < 0 && this.#rate !== null) {
      const waitMs = Math.min(1_000, (-this.#tokens / this.#rate) * 1000);
      await sleep(Math.max(1, waitMs), undefined, { signal });
      this.#refill();
    }
  }

  #refill(): void {
    const now = performance.now();
    const elapsed = (now - this.#last) / 1000;
    this.#last = now;
    if (this.#rate === null) {
      this.#tokens = 0;
      return;
    }
    this.#tokens = Math.min(this.#rate * BURST_SECONDS, this.#tokens + elapsed * this.#rate);
  }
}

/** Every limiter must allow the bytes: the global one and the destination's own. */
export function allOf(limiters: readonly ByteLimiter[]): ByteLimiter {
  return {
    take: async (bytes, signal) => {
      for (const limiter of limiters) await limiter.take(bytes, signal);
    },
  };
}
