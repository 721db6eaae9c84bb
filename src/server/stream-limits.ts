/**
 * Live-event streams never end by themselves, and each holds a socket and a listener: a page
 * reloaded in a loop, or a hostile client, could open thousands. Each client address may hold a
 * few at once, and the server a few dozen in total; beyond that, 429 TOO_MANY_STREAMS.
 */
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

export class StreamLimits {
  readonly #total: number;
  readonly #perClient: number;
  readonly #open = new Map<string, number>();
  #count = 0;

  constructor(total: number, perClient: number) {
    this.#total = total;
    this.#perClient = perClient;
  }

  /** Admits one stream for `client`, or throws TOO_MANY_STREAMS; returns its release. */
  admit(client: string): () => void {
    const mine = this.#open.get(client) ?? 0;
    if (this.#count >= this.#total || mine >= this.#perClient) {
      throw new SyncError("TOO_MANY_STREAMS", say("faults.tooManyStreams"));
    }
    this.#count += 1;
    this.#open.set(client, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#count -= 1;
      const left = (this.#open.get(client) ?? 1) - 1;
      if (left <= 0) this.#open.delete(client);
      else this.#open.set(client, left);
    };
  }
}
