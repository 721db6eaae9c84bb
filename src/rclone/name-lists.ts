/**
 * rclone reads a files-from list from a file. Each list is written for one call into a folder of
 * this process's own (readable by us only, next to rclone on this machine) and removed after
 * it. A process killed mid-call leaves its folder behind: the next one to start removes the
 * folders of processes that are gone, so photo names do not pile up in the temp folder.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isProcessAlive } from "../platform/process.js";

const PREFIX = "junmai-sync-lists-";

export class NameLists {
  readonly #root: string;
  readonly #dir: string;
  #ready: Promise<void> | undefined;

  constructor(root = os.tmpdir()) {
    this.#root = root;
    this.#dir = path.join(root, `${PREFIX}${process.pid}`);
  }

  /** Writes `names` to a list file, runs `use` with its path, and removes the file. */
  async with<T>(names: readonly string[], use: (file: string) => Promise<T>): Promise<T> {
    this.#ready ??= this.#prepare();
    await this.#ready;
    const file = path.join(this.#dir, `${randomUUID()}.txt`);
    await writeFile(file, `${names.join("\n")}\n`, { encoding: "utf8", mode: 0o600 });
    try {
      return await use(file);
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Removes this process's folder (on close). */
  async remove(): Promise<void> {
    this.#ready = undefined;
    await rm(this.#dir, { recursive: true, force: true });
  }

  async #prepare(): Promise<void> {
    const entries = await readdir(this.#root).catch(() => [] as string[]);
    await Promise.all(
      entries
        .filter((name) => name.startsWith(PREFIX))
        .filter((name) => {
          const pid = Number(name.slice(PREFIX.length));
          return Number.isInteger(pid) && pid !== process.pid && !isProcessAlive(pid);
        })
        .map((name) =>
          rm(path.join(this.#root, name), { recursive: true, force: true }).catch(() => undefined),
        ),
    );
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
  }
}
