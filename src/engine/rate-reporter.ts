/**
 * What this engine's uploads move now, per destination, written to the queue every two seconds
 * while they run (and once more when they stop), so `status` in any process shows "20 MiB/s
 * limit · 19.6 MiB/s now" and other hosts see their share of a destination's rate.
 */
import type { JobStore } from "../store/job-store.js";
import type { BandwidthBudget } from "./bandwidth-budget.js";
import type { Logger } from "./events.js";

const REPORT_MS = 2_000;
/** A rate is said over at least this long (the first report after a quiet spell waits for it). */
const MIN_WINDOW_MS = 1_000;
/** A transfer that said nothing for this long is not counted as moving (a hash, a check …). */
const QUIET_MS = 5_000;

interface Moving {
  readonly destination: string;
  /** Bytes the transfer had sent at its last progress. */
  bytes: number;
  at: number;
}

export class RateReporter {
  readonly #store: JobStore;
  readonly #owner: string;
  readonly #budget: BandwidthBudget;
  readonly #clock: () => number;
  readonly #logger: Logger;
  readonly #moving = new Map<number, Moving>();
  /** Bytes sent per destination since the last report (from progress; rclone's own speeds smooth too much). */
  readonly #sent = new Map<string, number>();
  #reportedAt = Number.NEGATIVE_INFINITY;
  /** When bytes began to move after a quiet spell: the first interval starts there. */
  #movingSince = Number.NEGATIVE_INFINITY;
  /** Whether the last report had rows (one empty report follows the last upload). */
  #reported = false;

  constructor(options: {
    store: JobStore;
    owner: string;
    budget: BandwidthBudget;
    clock: () => number;
    logger: Logger;
  }) {
    this.#store = options.store;
    this.#owner = options.owner;
    this.#budget = options.budget;
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  /** A job's transfer reported how far it is. */
  progress(jobId: number, destination: string, bytesDone: number): void {
    const moving = this.#moving.get(jobId);
    if (this.#moving.size === 0) this.#movingSince = this.#clock();
    // A transfer first seen sets its baseline: its earlier bytes belong to no known interval.
    if (moving !== undefined && bytesDone > moving.bytes) {
      this.#sent.set(destination, (this.#sent.get(destination) ?? 0) + bytesDone - moving.bytes);
    }
    this.#moving.set(jobId, {
      destination,
      bytes: Math.max(bytesDone, moving?.bytes ?? 0),
      at: this.#clock(),
    });
  }

  ended(jobId: number): void {
    this.#moving.delete(jobId);
  }

  /** Called every poll: writes at most every two seconds, and only while something moves or just stopped. */
  async report(): Promise<void> {
    const now = this.#clock();
    if (now - this.#reportedAt < REPORT_MS) return;
    const window = now - Math.max(this.#reportedAt, this.#movingSince);
    const byDestination = new Map<string, { transfers: number; bytesPerSecond: number }>();
    for (const [jobId, moving] of this.#moving) {
      if (now - moving.at > QUIET_MS) {
        this.#moving.delete(jobId);
        continue;
      }
      const sum = byDestination.get(moving.destination) ?? { transfers: 0, bytesPerSecond: 0 };
      sum.transfers += 1;
      byDestination.set(moving.destination, sum);
    }
    if (byDestination.size > 0 && window < MIN_WINDOW_MS) return;
    for (const [destination, sum] of byDestination) {
      sum.bytesPerSecond = ((this.#sent.get(destination) ?? 0) * 1000) / window;
    }
    this.#sent.clear();
    if (byDestination.size === 0 && !this.#reported) return;
    this.#reportedAt = now;
    const rates = [...byDestination].map(([destination, sum]) => ({
      destination,
      ...sum,
      limitBytesPerSecond: this.#budget.limitOf(destination),
    }));
    try {
      await this.#store.reportTransferRates(this.#owner, rates, now);
      this.#reported = rates.length > 0;
    } catch (error) {
      this.#logger.debug({ err: String(error) }, "transfer rates not written");
    }
  }

  /** The engine stops: nothing of ours moves any more. */
  async clear(): Promise<void> {
    this.#moving.clear();
    if (!this.#reported) return;
    await this.#store.reportTransferRates(this.#owner, [], this.#clock()).catch(() => undefined);
    this.#reported = false;
  }
}
