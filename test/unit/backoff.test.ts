import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF } from "../../src/domain/backoff.js";

const middle = () => 0.5;

describe("backoffDelay", () => {
  it("doubles from 2 s: 2, 4, 8, 16, 32 s (the prototype's schedule) without jitter", () => {
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, DEFAULT_BACKOFF, middle))).toEqual([
      2000, 4000, 8000, 16000, 32000,
    ]);
  });

  it("caps at 60 s, even for absurd retry numbers", () => {
    expect(backoffDelay(6, DEFAULT_BACKOFF, middle)).toBe(60_000);
    expect(backoffDelay(10_000, DEFAULT_BACKOFF, () => 0.999)).toBe(60_000);
  });

  it("spreads delays by ±20 % so failures do not come back in lockstep", () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(1600);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.9999)).toBeCloseTo(2400, -1);
    expect(backoffDelay(3, { baseMs: 10, maxMs: 1000, jitter: 0 }, Math.random)).toBe(40);
  });
});
