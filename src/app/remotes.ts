/**
 * Setting up and trusting destinations (`junmai-sync remote …`): the remotes in the user's
 * rclone.conf, adding one through rclone (passwords obscured by rclone, OAuth tokens pasted
 * from `rclone authorize` on a machine with a browser), testing one end to end, and the crypt
 * remote behind a destination with `encrypt: true`. No value from rclone.conf is ever returned.
 */
import type { ResolvedConfig } from "../config/resolve.js";
import { DEFAULT_RESUMABLE, type Destination, isLocalRemote } from "../domain/destination.js";
import { SyncError } from "../domain/errors.js";
import type { Transport } from "../engine/transport.js";
import { t } from "../i18n/message.js";
import type { RcdSupervisor } from "../rclone/rcd-supervisor.js";
import { createRemote, listRemotes, type RemoteSummary, rcloneConfigFile } from "../rclone/remote-admin.js";
import { parseRcloneToken } from "./oauth-token.js";
import { type RemoteTestResult, testRemote } from "./remote-test.js";
import { createWithToken } from "./sign-in.js";

/** The types `remote add` knows how to ask for; rclone itself knows many more (`rclone config`). */
export const REMOTE_TYPES = [
  "dropbox",
  "drive",
  "onedrive",
  "s3",
  "webdav",
  "sftp",
  "local",
  "crypt",
] as const;
export type RemoteType = (typeof REMOTE_TYPES)[number];
export const OAUTH_TYPES: ReadonlySet<string> = new Set(["dropbox", "drive", "onedrive"]);

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface RemoteListing extends RemoteSummary {
  /** Destinations of the config that use this remote. */
  readonly usedBy: readonly string[];
}

export interface RemotesOptions {
  readonly config: ResolvedConfig;
  readonly rcd: () => RcdSupervisor;
  readonly transport: () => Transport;
}

export class Remotes {
  readonly #options: RemotesOptions;

  constructor(options: RemotesOptions) {
    this.#options = options;
  }

