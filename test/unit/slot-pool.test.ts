/** The upload slots a destination's groups share: what each asks for, or what is free; first come first served. */
import { describe, expect, it } from "vitest";
import { SlotPool, type SlotTurn } from "../../src/engine/limited.js";
import { slotsWanted } from "../../src/engine/start-jobs.js";

describe("SlotPool", () => {
  it("gives each turn what it asks for or what is free (at least one), in the order asked, never more than all", async () => {
    const pool = new SlotPool(4);
    const order: string[] = [];
    const take = (name: string, slots: number) =>
      pool.take(slots).then((turn) => {
        order.push(`${name}:${turn.slots}`);
        return turn;
      });
    const twoA = await take("two-a", 2);
    const twoB = await take("two-b", 2);
    // None free: the next turn waits, and so does a one-file turn that asked after it.
    const full = take("full", 64);
    const one = take("one", 1);
    await Promise.resolve();
    expect(order).toEqual(["two-a:2", "two-b:2"]);
    twoA.giveBack();
    twoA.giveBack(); // giving back twice gives back once
    // Two free: the waiting turn goes with them rather than wait for all four; "one" still waits.
    const fullTurn = await full;
    await Promise.resolve();
    expect(order).toEqual(["two-a:2", "two-b:2", "full:2"]);
    twoB.giveBack();
    const oneTurn = await one;
    expect(order).toEqual(["two-a:2", "two-b:2", "full:2", "one:1"]);
    fullTurn.giveBack();
    oneTurn.giveBack();
    // All four free again: asking for more than all gives all.
    const all = await take("all", 64);
    expect(all.slots).toBe(4);
    all.giveBack();
    const each: SlotTurn[] = await Promise.all([take("x", 1), take("y", 1), take("z", 1), take("w", 1)]);
    expect(order.slice(5)).toEqual(["x:1", "y:1", "z:1", "w:1"]);
    for (const turn of each) turn.giveBack();
  });

  it("with three slots, a second group copying beside the first gets the one left", async () => {
    const pool = new SlotPool(3);
    const first = await pool.take(slotsWanted(256, 3, true));
    const second = await pool.take(slotsWanted(256, 3, true));
    expect([first.slots, second.slots]).toEqual([2, 1]);
    const third = pool.take(slotsWanted(256, 3, true));
    first.giveBack();
    expect((await third).slots).toBe(2);
  });
});

describe("slotsWanted", () => {
  it("a group with more files than slots asks for half (rounded up); fewer files, or files sent alone, ask for what they use", () => {
    expect(slotsWanted(256, 4, true)).toBe(2);
    expect(slotsWanted(256, 3, true)).toBe(2);
    expect(slotsWanted(256, 1, true)).toBe(1);
    expect(slotsWanted(4, 4, true)).toBe(4);
    expect(slotsWanted(3, 4, true)).toBe(3);
    expect(slotsWanted(256, 4, false)).toBe(4);
    expect(slotsWanted(2, 4, false)).toBe(2);
  });
});
