/**
 * A source's hash, read only when something needs it. rclone's copy (and our resumable
 * uploads) hash the bytes as they read them to send them, so a fresh upload never reads the file
 * for its hash beforehand: a 1 GiB video would be read twice. The hash is read first only when
 * a file is already at the remote name (is it identical? the conflict policy asks), or after
 * the upload when neither the transfer nor the destination could give it.
 */
import type { DestinationTraits, RemoteFile, Transport } from "./transport.js";

/**
 * Whether a file of this size (the bytes sent) gets its hash from its source rather than from
 * the destination (`hashesOnRequest`, `sourceHashFrom`): rclone's copy has compared the two.
 */
export function hashedFromSource(traits: DestinationTraits, size: number): boolean {
  return (
    traits.hashesOnRequest === true || (traits.sourceHashFrom !== undefined && size >= traits.sourceHashFrom)
  );
}

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

/** What a destination lists as a file's hash of this type, lower-case; null when it lists none. */
function listedHash(remote: RemoteFile | null, hashType: string): string | null {
  const listed = remote?.hashes[hashType];
  return listed === undefined || listed === "" ? null : listed.toLowerCase();
}

/**
 * The source's hash to record (and verify against) once its bytes are written, for a lone upload
 * and a group's file alike, lower-case whichever way it came, reading the file again only when
 * nothing else can give it:
 * - known before or during the upload (a file was in the way; our resumable uploads hash the
 *   bytes they send): that one, compared with the destination's where it has one;
 * - else rclone's: its copy hashed the bytes it read and failed the transfer ("corrupted on
 *   transfer") had the destination's hash of this type differed — nothing we pass turns that
 *   check off (no IgnoreChecksum, see rcd-environment.ts; `hashType` is the type rclone picks,
 *   see rclone-transport.ts) — so the destination's listed hash is the source's, as sent. The
 *   fingerprint taken before and after proves the file did not change meanwhile;
 * - a destination that keeps no hash for this file (an S3 object without md5 metadata): the
 *   source is hashed now, once (`readSource`), so the ledger still holds it;
 * - nothing written (remote null) or no hash type in common: null.
 */
export async function settleHash(
  hashType: string | null,
  known: string | null,
  remote: RemoteFile | null,
  readSource: (hashType: string) => Promise<string | null>,
): Promise<string | null> {
  if (hashType === null) return null;
  const hash = known ?? listedHash(remote, hashType) ?? (remote === null ? null : await readSource(hashType));
  return hash === null ? null : hash.toLowerCase();
}
