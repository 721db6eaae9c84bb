/**
 * A destination's rclone remote as our own transports need it: its backend type, its settings
 * and the path inside it. From a connection string (`:s3,provider=Other,endpoint='…':bucket/x`)
 * or from rclone.conf through rcd (`config/get`), so a user configures a remote once.
 */
export interface RemoteSettings {
  readonly type: string;
  readonly settings: Readonly<Record<string, string>>;
  /** The path inside the remote, with the destination's base path (`bucket/base` for S3). */
  readonly path: string;
}

/** Reads a named remote's section of rclone.conf (values as rclone stores them). */
export type ConfigReader = (name: string, signal: AbortSignal) => Promise<Readonly<Record<string, string>>>;

/**
 * Splits `name,opt=v,opt2='v,2':path` (or `:type,…:path`) into its parts; null for a local
 * path. Values may be quoted with ' or " (doubled quotes inside), as rclone allows.
 */
export function splitRemote(
  root: string,
): { readonly name: string; readonly options: Record<string, string>; readonly path: string } | null {
  const options: Record<string, string> = {};
  // A connection string names its backend after a leading colon.
  let index = root.startsWith(":") ? 1 : 0;
  let name = root.startsWith(":") ? ":" : "";
  while (index < root.length && root[index] !== "," && root[index] !== ":") name += root[index++];
  while (root[index] === ",") {
    index += 1;
    let key = "";
    while (index < root.length && !"=,:".includes(root[index] as string)) key += root[index++];
    let value = "true";
    if (root[index] === "=") {
      index += 1;
      const quote = root[index];
      if (quote === "'" || quote === '"') {
        value = "";
        index += 1;
        while (index < root.length) {
          if (root[index] === quote) {
            if (root[index + 1] === quote) {
              value += quote;
              index += 2;
              continue;
            }
            index += 1;
            break;
          }
          value += root[index++];
        }
      } else {
        value = "";
        while (index < root.length && root[index] !== "," && root[index] !== ":") value += root[index++];
      }
    }
    options[key.trim()] = value;
  }
  if (root[index] !== ":") return null;
  return { name, options, path: root.slice(index + 1) };
}

/** The destination root's settings, or a reason we cannot read them (then rclone does the upload). */
export async function readRemoteSettings(
  root: string,
  readConfig: ConfigReader,
  signal: AbortSignal,
): Promise<RemoteSettings | string> {
  const parts = splitRemote(root);
  if (parts === null) return "not a remote";
  if (parts.name.startsWith(":")) {
    return { type: parts.name.slice(1), settings: parts.options, path: parts.path };
  }
  let section: Readonly<Record<string, string>>;
  try {
    section = await readConfig(parts.name, signal);
  } catch {
    return `rclone has no remote "${parts.name}"`;
  }
  const type = section.type;
  if (type === undefined || type === "") return `remote "${parts.name}" has no type`;
  return { type, settings: { ...section, ...parts.options }, path: parts.path };
}
