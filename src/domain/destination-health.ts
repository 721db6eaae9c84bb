/**
 * How a destination is doing, decided from the outcomes of its jobs. A destination-wide
 * trouble — the server is down, the provider rate-limits us, the daily cap is reached — is not
 * any one photo's fault, so it must not burn the photos' retry budgets: the destination pauses,
 * its jobs wait (attempt given back), and it resumes by itself. Pure: the clock comes in.
 *
 *   online ──3 unreachable in a row──▶ offline ──probe ok──▶ online   (probes back off 2 s … 60 s)
 *   online ──429──▶ rate-limited (Retry-After or backoff; concurrency halved, regrown by successes)
 *   online ──daily cap──▶ quota-paused (for quotaPauseMs, then one job tries again)
 *   online ──config fault (credentials, TLS, missing remote/bucket)──▶ needs-attention
 *   online ──storage full (ENOSPC, 507, QuotaExceeded …)──▶ full
 *
 * A destination that needs attention or is full holds its jobs (attempts given back) instead of
 * failing them or retrying them in a loop. It is checked now and then (a cheap check: listing the
 * root for a config fault, the free space for a full one); when the check passes, one job tries
 * ("trial"): its success brings the destination back online, its failure keeps it held.
 */
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
import type { ErrorCode, ErrorInfo } from "./errors.js";

/** Faults of the destination's configuration: waiting does not fix them, a person does. */
const CONFIG_FAULTS: ReadonlySet<ErrorCode> = new Set([
  "AUTH_FAILED",
  "PERMISSION_DENIED",
  "REMOTE_NOT_FOUND",
  "TLS_FAILED",
  "UNKNOWN_REMOTE",
]);

export function isConfigFault(code: ErrorCode): boolean {
  return CONFIG_FAULTS.has(code);
}

/**
 * Errors about the destination as a whole (its health board pauses or holds it), not about one
 * file: a group's call that failed with one failed every file it did not deliver.
 */
export function isDestinationWide(code: ErrorCode): boolean {
  return (
    isConfigFault(code) ||
    code === "DESTINATION_FULL" ||
    code === "REMOTE_UNREACHABLE" ||
    code === "RATE_LIMITED" ||
    code === "QUOTA_EXCEEDED"
  );
}

/** Conditions a person must act on (or that end by a check): jobs are held, not failed. */
export function isHeldCondition(condition: DestinationCondition): boolean {
  return condition === "needs-attention" || condition === "full";
}

export const DESTINATION_CONDITIONS = [
  "online",
  "offline",
  "rate-limited",
  "quota-paused",
  "needs-attention",
  "full",
] as const;
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
  /** full: the free space and the bytes waiting, when the destination says (not stored). */
  readonly space?: { readonly freeBytes: number; readonly neededBytes: number };
}

export interface HealthPolicy {
  /** Consecutive "unreachable" failures that mark the destination offline. */
  readonly offlineAfterFailures: number;
  /** Probe and rate-limit backoff (2 s doubling, capped at 60 s). */
  readonly backoff: BackoffPolicy;
  /** How long an exhausted quota pauses the destination before one job tries again. */
  readonly quotaPauseMs: number;
  /** Checks of a destination that needs attention or is full: 30 s doubling, capped at 5 min. */
  readonly heldChecks: BackoffPolicy;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = Object.freeze({
  offlineAfterFailures: 3,
  backoff: DEFAULT_BACKOFF,
  quotaPauseMs: 60 * 60_000,
  heldChecks: { baseMs: 30_000, maxMs: 5 * 60_000, jitter: 0.1 },
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
  /** Checks of a held destination so far (for their backoff). */
  #heldChecks = 0;
  /** A held destination passed its check: one job may try. */
  #trial = false;

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
    if (isHeldCondition(condition)) return this.#trial ? 1 : 0;
    if (until !== null && now < until) return 0;
    return concurrency;
  }

  /** An offline or held destination whose check time has come. */
  dueForProbe(now: number): boolean {
    const { condition, until } = this.#status;
    if (isHeldCondition(condition) && this.#trial) return false;
    return (condition === "offline" || isHeldCondition(condition)) && until !== null && now >= until;
  }

  /** The cheap check of a held destination: passed, one job may try; failed, check again later. */
  checked(ok: boolean, now: number): void {
    if (!isHeldCondition(this.#status.condition)) return;
    if (ok) {
      this.#trial = true;
      return;
    }
    this.#heldChecks += 1;
    this.#status = { ...this.#status, until: now + this.#heldDelay() };
  }

  /** A person pressed Retry (or the config changed): try again now. */
  resume(now: number): boolean {
    if (this.#status.condition === "online") return false;
    this.#unreachableInARow = 0;
    this.#trial = false;
    this.#set("online", null, now, null, this.#status.concurrency);
    return true;
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
    this.#trial = false;
    if (this.#status.condition === "offline" || isHeldCondition(this.#status.condition)) {
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
    if (isConfigFault(error.code)) return this.#hold("needs-attention", error, now);
    switch (error.code) {
      case "DESTINATION_FULL":
        return this.#hold("full", error, now);
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

  /** Enters (or stays in) a held condition; the job waits for the next check. */
  #hold(condition: "needs-attention" | "full", error: ErrorInfo, now: number): FailureVerdict {
    this.#unreachableInARow = 0;
    this.#trial = false;
    if (this.#status.condition === condition) {
      // The trial failed the same way: nothing new to say.
      this.#heldChecks += 1;
      this.#status = { ...this.#status, reason: error, until: now + this.#heldDelay() };
      return { deferUntil: this.#status.until, changed: false };
    }
    this.#heldChecks = 0;
    this.#set(condition, error, now, now + this.#heldDelay(), this.#status.concurrency);
    return { deferUntil: this.#status.until, changed: true };
  }

  #heldDelay(): number {
    return backoffDelay(this.#heldChecks + 1, this.#policy.heldChecks, this.#random);
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
