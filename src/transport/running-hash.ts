/**
 * The whole file's hash, fed with the bytes an upload reads to send them, so the file is read
 * once. A resumed upload continues bytes an earlier process sent (and hashed, in a hash state
 * that died with it): that prefix is read again from the disk — once, at disk speed, only on a
 * resume. Keeping the hash state itself across processes was the other way: node:crypto cannot
 * export a hash's state, so it would take a hash written in JavaScript and a state stored with
 * every recorded part, to save one local read of what was already sent.
 *
 * Bytes are hashed in file order: a chunk that does not continue what was hashed (a part sent
 * again) is left out, and a gap (parts recorded by an earlier process) is read from the disk.
 */
import { createHash, getHashes, type Hash } from "node:crypto";
import type { BandwidthTap } from "../engine/transport.js";
import { readRange } from "./read-range.js";

const UNLIMITED: BandwidthTap = { take: async () => undefined };

/** rclone's hash names node:crypto computes under the same name. */
const COMPUTABLE = new Set(["md5", "sha1", "sha256"].filter((name) => getHashes().includes(name)));

export class RunningHash {
  readonly #file: string;
  readonly #size: number;
  readonly #hash: Hash;
  #upTo = 0;

  private constructor(file: string, size: number, algorithm: string) {
    this.#file = file;
    this.#size = size;
    this.#hash = createHash(algorithm);
  }

  /** A running hash of `algorithm` (rclone's name) over `file`, or null when node cannot compute it. */
  static of(file: string, size: number, algorithm: string | null): RunningHash | null {
    return algorithm !== null && COMPUTABLE.has(algorithm) ? new RunningHash(file, size, algorithm) : null;
  }

  /** Bytes read at `offset`: hashed when they continue what was hashed, else left out. */
  feed(offset: number, chunk: Buffer): void {
    if (offset !== this.#upTo) return;
    this.#hash.update(chunk);
    this.#upTo += chunk.length;
  }

  /** Reads from the disk what lies between what was hashed and `offset` (sent by an earlier process). */
  async catchUp(offset: number, signal: AbortSignal): Promise<void> {
    if (offset <= this.#upTo) return;
    for await (const chunk of readRange(this.#file, this.#upTo, offset, UNLIMITED, signal)) {
      this.#hash.update(chunk);
      this.#upTo += chunk.length;
    }
  }

  /** The whole file's hash (hex); whatever was not fed is read now. */
  async digest(signal: AbortSignal): Promise<string> {
    await this.catchUp(this.#size, signal);
    return this.#hash.digest("hex");
  }
}
