/**
 * How a destination is doing, decided from the outcomes of its jobs. A destination-wide
 * trouble — the server is down, the provider rate-limits us, the daily cap is reached — is not
 * any one photo's fault, so it must not burn the photos' retry budgets: the destination pauses,
 * its jobs wait (attempt given back), and it resumes by itself. Pure: the clock comes in.
 *
 *   online ──3 unreachable in a row──▶ offline ──probe ok──▶ online   (probes back off 2 s … 60 s)
 *   online ──429──▶ rate-limited (Retry-After or backoff; concurrency halved, regrown by successes)
 *   online ──daily cap / full──▶ quota-paused (for quotaPauseMs, then one job tries again)
 */
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
import type { ErrorInfo } from "./errors.js";

export const DESTINATION_CONDITIONS = ["online", "offline", "rate-limited", "quota-paused"] as const;
export type DestinationCondition = (typeof DESTINATION_CONDITIONS)[number];

export interface DestinationStatus {
  readonly destination: string;
  readonly condition: DestinationCondition;
  readonly reason: ErrorInfo | null;
  /** When the destination entered this condition. */
  readonly since: number;
  /** offline: the next probe; rate-limited, quota-paused: when uploads resume. */
  readonly until: number | null;
  /** Uploads at once while it recovers from rate limiting (≤ the configured concurrency). */
  readonly concurrency: number;
}

export interface HealthPolicy {
  /** Consecutive "unreachable" failures that mark the destination offline. */
  readonly offlineAfterFailures: number;
  /** Probe and rate-limit backoff (2 s doubling, capped at 60 s). */
  readonly backoff: BackoffPolicy;
  /** How long an exhausted quota pauses the destination before one job tries again. */
  readonly quotaPauseMs: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = Object.freeze({
  offlineAfterFailures: 3,
  backoff: DEFAULT_BACKOFF,
  quotaPauseMs: 60 * 60_000,
});

/** What the engine should do with the job whose failure was just reported. */
export interface FailureVerdict {
  /** Wait until then without spending the attempt; null: an ordinary failure (retry or fail). */
  readonly deferUntil: number | null;
  /** Whether the status changed (and should be written where `status` can read it). */
  readonly changed: boolean;
}

export class DestinationHealth {
  readonly #name: string;
  readonly #configured: number;
  readonly #policy: HealthPolicy;
  readonly #random: () => number;
  #status: DestinationStatus;
  #unreachableInARow = 0;
  #probes = 0;
  #rateLimitHits = 0;
  #successesSinceGrowth = 0;

  constructor(name: string, concurrency: number, policy: HealthPolicy, now: number, random = Math.random) {
    this.#name = name;
    this.#configured = concurrency;
    this.#policy = policy;
    this.#random = random;
    this.#status = {
      destination: name,
      condition: "online",
      reason: null,
      since: now,
      until: null,
      concurrency,
    };
  }

  get status(): DestinationStatus {
    return this.#status;
  }

  /** How many jobs of this destination may run at once now; 0 while it is paused. */
  allowance(now: number): number {
    const { condition, until, concurrency } = this.#status;
    if (condition === "offline") return 0;
    if (until !== null && now < until) return 0;
    return concurrency;
  }

  /** An offline destination whose probe time has come. */
  dueForProbe(now: number): boolean {
    return this.#status.condition === "offline" && this.#status.until !== null && now >= this.#status.until;
  }

  /** A pause that has run out: back to online (rate-limited keeps its reduced concurrency). */
  resumeIfDue(now: number): boolean {
    const { condition, until } = this.#status;
    if ((condition !== "rate-limited" && condition !== "quota-paused") || until === null || now < until) {
      return false;
    }
    this.#set("online", null, now, null, this.#status.concurrency);
    return true;
  }

  /** A job of this destination ended well (or at least reached the server and got an answer). */
  succeeded(now: number): boolean {
    this.#unreachableInARow = 0;
    this.#rateLimitHits = 0;
    let changed = false;
    if (this.#status.condition === "offline") {
      this.#set("online", null, now, null, this.#status.concurrency);
      changed = true;
    }
    // Additive increase after a multiplicative decrease: one more slot per `concurrency` successes.
    if (this.#status.concurrency < this.#configured) {
      this.#successesSinceGrowth += 1;
      if (this.#successesSinceGrowth >= this.#status.concurrency) {
        this.#successesSinceGrowth = 0;
        this.#status = { ...this.#status, concurrency: this.#status.concurrency + 1 };
        changed = true;
      }
    }
    return changed;
  }

  /** A job failed with `error` (its `retryAfterMs` is the provider's Retry-After, when known). */
  failed(error: ErrorInfo, now: number): FailureVerdict {
    switch (error.code) {
      case "REMOTE_UNREACHABLE": {
        this.#unreachableInARow += 1;
        if (this.#status.condition === "offline") return { deferUntil: this.#status.until, changed: false };
        if (this.#unreachableInARow < this.#policy.offlineAfterFailures) {
          return { deferUntil: null, changed: false };
        }
        this.#probes = 0;
        this.#set("offline", error, now, now + this.#probeDelay(), this.#status.concurrency);
        return { deferUntil: this.#status.until, changed: true };
      }
      case "RATE_LIMITED": {
        this.#rateLimitHits += 1;
        const wait =
          error.retryAfterMs ?? backoffDelay(this.#rateLimitHits, this.#policy.backoff, this.#random);
        const until = Math.max(now + wait, this.#status.until ?? 0);
        const concurrency = Math.max(1, Math.floor(this.#status.concurrency / 2));
        this.#successesSinceGrowth = 0;
        const since = this.#status.condition === "rate-limited" ? this.#status.since : now;
        this.#set("rate-limited", error, since, until, concurrency);
        return { deferUntil: until, changed: true };
      }
      case "QUOTA_EXCEEDED": {
        const until = now + this.#policy.quotaPauseMs;
        this.#set("quota-paused", error, now, until, this.#status.concurrency);
        return { deferUntil: until, changed: true };
      }
      default:
        // The server answered: whatever went wrong, it is reachable.
        this.#unreachableInARow = 0;
        return { deferUntil: null, changed: false };
    }
  }

  /** The result of probing an offline destination. */
  probed(error: ErrorInfo | null, now: number): void {
    if (error === null) {
      this.#unreachableInARow = 0;
      this.#set("online", null, now, null, this.#status.concurrency);
      return;
    }
    this.#probes += 1;
    this.#set("offline", error, this.#status.since, now + this.#probeDelay(), this.#status.concurrency);
  }

  #probeDelay(): number {
    return backoffDelay(this.#probes + 1, this.#policy.backoff, this.#random);
  }

  #set(
    condition: DestinationCondition,
    reason: ErrorInfo | null,
    since: number,
    until: number | null,
    concurrency: number,
  ): void {
    this.#status = { destination: this.#name, condition, reason, since, until, concurrency };
  }
}
