/**
 * Progress of one of our own transfers, reported every second: bytes from the resumed offset
 * (never from 0 after a resume), speed over the last few seconds, and the ETA from it.
 */
import type { TransferProgress } from "../engine/transport.js";

const WINDOW_MS = 5_000;

export class ProgressMeter {
  readonly #size: number;
  readonly #onProgress: (progress: TransferProgress) => void;
  readonly #samples: { at: number; bytes: number }[] = [];
  readonly #timer: NodeJS.Timeout;
  #bytes: number;

  constructor(
    size: number,
    startAt: number,
    onProgress: (progress: TransferProgress) => void,
    everyMs = 1_000,
  ) {
    this.#size = size;
    this.#bytes = startAt;
    this.#onProgress = onProgress;
    this.#samples.push({ at: performance.now(), bytes: startAt });
    this.report();
    this.#timer = setInterval(() => this.report(), everyMs);
    this.#timer.unref();
  }

  add(bytes: number): void {
    this.#bytes += bytes;
  }

  /** Back to `bytes` (a part sent again after a failure is not counted twice). */
  set(bytes: number): void {
    this.#bytes = bytes;
  }

  report(): void {
    const now = performance.now();
    this.#samples.push({ at: now, bytes: this.#bytes });
    while (this.#samples.length > 2 && (this.#samples[0]?.at ?? now) < now - WINDOW_MS) this.#samples.shift();
    const first = this.#samples[0] ?? { at: now, bytes: this.#bytes };
    const seconds = (now - first.at) / 1000;
    const speed = seconds > 0 ? Math.max(0, (this.#bytes - first.bytes) / seconds) : 0;
    const left = Math.max(0, this.#size - this.#bytes);
    this.#onProgress({
      bytesDone: Math.min(this.#bytes, this.#size),
      sizeBytes: this.#size,
      speed,
      etaSeconds: speed > 0 ? Math.round(left / speed) : null,
    });
  }

  stop(): void {
    clearInterval(this.#timer);
    this.report();
  }
}
