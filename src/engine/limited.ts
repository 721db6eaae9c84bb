/** Bounded concurrency for the engine: a pool over items, and turns taken one at a time. */

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
 * One holder at a time, in the order they asked: a destination's groups take turns uploading,
 * so the next group checks its files while the one before it uploads, never alongside it.
 */
export class Turns {
  #last: Promise<void> = Promise.resolve();

  /** Resolves when it is the caller's turn, with the function that ends it. */
  take(): Promise<() => void> {
    let end: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => {
      end = resolve;
    });
    const before = this.#last;
    this.#last = before.then(() => mine);
    return before.then(() => end);
  }
}
