/**
 * An rclone `sftp` remote's settings as ssh2 takes them: host, port, user, password (rclone
 * obscures it), key file or inline key (with its passphrase), ssh-agent, and known_hosts.
 * What we cannot honour the way rclone would comes back as a reason; rclone then uploads.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ConnectConfig } from "ssh2";
import { reveal } from "../rclone-obscure.js";
import type { RemoteSettings } from "../remote-settings.js";

export interface SftpTarget {
  readonly connect: ConnectConfig;
  /** The folder inside the server the destination's paths start from ("" = the login folder). */
  readonly root: string;
  /** The server's md5sum command, when the remote names its own. */
  readonly md5Command: string | null;
}

const UNSUPPORTED = ["ssh", "use_insecure_cipher"];

function expandHome(file: string): string {
  return file.startsWith("~") ? path.join(os.homedir(), file.slice(1)) : file;
}

export function sftpTarget(remote: RemoteSettings): SftpTarget | string {
  const settings = remote.settings;
  for (const key of UNSUPPORTED) {
    const value = settings[key] ?? "";
    if (value !== "" && value !== "false") return `the setting ${key} is not supported`;
  }
  const host = settings.host ?? "";
  if (host === "") return "no host";
  const port = Number(settings.port ?? "22");
  if (!Number.isInteger(port) || port <= 0) return `port "${settings.port}" is not a number`;
  const connect: ConnectConfig = {
    host,
    port,
    username: settings.user !== undefined && settings.user !== "" ? settings.user : os.userInfo().username,
  };
  try {
    if ((settings.pass ?? "") !== "") connect.password = reveal(settings.pass ?? "");
    const passphrase =
      (settings.key_file_pass ?? "") === "" ? undefined : reveal(settings.key_file_pass ?? "");
    if ((settings.key_pem ?? "") !== "") {
      connect.privateKey = (settings.key_pem ?? "").replace(/\\n/g, "\n");
    } else if ((settings.key_file ?? "") !== "") {
      connect.privateKey = readFileSync(expandHome(settings.key_file ?? ""));
    }
    if (passphrase !== undefined) connect.passphrase = passphrase;
  } catch (error) {
    return `its password or key cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
  const agent = process.env.SSH_AUTH_SOCK;
  if (connect.password === undefined && connect.privateKey === undefined) {
    if (agent === undefined || agent === "") return "no password, key file or ssh-agent";
    connect.agent = agent;
  }
  const knownHosts = settings.known_hosts_file ?? "";
  if (knownHosts !== "") {
    let keys: Set<string>;
    try {
      keys = hostKeys(readFileSync(expandHome(knownHosts), "utf8"), host, port);
    } catch {
      return `known_hosts_file ${knownHosts} cannot be read`;
    }
    connect.hostVerifier = (key: Buffer) => keys.has(key.toString("base64"));
  }
  return {
    connect,
    root: remote.path,
    md5Command: (settings.md5sum_command ?? "") === "" ? null : (settings.md5sum_command ?? null),
  };
}

/** The host's keys (base64 blobs) in a known_hosts file: `host` or `[host]:port` entries, unhashed. */
export function hostKeys(text: string, host: string, port: number): Set<string> {
  const names = new Set([port === 22 ? host : `[${host}]:${port}`, `[${host}]:${port}`]);
  const keys = new Set<string>();
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || line.trim().startsWith("#")) continue;
    const [hosts = "", , blob = ""] = fields[0]?.startsWith("@") ? fields.slice(1) : fields;
    if (hosts.split(",").some((name) => names.has(name))) keys.add(blob);
  }
  return keys;
}
