/**
 * What a login service runs, independent of the system that runs it: absolute paths only,
 * because a service starts with a bare environment (no shell profile, no Homebrew or nvm on
 * PATH). Each OS form (systemd-unit.ts, launchd-plist.ts, windows-task.ts) turns this into its
 * own file and the commands that register it.
 */
export const SERVICE_LABEL = "junmai-sync";

export type ServiceOs = "linux" | "macos" | "windows";

export interface ServiceDefinition {
  /** Absolute path of the Node.js binary running now. */
  readonly node: string;
  /** Absolute path of the CLI's entry point (dist/bin/junmai-sync.js). */
  readonly cli: string;
  /** Arguments after the CLI: the same config and data dir as the user's, then `daemon`. */
  readonly args: readonly string[];
  /** The folder relative paths of the config (or the embedded default's ./var) resolve against. */
  readonly workingDir: string;
  /** PATH for the service: rclone's and node's folders first, then the system's. */
  readonly path: string;
  /** Absolute path of rclone, or undefined when it was not found (the service would fail). */
  readonly rclone: string | undefined;
  readonly dataDir: string;
  /** stdout/stderr of the service, rotated by the daemon itself (JUNMAI_SYNC_SERVICE_LOG). */
  readonly logFile: string;
  /** The user it runs for (Windows' logon trigger names them). */
  readonly user: string;
}

/** One file the service needs, with its content exactly as written. */
export interface ServiceFile {
  readonly path: string;
  readonly content: string | Buffer;
  /** What the file is, for people: "systemd user unit", "LaunchAgent", … */
  readonly role: string;
}

/** A command the service manager is asked to run; `mayFail`: going on is right when it fails. */
export interface ServiceCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly mayFail?: boolean;
}

/** An OS form: its files, and the commands that register, remove and inspect it. */
export interface ServiceForm {
  readonly os: ServiceOs;
  /** The file whose presence means "installed". */
  readonly mainFile: string;
  readonly files: readonly ServiceFile[];
  readonly install: readonly ServiceCommand[];
  readonly uninstall: readonly ServiceCommand[];
  readonly status: ServiceCommand;
  /** Reads the status command's output: running, failed, stopped (or unknown). */
  parseStatus(output: string, exitCode: number | null): ServiceRunState;
}

export type ServiceRunState = "running" | "failed" | "stopped" | "unknown";

/** The environment every form gives the daemon. */
export function serviceEnvironment(definition: ServiceDefinition): Readonly<Record<string, string>> {
  return { PATH: definition.path, JUNMAI_SYNC_SERVICE_LOG: definition.logFile, NO_COLOR: "1" };
}

/** `node cli args…` as one argument list. */
export function commandLine(definition: ServiceDefinition): readonly string[] {
  return [definition.node, definition.cli, ...definition.args];
}
