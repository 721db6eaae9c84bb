/** Where a command found on PATH lives, as the shell would find it (PATHEXT on Windows). */
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";

export function findExecutable(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const windows = platform === "win32";
  const pathApi = windows ? path.win32 : path.posix;
  const extensions = windows ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";")] : [""];
  const candidates =
    name.includes("/") || (windows && name.includes("\\"))
      ? [pathApi.resolve(name)]
      : (env.PATH ?? env.Path ?? "")
          .split(windows ? ";" : ":")
          .filter((folder) => folder !== "")
          .map((folder) => pathApi.join(folder, name));
  for (const candidate of candidates) {
    for (const extension of extensions) {
      const file = `${candidate}${extension}`;
      if (isExecutable(file, windows)) return file;
    }
  }
  return undefined;
}

function isExecutable(file: string, windows: boolean): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (!windows) accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
