/**
 * Sharing bandwidth: the global limit divided among the lanes with uploads running
 * (water-filling), a destination's own rate whole for its uploads together, and the budget a
 * transport that sends bytes itself draws from. No clocks: only what is set, never how fast.
 */
import { describe, expect, it, vi } from "vitest";
import { shareBandwidth } from "../../src/domain/bandwidth-shares.js";
import type { Destination } from "../../src/domain/destination.js";
import { BandwidthBudget } from "../../src/engine/bandwidth-budget.js";
import { SILENT_LOGGER } from "../../src/engine/events.js";

const MiB = 2 ** 20;

function destination(name: string): Destination {
  return { name } as Destination;
}

describe("shareBandwidth", () => {
  it("gives each active lane an equal share, and what a small own limit leaves to the others", () => {
    const lanes = [
      { lane: "a", own: 10 * MiB, active: true },
      { lane: "b", own: 10 * MiB, active: true },
    ];
    expect(shareBandwidth(15 * MiB, lanes)).toEqual(
      new Map([
        ["a", 7.5 * MiB],
        ["b", 7.5 * MiB],
      ]),
    );
    const uneven = shareBandwidth(15 * MiB, [
      { lane: "*", own: null, active: true },
      { lane: "slow", own: 2 * MiB, active: true },
    ]);
    expect(uneven.get("slow")).toBe(2 * MiB);
    expect(uneven.get("*")).toBe(13 * MiB);
  });

  it("gives an idle lane what it would get alone, and without a global limit each its own", () => {
    const shares = shareBandwidth(15 * MiB, [
      { lane: "a", own: 10 * MiB, active: true },
      { lane: "b", own: 20 * MiB, active: false },
      { lane: "*", own: null, active: false },
    ]);
    expect(shares.get("a")).toBe(10 * MiB);
    expect(shares.get("b")).toBe(15 * MiB);
    expect(shares.get("*")).toBe(15 * MiB);
    expect(
      shareBandwidth(null, [
        { lane: "a", own: 10 * MiB, active: true },
        { lane: "*", own: null, active: true },
      ]),
    ).toEqual(
      new Map([
        ["a", 10 * MiB],
        ["*", null],
      ]),
    );
  });
});

describe("BandwidthBudget", () => {
  function recording() {
    const applied: [string, number | null][] = [];
    const budget = new BandwidthBudget(async (dest, rate) => {
      applied.push([dest?.name ?? "*", rate]);
    }, SILENT_LOGGER);
    return { budget, applied };
  }

  it("sets a destination's whole rate on its lane and shares the global limit as uploads start and end", async () => {
    const { budget, applied } = recording();
    const nas = destination("nas");
    const drive = destination("drive");
    budget.setGlobal(15 * MiB);
    budget.setOwn(nas, 10 * MiB);
    await budget.rebalance();
    expect(applied).toEqual([
      ["*", 15 * MiB],
      ["nas", 10 * MiB],
    ]);
    // Ten uploads of one destination hold one flow each; the lane's rate stays whole.
    const flows = await Promise.all(Array.from({ length: 10 }, () => budget.begin(nas)));
    expect(budget.limitOf("nas")).toBe(10 * MiB);
    const other = await budget.begin(drive);
    expect(budget.limitOf("nas")).toBe(7.5 * MiB);
    expect(budget.limitOf("drive")).toBe(7.5 * MiB);
    expect(applied.slice(-2)).toEqual([
      ["*", 7.5 * MiB],
      ["nas", 7.5 * MiB],
    ]);
    for (const flow of flows) flow.release();
    // The lane keeps its share a moment (its next file usually follows), then gives it back.
    await vi.waitFor(() => expect(budget.limitOf("drive")).toBe(15 * MiB), { timeout: 5_000, interval: 50 });
    other.release();
    await budget.rebalance();
    expect(budget.limitOf("nas")).toBe(10 * MiB);
  });

  it("leaves the shared rclone alone when no global limit was ever set", async () => {
    const { budget, applied } = recording();
    budget.setOwn(destination("nas"), 4 * MiB);
    await budget.rebalance();
    expect(applied).toEqual([["nas", 4 * MiB]]);
    expect(budget.hasOwnLane("nas")).toBe(true);
    expect(budget.hasOwnLane("drive")).toBe(false);
  });

  it("splits a lane between its rclone and a transport sending bytes itself, by uploads", async () => {
    const { budget, applied } = recording();
    const nas = destination("nas");
    budget.setOwn(nas, 8 * MiB);
    const viaRclone = await budget.begin(nas);
    const direct = await budget.begin(nas);
    // The first take moves the upload to the lane's own bucket; a small one goes at once.
    await direct.take(1024, AbortSignal.timeout(5_000));
    expect(applied.at(-1)).toEqual(["nas", 4 * MiB]);
    direct.release();
    await budget.rebalance();
    expect(applied.at(-1)).toEqual(["nas", 8 * MiB]);
    viaRclone.release();
  });

  it("keeps to this host's part of a destination's rate while other hosts upload to it", async () => {
    const { budget } = recording();
    const nas = destination("nas");
    budget.setOwn(nas, 20 * MiB);
    budget.setPeerUploads("nas", 1);
    const flow = await budget.begin(nas);
    expect(budget.limitOf("nas")).toBe(10 * MiB);
    budget.setPeerUploads("nas", 0);
    await budget.rebalance();
    expect(budget.limitOf("nas")).toBe(20 * MiB);
    flow.release();
  });
});
