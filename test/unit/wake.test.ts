/** The engine loop's pause: cut short by a poke or a stop, including a stop that came before it. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Wake } from "../../src/engine/wake.js";

/** Lets pending promise callbacks run without moving the (fake) clock. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await Promise.resolve();
}

describe("Wake.pause", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("returns at once when the run was stopped before the pause began (a SIGTERM during a claim)", async () => {
    vi.useFakeTimers();
    let returned = false;
    void new Wake().pause(30_000, AbortSignal.abort()).then(() => {
      returned = true;
    });
    await settle();
    expect(returned).toBe(true);
  });

  it("returns when the run is stopped during the pause, or when poked, and not before", async () => {
    vi.useFakeTimers();
    const wake = new Wake();
    const stop = new AbortController();
    let stopped = false;
    void wake.pause(30_000, stop.signal).then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    stop.abort();
    await settle();
    expect(stopped).toBe(true);

    let poked = false;
    void wake.pause(30_000, new AbortController().signal).then(() => {
      poked = true;
    });
    await settle();
    expect(poked).toBe(false);
    wake.poke();
    await settle();
    expect(poked).toBe(true);
  });
});
