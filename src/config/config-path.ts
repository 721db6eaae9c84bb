/**
 * A folder or file named in the config, made absolute. Accepts what people paste on each
 * system: `C:\\Users\\me\\Pictures` (JSON-escaped), `C:/Users/me/Pictures`, UNC
 * `\\\\nas\\photos`, `~`, and one variable at the very start (`$HOME/…`, `${HOME}/…`,
 * `%USERPROFILE%\\…`). Variables are expanded at the start only: a file named `hash#pct%.jpg`
 * or a folder `$5 prints` further down is a name, never a variable.
 *
 * The path module is a parameter so the Windows rules are tested on any machine with
 * `node:path/win32`.
 */
import os from "node:os";
import path, { type PlatformPath } from "node:path";
import { t } from "../i18n/message.js";
import { configError } from "./config-error.js";

export interface ConfigPathContext {
  /** Relative paths resolve against this: the config file's folder (or the cwd when embedded). */
  readonly baseDir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly homedir?: string;
  /** `node:path` of the system the path is for; default: this one. */
  readonly pathApi?: PlatformPath;
}

/** `$NAME` or `${NAME}` or `%NAME%` at the start, followed by a separator or the end. */
const START_VARIABLE =
  /^(?:\$([A-Za-z_][A-Za-z0-9_]*)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|%([A-Za-z_][A-Za-z0-9_()]*)%)(?=$|[\\/])/;
const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|\\\\[^\\])/;

export function resolveConfigPath(value: string, key: string, context: ConfigPathContext): string {
  const pathApi = context.pathApi ?? path;
  const windows = pathApi.sep === "\\";
  const expanded = expandStart(value, key, context, windows);
  if (!windows) {
    if (WINDOWS_ABSOLUTE.test(expanded)) {
      throw configError(key, t("configPath.windowsPathHere", { value }));
    }
    if (expanded.endsWith("\\")) {
      throw configError(key, t("configPath.trailingBackslash", { value }));
    }
  }
  return pathApi.resolve(context.baseDir, expanded);
}

/** `~` and one leading variable; the rest of the path is left exactly as written. */
export function expandStart(
  value: string,
  key: string,
  context: ConfigPathContext,
  windows: boolean,
): string {
  const home = context.homedir ?? os.homedir();
  if (value === "~") return home;
  if (value.startsWith("~/") || (windows && value.startsWith("~\\"))) return `${home}${value.slice(1)}`;
  // On POSIX `~\x` is a name starting with a backslash; people mean their home folder.
  if (!windows && value.startsWith("~\\")) return `${home}/${value.slice(2).replaceAll("\\", "/")}`;
  const match = START_VARIABLE.exec(value);
  if (match === null) return value;
  const name = match[1] ?? match[2] ?? match[3] ?? "";
  const env = context.env ?? process.env;
  const found = lookup(env, name, windows) ?? (isHomeName(name) ? home : undefined);
  if (found === undefined || found === "") {
    throw configError(key, t("configPath.variableUnset", { value, name }));
  }
  return `${found}${value.slice(match[0].length)}`;
}

/** Windows variable names ignore case (`%UserProfile%`); POSIX ones do not. */
function lookup(env: NodeJS.ProcessEnv, name: string, windows: boolean): string | undefined {
  if (!windows) return env[name];
  const wanted = name.toUpperCase();
  for (const [key, value] of Object.entries(env)) if (key.toUpperCase() === wanted) return value;
  return undefined;
}

/** `$HOME` and `%USERPROFILE%` mean the home folder even where the variable is not exported. */
function isHomeName(name: string): boolean {
  return name === "HOME" || name.toUpperCase() === "USERPROFILE";
}
