/**
 * The small checks the settings pages make while a person types: does this folder exist and
 * can we read it (a watch folder, a local destination), and where would a sample photo land
 * with this subpath and file name template — the same template code the watcher uses.
 */
import { constants } from "node:fs";
import { access, open, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { looksLikeImage } from "../config/resolve-rendition.js";
import { SyncError, toSyncError } from "../domain/errors.js";
import { type CaptureDay, parseTemplate, renderTemplate } from "../domain/path-template.js";
import { t } from "../i18n/message.js";

export interface FolderCheck {
  /** The folder as the daemon resolves it (relative to the config file, `~` expanded). */
  readonly path: string;
  readonly ok: boolean;
  /** Why it cannot be used, or null. */
  readonly problem: string | null;
}

/** A path as the daemon resolves config paths: relative to the config file's folder, `~` expanded. */
function resolvePath(given: string, baseDir: string): string {
  const expanded = given === "~" || given.startsWith("~/") ? path.join(os.homedir(), given.slice(1)) : given;
  return path.resolve(baseDir, expanded);
}

export async function checkFolder(folder: string, baseDir: string): Promise<FolderCheck> {
  const resolved = resolvePath(folder, baseDir);
  try {
    const info = await stat(resolved);
    if (!info.isDirectory()) return { path: resolved, ok: false, problem: t("settings.folderNotFolder") };
    await access(resolved, constants.R_OK | constants.X_OK);
    return { path: resolved, ok: true, problem: null };
  } catch (error: unknown) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    const problem = code === "ENOENT" ? t("settings.folderMissing") : t("settings.folderUnreadable");
    return { path: resolved, ok: false, problem };
  }
}

/** A watermark image: it exists, is a file, the daemon can read it, and it starts like an image. */
export async function checkImageFile(file: string, baseDir: string): Promise<FolderCheck> {
  const resolved = resolvePath(file, baseDir);
  try {
    const info = await stat(resolved);
    if (!info.isFile()) return { path: resolved, ok: false, problem: t("settings.fileNotFile") };
    const handle = await open(resolved, "r");
    const head = Buffer.alloc(16);
    try {
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
    if (!looksLikeImage(head)) return { path: resolved, ok: false, problem: t("settings.fileNotImage") };
    return { path: resolved, ok: true, problem: null };
  } catch (error: unknown) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    const problem = code === "ENOENT" ? t("settings.fileMissing") : t("settings.fileUnreadable");
    return { path: resolved, ok: false, problem };
  }
}

export interface PathPreviewRequest {
  readonly subpath: string;
  readonly fileName: string;
  /** A sample file path below the watched folder, e.g. `Wedding/DSC_0001.NEF`. */
  readonly sample: string;
  /** The sample's capture date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly camera?: string | undefined;
}

/** Where the sample lands below the destination's base path; throws CONFIG_INVALID with the key. */
export function previewPath(request: PathPreviewRequest): string {
  const sample = request.sample.replace(/\\/g, "/").replace(/^\/+/, "");
  const slash = sample.lastIndexOf("/");
  const file = sample.slice(slash + 1);
  const dot = file.lastIndexOf(".");
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(request.date);
  if (match === null) throw new SyncError("REQUEST_INVALID", t("settings.previewDate"));
  const day: CaptureDay = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const values = {
    day,
    folder: slash === -1 ? "" : sample.slice(0, slash),
    name: dot <= 0 ? file : file.slice(0, dot),
    ext: dot <= 0 ? "" : file.slice(dot + 1),
    camera: request.camera ?? null,
    batch: "batch",
  };
  try {
    const folder = renderTemplate(parseTemplate(request.subpath, "subpath"), values, "subpath");
    const name = renderTemplate(parseTemplate(request.fileName, "fileName"), values, "fileName");
    return folder === "" ? name : `${folder}/${name}`;
  } catch (error: unknown) {
    throw toSyncError(error, "CONFIG_INVALID");
  }
}
