import { describe, expect, it } from "vitest";
import { SyncError } from "../../src/domain/errors.js";
import { canApply, type JobEvent, type JobState, transition } from "../../src/domain/job.js";
import { jobOf as job } from "../fixtures/jobs.js";

const T = 1_000_000;

const temporary = new SyncError("REMOTE_UNREACHABLE", "down").toInfo();
const fatal = new SyncError("AUTH_FAILED", "no").toInfo();

describe("transition", () => {
  it("walks the happy path: pending → uploading → verifying → completed", () => {
    const claimed = transition(job("pending"), { type: "claimed", owner: "w", leaseUntil: T + 60 }, T);
    expect(claimed).toMatchObject({
      state: "uploading",
      attempts: 1,
      leaseOwner: "w",
      leaseExpiresAt: T + 60,
      startedAt: T,
    });
    const moved = transition(claimed, { type: "progress", bytesDone: 40 }, T + 1);
    expect(moved).toMatchObject({ state: "uploading", bytesDone: 40 });
    const verifying = transition(moved, { type: "transferred", sizeBytes: 100 }, T + 2);
    expect(verifying).toMatchObject({ state: "verifying", bytesDone: 100 });
    const done = transition(
      verifying,
      { type: "verified", sizeBytes: 1, hashType: "md5", hash: "abc" },
      T + 3,
    );
    expect(done).toMatchObject({
      state: "completed",
      hash: "abc",
      leaseOwner: null,
      finishedAt: T + 3,
      lastError: null,
    });
  });

  it("retries a temporary error with the event's delay while retries remain", () => {
    const failed = transition(
      job("uploading", { attempts: 1 }),
      { type: "transferFailed", error: temporary, retryDelayMs: 2000 },
      T,
    );
    expect(failed).toMatchObject({
      state: "retrying",
      nextAttemptAt: T + 2000,
      lastError: temporary,
      leaseOwner: null,
    });
  });

  it("fails once the retries are spent: 1 attempt + 3 retries", () => {
    const last = transition(
      job("uploading", { attempts: 4 }),
      { type: "transferFailed", error: temporary, retryDelayMs: 1 },
      T,
    );
    expect(last.state).toBe("failed");
    // Nothing will happen by itself any more: the hint says what to do, not "will be retried".
    expect(last.lastError?.hint).toContain("All 4 attempts failed: retry it once that is fixed");
    expect(last.lastError?.hint).not.toMatch(/will be retried/i);
    const stillOne = transition(
      job("uploading", { attempts: 3 }),
      { type: "transferFailed", error: temporary, retryDelayMs: 1 },
      T,
    );
    expect(stillOne.state).toBe("retrying");
  });

  it("fails a fatal error at once, whatever the budget", () => {
    const failed = transition(
      job("uploading", { attempts: 1 }),
      { type: "transferFailed", error: fatal, retryDelayMs: 1 },
      T,
    );
    expect(failed).toMatchObject({ state: "failed", finishedAt: T, lastError: fatal });
  });

  it("gives the attempt back when a lease expires or is released", () => {
    const running = job("verifying", { attempts: 2, leaseOwner: "w", leaseExpiresAt: T, bytesDone: 50 });
    expect(transition(running, { type: "leaseExpired" }, T)).toMatchObject({
      state: "pending",
      attempts: 1,
      leaseOwner: null,
      bytesDone: 0,
    });
    const reason = new SyncError("TRANSFER_INTERRUPTED", "stop").toInfo();
    expect(transition(running, { type: "released", reason }, T)).toMatchObject({
      state: "pending",
      attempts: 1,
      lastError: reason,
    });
  });

  it("retryNow gives failed and cancelled jobs a fresh budget, and a waiting job its turn now", () => {
    expect(transition(job("failed", { attempts: 4 }), { type: "retryNow" }, T)).toMatchObject({
      state: "pending",
      attempts: 0,
    });
    expect(transition(job("cancelled", { attempts: 1 }), { type: "retryNow" }, T)).toMatchObject({
      state: "pending",
      attempts: 0,
    });
    expect(
      transition(job("retrying", { attempts: 2, nextAttemptAt: T + 9 }), { type: "retryNow" }, T),
    ).toMatchObject({
      state: "pending",
      attempts: 2,
      nextAttemptAt: null,
    });
  });

  it("skips an identical file and cancels unfinished jobs", () => {
    expect(
      transition(job("uploading"), { type: "skippedIdentical", sizeBytes: 1, hashType: "md5", hash: "x" }, T)
        .state,
    ).toBe("skipped");
    for (const state of ["pending", "retrying", "uploading", "verifying", "failed"] as const) {
      expect(transition(job(state), { type: "cancel" }, T)).toMatchObject({
        state: "cancelled",
        leaseOwner: null,
      });
    }
  });

  const illegal: [JobState, JobEvent][] = [
    ["completed", { type: "cancel" }],
    ["skipped", { type: "retryNow" }],
    ["pending", { type: "verified", sizeBytes: 1, hashType: null, hash: null }],
    ["verifying", { type: "claimed", owner: "w", leaseUntil: 1 }],
    ["cancelled", { type: "progress", bytesDone: 1 }],
    ["completed", { type: "transferFailed", error: temporary, retryDelayMs: 1 }],
  ];
  it.each(illegal)("refuses %s + %o with ILLEGAL_TRANSITION", (state, event) => {
    expect(canApply(state, event.type)).toBe(false);
    expect(() => transition(job(state), event, T)).toThrowError(
      expect.objectContaining({ code: "ILLEGAL_TRANSITION" }),
    );
  });

  it("never mutates its input", () => {
    const before = Object.freeze(job("pending"));
    transition(before, { type: "claimed", owner: "w", leaseUntil: 1 }, T);
    expect(before.state).toBe("pending");
  });
});
