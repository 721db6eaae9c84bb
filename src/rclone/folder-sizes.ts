/**
 * How a group finds its few names in a remote folder. A listing costs the server every entry
 * of the folder, a lookup one request per name: a folder seen to hold many more entries than
 * the names asked about is asked name by name, while a small one (or one not seen yet) is
 * listed whole, which also tells its size. The remote folder grows by a group at a time, so a
 * large export folder switches to lookups once it is large, and a small one is never asked
 * a request per name.
 */

/** A folder this many times larger than the names asked about is asked name by name. */
const LOOKUP_FACTOR = 4;
/** Folders remembered (most recently seen kept). */
const FOLDERS_KEPT = 1_000;

export type FindWay = "byName" | "listWhole";

export class FolderSizes {
  readonly #entries = new Map<string, number>();

  /** How to find `names` names in the folder `fs`. */
  way(fs: string, names: number): FindWay {
    const entries = this.#entries.get(fs);
    return entries !== undefined && entries > LOOKUP_FACTOR * names ? "byName" : "listWhole";
  }

  /** A whole listing of `fs` held `entries` entries (0: the folder is not there yet). */
  saw(fs: string, entries: number): void {
    this.#entries.delete(fs);
    this.#entries.set(fs, entries);
    if (this.#entries.size > FOLDERS_KEPT) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
