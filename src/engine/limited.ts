/** Bounded concurrency for the engine: a pool over items, and upload slots shared by groups. */

/** Runs `each` over the items with at most `limit` at a time (a folder's moves, the lone jobs of a group). */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  each: (item: T) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await each(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

/** Upload slots taken: how many were given, and the function that gives them back. */
export interface SlotTurn {
  readonly slots: number;
  readonly giveBack: () => void;
}

/**
 * A destination's upload slots, shared by its groups: each asks for as many as it wants at once
 * (at most all) and, in the order they asked, gets what is free, at least one. Two groups of a
 * four-slot destination asking for two each copy side by side; with three slots, the second
 * gets the one left rather than waiting for the first to end. Never more than the capacity.
 */
export class SlotPool {
  readonly #capacity: number;
  #free: number;
  readonly #waiting: { readonly slots: number; readonly resolve: (turn: SlotTurn) => void }[] = [];

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
    this.#free = this.#capacity;
  }

  /** Resolves once at least one of the `slots` asked for (at most all) is the caller's. */
  async take(slots: number): Promise<SlotTurn> {
    const wanted = Math.max(1, Math.min(slots, this.#capacity));
    if (this.#waiting.length === 0 && this.#free > 0) return this.#give(wanted);
    return new Promise<SlotTurn>((resolve) => this.#waiting.push({ slots: wanted, resolve }));
  }

  #give(wanted: number): SlotTurn {
    const given = Math.min(wanted, this.#free);
    this.#free -= given;
    let back = false;
    return {
      slots: given,
      giveBack: () => {
        if (back) return;
        back = true;
        this.#free += given;
        this.#serve();
      },
    };
  }

  #serve(): void {
    for (let next = this.#waiting[0]; next !== undefined && this.#free > 0; next = this.#waiting[0]) {
      this.#waiting.shift();
      next.resolve(this.#give(next.slots));
    }
  }
}
