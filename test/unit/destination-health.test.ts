/** The destination health state machine, on its own (no engine, no clock). */
import { describe, expect, it } from "vitest";
import { DEFAULT_HEALTH_POLICY, DestinationHealth } from "../../src/domain/destination-health.js";
import { type ErrorCode, SyncError } from "../../src/domain/errors.js";

const policy = { ...DEFAULT_HEALTH_POLICY, backoff: { baseMs: 2_000, maxMs: 60_000, jitter: 0 } };
const error = (code: ErrorCode, retryAfterMs?: number) => ({
  ...new SyncError(code, code).toInfo(),
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});

describe("DestinationHealth", () => {
  it("goes offline after 3 unreachable failures in a row, defers from then on, and probes with backoff to 60 s", () => {
    const health = new DestinationHealth("nas", 3, policy, 0);
    expect(health.failed(error("REMOTE_UNREACHABLE"), 1)).toEqual({ deferUntil: null, changed: false });
    expect(health.failed(error("REMOTE_UNREACHABLE"), 2)).toEqual({ deferUntil: null, changed: false });
    expect(health.failed(error("REMOTE_UNREACHABLE"), 3)).toEqual({ deferUntil: 2_003, changed: true });
    expect(health.status).toMatchObject({ condition: "offline", since: 3, until: 2_003 });
    expect(health.allowance(10_000)).toBe(0);
    // Another running job failing the same way waits for the same probe.
    expect(health.failed(error("REMOTE_UNREACHABLE"), 4).deferUntil).toBe(2_003);

    expect(health.dueForProbe(2_002)).toBe(false);
    expect(health.dueForProbe(2_003)).toBe(true);
    const probeTimes: number[] = [];
    let now = 2_003;
    for (let probe = 0; probe < 7; probe += 1) {
      health.probed(error("REMOTE_UNREACHABLE"), now);
      probeTimes.push((health.status.until ?? 0) - now);
      now = health.status.until ?? now;
    }
    expect(probeTimes).toEqual([4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(health.status.since).toBe(3);

    health.probed(null, now);
    expect(health.status).toMatchObject({ condition: "online", until: null, reason: null });
    expect(health.allowance(now)).toBe(3);
  });

  it("a failure the server answered (not unreachable) resets the count", () => {
    const health = new DestinationHealth("nas", 3, policy, 0);
    health.failed(error("REMOTE_UNREACHABLE"), 1);
    health.failed(error("REMOTE_UNREACHABLE"), 2);
    health.failed(error("VERIFY_MISMATCH"), 3);
    expect(health.failed(error("REMOTE_UNREACHABLE"), 4).deferUntil).toBeNull();
    expect(health.status.condition).toBe("online");
  });

  it("a rate limit pauses until Retry-After, halves concurrency, and successes grow it back", () => {
    const health = new DestinationHealth("drive", 4, policy, 0);
    expect(health.failed(error("RATE_LIMITED", 7_000), 100)).toEqual({ deferUntil: 7_100, changed: true });
    expect(health.status).toMatchObject({ condition: "rate-limited", concurrency: 2 });
    expect(health.allowance(7_099)).toBe(0);
    expect(health.resumeIfDue(7_099)).toBe(false);
    expect(health.resumeIfDue(7_100)).toBe(true);
    expect(health.status).toMatchObject({ condition: "online", concurrency: 2 });
    expect(health.allowance(7_100)).toBe(2);
    // Without Retry-After: the backoff (4 s for a second hit with no success between), never below one slot.
    health.failed(error("RATE_LIMITED"), 8_000);
    expect(health.status).toMatchObject({ until: 12_000, concurrency: 1 });
    health.resumeIfDue(12_000);
    const grown: number[] = [];
    for (let success = 0; success < 6; success += 1) {
      health.succeeded(10_000 + success);
      grown.push(health.status.concurrency);
    }
    expect(grown).toEqual([2, 2, 3, 3, 3, 4]);
  });

  it("a quota pauses the destination for quotaPauseMs", () => {
    const health = new DestinationHealth("drive", 3, { ...policy, quotaPauseMs: 3_600_000 }, 0);
    expect(health.failed(error("QUOTA_EXCEEDED"), 50).deferUntil).toBe(3_600_050);
    expect(health.status.condition).toBe("quota-paused");
    expect(health.allowance(3_600_000)).toBe(0);
    expect(health.resumeIfDue(3_600_050)).toBe(true);
    expect(health.allowance(3_600_050)).toBe(3);
  });

  it("a config fault holds the destination (needs attention): checks back off, a passed check lets one job try", () => {
    const held = { ...policy, heldChecks: { baseMs: 1_000, maxMs: 4_000, jitter: 0 } };
    const health = new DestinationHealth("s3", 3, held, 0);
    expect(health.failed(error("TLS_FAILED"), 10)).toEqual({ deferUntil: 1_010, changed: true });
    expect(health.status).toMatchObject({ condition: "needs-attention", reason: { code: "TLS_FAILED" } });
    expect(health.allowance(5_000)).toBe(0);
    expect(health.dueForProbe(1_010)).toBe(true);
    health.checked(false, 1_010);
    expect(health.status.until).toBe(3_010);
    health.checked(true, 3_010);
    expect(health.allowance(3_010)).toBe(1);
    expect(health.dueForProbe(9_999)).toBe(false);
    // The trial fails the same way: still held, nothing new to announce.
    expect(health.failed(error("AUTH_FAILED"), 3_020)).toMatchObject({ changed: false });
    expect(health.status.condition).toBe("needs-attention");
    expect(health.allowance(3_020)).toBe(0);
    health.checked(true, 8_000);
    expect(health.succeeded(8_001)).toBe(true);
    expect(health.status.condition).toBe("online");
  });

  it("a full destination holds until a check passes and a trial succeeds, or Retry resumes it", () => {
    const health = new DestinationHealth("dav", 2, policy, 0);
    expect(health.failed(error("DESTINATION_FULL"), 5).changed).toBe(true);
    expect(health.status.condition).toBe("full");
    expect(health.allowance(10)).toBe(0);
    expect(health.resume(20)).toBe(true);
    expect(health.allowance(20)).toBe(2);
  });

  it("ordinary per-file errors are not the destination's business", () => {
    const health = new DestinationHealth("nas", 3, policy, 0);
    for (const code of ["TRANSFER_FAILED", "SOURCE_MISSING", "NAME_NOT_ALLOWED"] as const) {
      expect(health.failed(error(code), 1)).toEqual({ deferUntil: null, changed: false });
    }
    expect(health.status.condition).toBe("online");
  });
});
