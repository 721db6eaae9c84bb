/**
 * A source's hash, read only when something needs it. rclone's copy (and our resumable
 * uploads) hash the bytes as they read them to send them, so a fresh upload never reads the file
 * for its hash beforehand: a 1 GiB video would be read twice. The hash is read first only when
 * a file is already at the remote name (is it identical? the conflict policy asks), or after
 * the upload when neither the transfer nor the destination could give it.
 */
import type { Transport } from "./transport.js";

export class SourceHash {
  readonly #transport: Transport;
  readonly #path: string;
  readonly #hashType: string | null;
  readonly #signal: AbortSignal;
  #reading: Promise<string | null> | undefined;
  #value: string | null = null;

  constructor(transport: Transport, path: string, hashType: string | null, signal: AbortSignal) {
    this.#transport = transport;
    this.#path = path;
    this.#hashType = hashType;
    this.#signal = signal;
  }

  /** The hash, read from the file the first time it is asked for (null: no hash type in common). */
  read(): Promise<string | null> {
    const hashType = this.#hashType;
    if (hashType === null) return Promise.resolve(null);
    this.#reading ??= this.#transport.hashSource(this.#path, hashType, this.#signal).then((hash) => {
      this.#value = hash;
      return hash;
    });
    return this.#reading;
  }

  /** The hash if it was read already, else null (never reads). */
  get known(): string | null {
    return this.#value;
  }
}
