/** Starts a FolderWatcher for every watch rule of the config, each feeding its own intake. */
import type { SyncService } from "../app/sync-service.js";
import type { WatchRule } from "../domain/watch-rule.js";
import { FolderWatcher, type WatchNotice } from "./folder-watcher.js";

export interface WatchFolders {
  readonly watchers: readonly FolderWatcher[];
  /** Files seen but not yet stable, over all folders. */
  settling(): number;
  close(): Promise<void>;
}

export interface WatchFoldersOptions {
  /** Default: the config's `watch` rules. */
  readonly rules?: readonly WatchRule[];
  readonly onNotice?: (notice: WatchNotice) => void;
  readonly usePolling?: boolean;
}

/** Resolves once every folder had its first scan (or was found missing). */
export async function watchFolders(
  service: SyncService,
  options: WatchFoldersOptions = {},
): Promise<WatchFolders> {
  const rules = options.rules ?? service.config.watch;
  const watchers = rules.map((rule) => {
    const intake = service.watchIntake(rule);
    return new FolderWatcher({
      rule,
      intake: (files) => intake.take(files),
      ...(options.onNotice === undefined ? {} : { onNotice: options.onNotice }),
      ...(options.usePolling === undefined ? {} : { usePolling: options.usePolling }),
    });
  });
  try {
    await Promise.all(watchers.map((watcher) => watcher.start()));
  } catch (error) {
    await Promise.allSettled(watchers.map((watcher) => watcher.close()));
    throw error;
  }
  return {
    watchers,
    settling: () => watchers.reduce((sum, watcher) => sum + watcher.settling, 0),
    close: async () => {
      await Promise.allSettled(watchers.map((watcher) => watcher.close()));
    },
  };
}
