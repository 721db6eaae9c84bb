/**
 * The disk under the data directory (queue, logs, rclone's records). When it is full, SQLite
 * refuses writes (DATA_DIR_FULL): workers stop taking work and go on once there is room. Read
 * by `status` and the dashboard so a person sees why nothing moves, from any process.
 */
import { statfs } from "node:fs/promises";

/**
 * Below this (or a tenth of a small disk), the disk is called full: SQLite needs room for its
 * journal, the log for its lines.
 */
export const DATA_DIR_LOW_BYTES = 16 * 1024 * 1024;

export interface DataDirSpace {
  readonly path: string;
  /** Bytes this user may still write there; null where the system does not say. */
  readonly freeBytes: number | null;
  readonly full: boolean;
}

export async function dataDirSpace(dir: string): Promise<DataDirSpace> {
  try {
    const info = await statfs(dir);
    const freeBytes = Number(info.bavail) * Number(info.bsize);
    const low = Math.min(DATA_DIR_LOW_BYTES, (Number(info.blocks) * Number(info.bsize)) / 10);
    return { path: dir, freeBytes, full: freeBytes < low };
  } catch {
    return { path: dir, freeBytes: null, full: false };
  }
}