  async list(signal = AbortSignal.timeout(30_000)): Promise<RemoteListing[]> {
    const remotes = await listRemotes(await this.#options.rcd().client(), signal);
    return remotes.map((remote) => ({
      ...remote,
      usedBy: this.#options.config.destinations
        .filter((destination) => remoteName(destination.fs) === remote.name)
        .map((destination) => destination.name),
    }));
  }

  /**
   * Creates (or replaces) remote `name` of `type` with `parameters` as rclone names them
   * (`url`, `user`, `pass`, `host`, `token` …). Returns rclone's follow-up question, if any.
   */
  async add(
    name: string,
    type: string,
    parameters: Readonly<Record<string, string>>,
    signal = AbortSignal.timeout(60_000),
  ): Promise<{ readonly question: string | null }> {
    if (!NAME.test(name)) {
      throw new SyncError(
        "USAGE",
        `A remote name must start with a letter or digit and use only letters, digits, _ . - (got "${name}").`,
      );
    }
    if (!(REMOTE_TYPES as readonly string[]).includes(type)) {
      throw new SyncError("USAGE", `--type must be one of ${REMOTE_TYPES.join(", ")} (got "${type}").`, {
        hint: "Other backends: `rclone config`, then use the remote's name as a destination's `remote`.",
      });
    }
    if (OAUTH_TYPES.has(type) && (parameters.token ?? "") === "") {
      throw new SyncError("USAGE", `A ${type} remote needs a token from \`rclone authorize "${type}"\`.`, {
        hint: `On a computer with a browser run: rclone authorize "${type}"  — then pass what it prints with --token-file FILE or --token-stdin.`,
      });
    }
    if (type === "crypt" && ((parameters.remote ?? "") === "" || (parameters.password ?? "") === "")) {
      throw new SyncError(
        "USAGE",
        "A crypt remote needs --remote (what it wraps) and a password (--password-env or the prompt).",
      );
    }
    const client = await this.#options.rcd().client();
    if (OAUTH_TYPES.has(type)) {
      // Checked before rclone.conf is touched: a URL or half a token is refused, nothing written.
      const token = parseRcloneToken(parameters.token ?? "", type);
      await createWithToken(client, name, type, { ...parameters, token });
      return { question: null };
    }
    return createRemote(client, name, type, parameters, signal);
  }

  /** The rclone.conf in use, as rclone names it. */
  configFile(): Promise<string> {
    const { rclone } = this.#options.config;
    return rcloneConfigFile(rclone.binary, rclone.configPath);
  }

  /**
   * The destinations of the config whose rclone remote is not in rclone.conf, each with the
   * refusal `doctor` and the settings page show.
   */
  async missingRemotes(signal = AbortSignal.timeout(30_000)): Promise<Map<string, SyncError>> {
    const client = await this.#options.rcd().client();
    const names = new Set((await listRemotes(client, signal)).map((remote) => remote.name));
    const file = await this.configFile();
    const missing = new Map<string, SyncError>();
    for (const destination of this.#options.config.destinations) {
      const remote = remoteName(destination.encryption?.wraps ?? destination.fs);
      if (remote === null || names.has(remote)) continue;
      missing.set(
        destination.name,
        new SyncError("UNKNOWN_REMOTE", t("remote.missing", { name: remote, file }), {
          hint: t("remote.missingHint", { name: remote }),
        }),
      );
    }
    return missing;
  }

  /** Tests a destination of the config, or a remote of rclone.conf by its name. */
  async test(name: string, signal = AbortSignal.timeout(120_000)): Promise<RemoteTestResult> {
    const destination = await this.#target(name, signal);
    // A remote missing from rclone.conf, named as such (rclone only says "didn't find section").
    const missing = (await this.missingRemotes(signal).catch(() => new Map<string, SyncError>())).get(name);
    if (missing !== undefined) throw missing;
    return testRemote(this.#options.transport(), destination, signal);
  }

  /**
   * Creates the crypt remote behind a destination with `encrypt: true`: rclone obscures the
   * password into rclone.conf; files and names at the destination are encrypted, and plain
   * rclone can decrypt them (docs/providers.md#encryption).
   */
  async encrypt(
    destinationName: string,
    password: string,
    salt: string | undefined,
    signal = AbortSignal.timeout(60_000),
  ): Promise<{ readonly remote: string; readonly wraps: string }> {
    const destination = this.#options.config.destinations.find(
      (candidate) => candidate.name === destinationName,
    );
    if (destination === undefined) {
      throw new SyncError("UNKNOWN_DESTINATION", `There is no destination named "${destinationName}".`);
    }
    if (destination.encryption === null) {
      throw new SyncError(
        "USAGE",
        `Destination "${destinationName}" does not have \`encrypt: true\` in the config.`,
        {
          hint: 'Add "encrypt": true to the destination first, then run this again.',
        },
      );
    }
    if (password === "") throw new SyncError("USAGE", "The encryption password is empty.");
    await createRemote(
      await this.#options.rcd().client(),
      destination.encryption.remote,
      "crypt",
      { remote: destination.encryption.wraps, password, ...(salt === undefined ? {} : { password2: salt }) },
      signal,
    );
    return destination.encryption;
  }

  async #target(name: string, signal: AbortSignal): Promise<Destination> {
    const configured = this.#options.config.destinations.find((destination) => destination.name === name);
    if (configured !== undefined) return configured;
    const remotes = await listRemotes(await this.#options.rcd().client(), signal);
    if (!remotes.some((remote) => remote.name === name)) {
      const known = [...this.#options.config.destinations.map((d) => d.name), ...remotes.map((r) => r.name)];
      throw new SyncError(
        "UNKNOWN_REMOTE",
        `There is no destination or rclone remote named "${name}" (known: ${known.join(", ") || "none"}).`,
      );
    }
    return adHocDestination(name);
  }
}

/** A remote of rclone.conf that no destination uses yet, tested with the default policies. */
function adHocDestination(name: string): Destination {
  const fs = `${name}:`;
  return {
    name,
    fs,
    kind: "rclone",
    basePath: "",
    root: fs,
    concurrency: 1,
    retries: 0,
    onConflict: "auto",
    tempNames: "auto",
    quotaPauseMs: 60 * 60_000,
    window: null,
    windowEnd: "finish",
    dailyCapBytes: null,
    dailyCapResetMinutes: 0,
    bandwidth: null,
    encryption: null,
    link: false,
    resumable: DEFAULT_RESUMABLE,
    subpath: null,
    rendition: null,
    onUnsupported: "skip",
  };
}

/** `dropbox:Photos` → "dropbox"; a local path or a connection string → null. */
function remoteName(fs: string): string | null {
  if (isLocalRemote(fs) || fs.startsWith(":")) return null;
  return fs.slice(0, fs.indexOf(":"));
}
