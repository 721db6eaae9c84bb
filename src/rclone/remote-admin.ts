/**
 * The user's rclone remotes, through rcd: list them (names, types and whether each looks set
 * up — never a parameter's value), create one with `config/create` (rclone obscures the
 * passwords), and ask a backend for its quota. rclone.conf stays rclone's: we only ever go
 * through its API, so a user can keep using `rclone config` on the same file.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { RcClient } from "./rc-client.js";

const run = promisify(execFile);

export interface RemoteSummary {
  readonly name: string;
  readonly type: string;
  /** What is missing for it to work, or null when it looks usable. */
  readonly problem: string | null;
}

/** Settings each type cannot work without (checked by presence only). */
const REQUIRED: Readonly<Record<string, readonly (readonly string[])[]>> = {
  drive: [["token", "service_account_file", "service_account_credentials"]],
  dropbox: [["token"]],
  onedrive: [["token"], ["drive_id"]],
  box: [["token", "box_config_file"]],
  pcloud: [["token"]],
  webdav: [["url"]],
  sftp: [["host"]],
  ftp: [["host"]],
  smb: [["host"]],
  s3: [["provider"], ["access_key_id", "env_auth"]],
  b2: [["account"], ["key"]],
  crypt: [["remote"], ["password"]],
  alias: [["remote"]],
};

export async function listRemotes(client: RcClient, signal: AbortSignal): Promise<RemoteSummary[]> {
  const dump = await client.call<Record<string, Record<string, string>>>("config/dump", {}, signal);
  return Object.entries(dump)
    .map(([name, settings]) => ({ name, type: settings.type ?? "unknown", problem: problemOf(settings) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function problemOf(settings: Readonly<Record<string, string>>): string | null {
  const type = settings.type;
  if (type === undefined || type === "") return "no type";
  const missing = (REQUIRED[type] ?? []).filter((any) => !any.some((key) => (settings[key] ?? "") !== ""));
  if (missing.length === 0) return null;
  return `missing ${missing.map((any) => any.join(" or ")).join(", ")}`;
}

/**
 * Creates (or replaces) a remote. Values named like passwords are obscured by rclone before
 * they reach the file. rclone may still have a question for an interactive set-up (a team
 * drive, say); the remote is saved either way and the question is returned.
 */
export async function createRemote(
  client: RcClient,
  name: string,
  type: string,
  parameters: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<{ readonly question: string | null }> {
  const reply = await client.call<{ Option?: { Help?: string } | null; Error?: string }>(
    "config/create",
    { name, type, parameters, opt: { obscure: true, nonInteractive: true } },
    signal,
  );
  const help = reply.Option?.Help?.split("\n")[0]?.trim();
  return { question: help === undefined || help === "" ? null : help };
}

export async function deleteRemote(client: RcClient, name: string, signal: AbortSignal): Promise<void> {
  await client.call("config/delete", { name }, signal);
}

/**
 * The rclone.conf rclone reads and writes: the one given (our --rclone-config or the config's
 * `rclone.configPath`), else RCLONE_CONFIG, else what `rclone config file` names (rclone 1.60
 * has no rc call for it).
 */
export async function rcloneConfigFile(binary: string, configPath: string | undefined): Promise<string> {
  if (configPath !== undefined) return configPath;
  const fromEnv = process.env.RCLONE_CONFIG;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  try {
    const { stdout } = await run(binary, ["config", "file"], { timeout: 15_000, windowsHide: true });
    return stdout.trim().split("\n").at(-1)?.trim() || "rclone.conf";
  } catch {
    return "rclone.conf";
  }
}
