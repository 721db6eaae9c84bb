/**
 * What this engine's uploads move now, per destination, written to the queue every two seconds
 * while they run (and once more when they stop), so `status` in any process shows "20 MiB/s
 * limit · 19.6 MiB/s now" and other hosts see their share of a destination's rate.
 */
import type { JobStore } from "../store/job-store.js";
import type { BandwidthBudget } from "./bandwidth-budget.js";
import type { Logger } from "./events.js";

const REPORT_MS = 2_000;
/** A transfer that said nothing for this long is not counted as moving (a hash, a check …). */
const QUIET_MS = 5_000;

interface Sample {
  readonly at: number;
  readonly bytes: number;
}

interface Moving {
  readonly destination: string;
  /** The first and last progress of the current interval, on the transfer's own clock of arrival. */
  first: Sample;
  last: Sample;
  /** Its rate over the last interval that had two samples (bytes per second); null: none yet. */
  rate: number | null;
}

export class RateReporter {
  readonly #store: JobStore;
  readonly #owner: string;
  readonly #budget: BandwidthBudget;
  readonly #clock: () => number;
  readonly #logger: Logger;
  readonly #moving = new Map<number, Moving>();
  #reportedAt = Number.NEGATIVE_INFINITY;
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
    const sample = { at: this.#clock(), bytes: bytesDone };
    const moving = this.#moving.get(jobId);
    if (moving === undefined)
      this.#moving.set(jobId, { destination, first: sample, last: sample, rate: null });
    else if (bytesDone >= moving.last.bytes) moving.last = sample;
  }

  ended(jobId: number): void {
    this.#moving.delete(jobId);
  }

  /**
   * Called every poll: writes at most every two seconds, and only while something moves or just
   * stopped. Each transfer's rate is its own bytes over its own samples' times (progress of
   * several transfers arrives at different moments; one window for all would count some twice).
   */
  async report(): Promise<void> {
    const now = this.#clock();
    if (now - this.#reportedAt < REPORT_MS) return;
    const byDestination = new Map<string, { transfers: number; bytesPerSecond: number }>();
    for (const [jobId, moving] of this.#moving) {
      if (now - moving.last.at > QUIET_MS) {
        this.#moving.delete(jobId);
        continue;
      }
      const span = moving.last.at - moving.first.at;
      if (span > 0) moving.rate = ((moving.last.bytes - moving.first.bytes) * 1000) / span;
      moving.first = moving.last;
      // Not measured yet, or sent and now being checked: not counted as moving.
      if (moving.rate === null || (span === 0 && now - moving.last.at > REPORT_MS)) continue;
      const sum = byDestination.get(moving.destination) ?? { transfers: 0, bytesPerSecond: 0 };
      sum.transfers += 1;
      sum.bytesPerSecond += moving.rate;
      byDestination.set(moving.destination, sum);
    }
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
