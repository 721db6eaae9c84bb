/**
 * Retry timing: 2 s, 4 s, 8 s … capped at 60 s (the prototype's numbers), spread by jitter so
 * that a hundred jobs failing together do not all come back in the same second.
 */

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  /** 0 … 1: the delay is drawn from [d·(1−jitter), d·(1+jitter)], then capped at maxMs. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({ baseMs: 2_000, maxMs: 60_000, jitter: 0.2 });

export const DEFAULT_RETRIES = 3;

/**
 * Delay before retry number `retry` (1 for the first retry).
 * `random` returns [0, 1); injected so tests are deterministic.
 */
export function backoffDelay(
  retry: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(retry) - 1);
  // Cap before multiplying: 2 ** 1000 is Infinity.
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  const spread = nominal * policy.jitter * (2 * random() - 1);
  return Math.round(Math.min(policy.maxMs, Math.max(0, nominal + spread)));
}
