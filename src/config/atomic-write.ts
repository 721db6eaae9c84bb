/**
 * Writes a file so that a reader (the daemon's watcher, an editor, a crash) only ever sees the
 * old text or the new one: a temporary file beside it, flushed to disk, then renamed over it.
 * The previous version stays as `<file>.bak`.
 */
import { copyFile, mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";

export async function writeFileAtomic(
  file: string,
  text: string,
  options: { readonly mode?: number; readonly backup?: boolean } = {},
): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true });
  const temporary = path.join(folder, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temporary, "w", options.mode ?? 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } catch (error: unknown) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  if (options.backup ?? true) {
    await copyFile(file, `${file}.bak`).catch((error: unknown) => {
      if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) throw error;
    });
  }
  await rename(temporary, file);
  // The rename itself is durable once the folder is flushed (not possible on Windows).
  if (process.platform !== "win32") {
    const directory = await open(folder, "r");
    await directory.sync().finally(() => directory.close());
  }
}
