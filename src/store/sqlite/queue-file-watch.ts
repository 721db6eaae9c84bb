/**
 * Tells an idle worker that the queue file changed: the operating system's change events on
 * the data directory (inotify, FSEvents, ReadDirectoryChangesW), filtered to the database and
 * its WAL. Any process's enqueue writes there, so a sleeping daemon wakes when `upload` queues
 * a file, without polling the database. Where the folder sends no events (some network
 * shares), workers still look on their own every so often.
 */
import { type FSWatcher, watch } from "node:fs";
import path from "node:path";

export function watchQueueFile(file: string, onChange: () => void): () => void {
  const base = path.basename(file);
  let watcher: FSWatcher;
  try {
    watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
      // No name (some platforms): it may have been the queue.
      if (name === null || String(name).startsWith(base)) onChange();
    });
  } catch {
    return () => undefined;
  }
  // A watch that fails later (the folder removed) only loses the early wake-up.
  watcher.on("error", () => watcher.close());
  return () => watcher.close();
}
