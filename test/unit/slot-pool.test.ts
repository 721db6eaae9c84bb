/** The upload slots a destination's groups share: as many as each needs, first come first served. */
import { describe, expect, it } from "vitest";
import { SlotPool } from "../../src/engine/limited.js";

describe("SlotPool", () => {
  it("lets small groups upload side by side, makes a full one wait for every slot, and never lets a later one overtake", async () => {
    const pool = new SlotPool(4);
    const order: string[] = [];
    const take = (name: string, slots: number) =>
      pool.take(slots).then((giveBack) => {
        order.push(name);
        return giveBack;
      });
    const twoA = await take("two-a", 2);
    const twoB = await take("two-b", 2);
    // Full: the next group waits, and so does a one-file group that asked after it.
    const full = take("full", 64);
    const one = take("one", 1);
    await Promise.resolve();
    expect(order).toEqual(["two-a", "two-b"]);
    twoA();
    twoA(); // giving back twice gives back once
    await Promise.resolve();
    expect(order).toEqual(["two-a", "two-b"]);
    twoB();
    const giveBackFull = await full;
    expect(order).toEqual(["two-a", "two-b", "full"]);
    giveBackFull();
    (await one)();
    expect(order).toEqual(["two-a", "two-b", "full", "one"]);
    // All four free again.
    const all = await Promise.all([take("x", 1), take("y", 1), take("z", 1), take("w", 1)]);
    expect(order.slice(4)).toEqual(["x", "y", "z", "w"]);
    for (const giveBack of all) giveBack();
  });
});
