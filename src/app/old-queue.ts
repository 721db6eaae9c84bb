/**
 * Before the embedded default kept its queue in `./var/data`, it kept it in the per-user OS data
 * folder. A checkout started with no config now has its own queue; jobs still open in the old
 * one would be orphaned in silence, so the daemon, `status` and `doctor` say where they are
 * and how to finish or move them.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { ResolvedPaths } from "../config/paths.js";
import { t } from "../i18n/message.js";
import type { Translator } from "../i18n/translator.js";
import { DATABASE_FILE } from "../store/sqlite/sqlite-job-store.js";
import { openStore } from "./open-store.js";

export interface OldQueue {
  readonly dataDir: string;
  /** Jobs not finished: pending, uploading, verifying, retrying. */
  readonly open: number;
}

/** The old per-user queue, when this run uses the embedded default and that queue has open jobs. */
export async function findOldQueue(paths: ResolvedPaths): Promise<OldQueue | undefined> {
  if (paths.dataDirSource !== "embedded") return undefined;
  const dataDir = paths.osDataDir;
  if (path.resolve(dataDir) === path.resolve(paths.dataDir)) return undefined;
  if (!existsSync(path.join(dataDir, DATABASE_FILE))) return undefined;
  try {
    const store = await openStore({ type: "sqlite" }, dataDir);
    try {
      const counts = await store.counts();
      const open = counts.pending + counts.uploading + counts.verifying + counts.retrying;
      return open > 0 ? { dataDir, open } : undefined;
    } finally {
      await store.close();
    }
  } catch {
    // Unreadable or from a newer version: not ours to judge here; `doctor` on it will say.
    return undefined;
  }
}

/** The notice, one line per sentence: where, how to finish there, how to move instead. */
export function oldQueueNotice(
  old: OldQueue,
  paths: ResolvedPaths,
  tr: Pick<Translator, "t"> = { t },
): string[] {
  return [
    tr.t("oldQueue.found", { dataDir: old.dataDir, open: old.open, current: paths.dataDir }),
    tr.t("oldQueue.finish", { dataDir: old.dataDir }),
    tr.t("oldQueue.move", { dataDir: old.dataDir, current: paths.dataDir }),
  ];
}
