/**
 * rclone reads a files-from list from a file. Lists are written into a folder of this process's
 * own (readable by us only, next to rclone on this machine). A group asks about the same names
 * several times in a row (is any taken, send them, list them, move them), so the last few lists
 * are kept and a call with the same names reuses its file: one write per group instead of four.
 * Older ones are removed, and the folder when the process closes. A process killed mid-call
 * leaves its folder behind: the next one to start removes the folders of processes that are
 * gone, so photo names do not pile up in the temp folder.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isProcessAlive } from "../platform/process.js";

const PREFIX = "junmai-sync-lists-";
/** Lists kept for reuse beyond those in use (a few groups' worth). */
const KEPT_LISTS = 6;

interface KeptList {
  readonly file: string;
  users: number;
}

export class NameLists {
  readonly #root: string;
  readonly #dir: string;
  #ready: Promise<void> | undefined;
  /** By their text, least recently used first. */
  readonly #kept = new Map<string, KeptList>();

  constructor(root = os.tmpdir()) {
    this.#root = root;
    this.#dir = path.join(root, `${PREFIX}${process.pid}`);
  }

  /** Runs `use` with the path of a list file holding `names`, one per line. */
  async with<T>(names: readonly string[], use: (file: string) => Promise<T>): Promise<T> {
    this.#ready ??= this.#prepare();
    await this.#ready;
    const text = `${names.join("\n")}\n`;
    let list = this.#kept.get(text);
    if (list === undefined) {
      list = { file: path.join(this.#dir, `${randomUUID()}.txt`), users: 0 };
      await writeFile(list.file, text, { encoding: "utf8", mode: 0o600 });
    }
    this.#kept.delete(text);
    this.#kept.set(text, list);
    list.users += 1;
    try {
      return await use(list.file);
    } finally {
      list.users -= 1;
      await this.#trim();
    }
  }

  /** Removes the least recently used lists beyond those kept, never one in use. */
  async #trim(): Promise<void> {
    let over = this.#kept.size - KEPT_LISTS;
    const gone: string[] = [];
    for (const [text, list] of this.#kept) {
      if (over <= 0) break;
      if (list.users > 0) continue;
      this.#kept.delete(text);
      gone.push(list.file);
      over -= 1;
    }
    await Promise.all(gone.map((file) => rm(file, { force: true })));
  }

  /** Removes this process's folder (on close). */
  async remove(): Promise<void> {
    this.#ready = undefined;
    this.#kept.clear();
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
