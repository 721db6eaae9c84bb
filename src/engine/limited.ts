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

/**
 * A destination's upload slots, shared by its groups: each takes as many as it has files to send
 * at once (at most all), in the order they asked. A group of 64 waits for every slot; a group of
 * two files leaves the rest to the next group, so files arriving one by one still go up side by
 * side.
 */
export class SlotPool {
  readonly #capacity: number;
  #free: number;
  readonly #waiting: { readonly slots: number; readonly resolve: () => void }[] = [];

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
    this.#free = this.#capacity;
  }

  /** Resolves once `slots` slots (at most all) are the caller's, with the function that gives them back. */
  async take(slots: number): Promise<() => void> {
    const wanted = Math.max(1, Math.min(slots, this.#capacity));
    if (this.#waiting.length === 0 && this.#free >= wanted) {
      this.#free -= wanted;
    } else {
      await new Promise<void>((resolve) => this.#waiting.push({ slots: wanted, resolve }));
    }
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.#free += wanted;
      this.#serve();
    };
  }

  #serve(): void {
    for (
      let next = this.#waiting[0];
      next !== undefined && this.#free >= next.slots;
      next = this.#waiting[0]
    ) {
      this.#waiting.shift();
      this.#free -= next.slots;
      next.resolve();
    }
  }
}
