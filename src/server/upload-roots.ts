/**
 * `POST /uploads` names files on the daemon's machine. On a loopback server that is the
 * photographer's own computer talking to itself; reachable from other machines, a token holder
 * could otherwise queue /etc/shadow for upload to their own remote. There, every path must lie
 * inside `server.allowedRoots` — after following symbolic links, so a link cannot lead out.
 */
import { realpathSync } from "node:fs";
import path from "node:path";
import { isLoopbackHost, type ResolvedServer } from "../config/resolve-server.js";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

export function checkUploadRoots(paths: readonly string[], server: ResolvedServer, cwd: string): void {
  if (isLoopbackHost(server.host)) return;
  const roots = (server.allowedRoots ?? []).map(real);
  for (const given of paths) {
    const target = real(path.resolve(cwd, given));
    const inside = roots.some((root) => {
      const relative = path.relative(root, target);
      return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
    });
    if (!inside) throw new SyncError("PATH_NOT_ALLOWED", say("faults.outsideRoots", { path: given }));
  }
}

/** The real path, or for a path that does not exist (yet), its nearest existing parent's. */
function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(real(parent), path.basename(file));
  }
}
