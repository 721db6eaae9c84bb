/**
 * A cache file appears complete or not at all: written to a temporary name in the same folder,
 * flushed to disk, then renamed over the final name. A crash (kill -9, power loss) leaves at
 * most a `.tmp` file, which the cache sweeps away and never hands to an upload.
 */
import { randomUUID } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";

export const TEMP_SUFFIX = ".tmp";

export async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}-${randomUUID().slice(0, 8)}${TEMP_SUFFIX}`;
  try {
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error: unknown) {
    await rm(temp, { force: true });
    throw error;
  }
}
