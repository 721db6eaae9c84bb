/**
 * `service install|uninstall|status|logs`: the daemon as a login service of this user — systemd
 * on Linux, launchd on macOS, Task Scheduler on Windows — with the same config and data dir the
 * user's own commands use. Installing twice updates in place; uninstalling what is not there
 * says so and succeeds.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../config/load.js";
import { type ResolvedPaths, resolvePaths } from "../config/paths.js";
import { SyncError } from "../domain/errors.js";
import { say, t } from "../i18n/message.js";
import { findExecutable } from "../platform/find-executable.js";
import { launchdForm } from "../platform/service/launchd-plist.js";
import { type CommandResult, type CommandRunner, showCommand } from "../platform/service/run-command.js";
import type {
  ServiceDefinition,
  ServiceFile,
  ServiceForm,
  ServiceOs,
  ServiceRunState,
} from "../platform/service/service-definition.js";
import { systemdForm } from "../platform/service/systemd-unit.js";
import { windowsTaskForm } from "../platform/service/windows-task.js";
import { readDaemonLock } from "./daemon-lock.js";

export const SERVICE_LOG_FILE = path.join("logs", "service.log");

export interface ServicePlanInputs {
  readonly paths: ResolvedPaths;
  /** The CLI entry point the service runs (the one running now). */
  readonly cliEntry: string;
  /** The config's rclone binary (default "rclone"). */
  readonly rcloneBinary: string;
  /** --rclone-config given to this command: the service gets it too. */
  readonly rcloneConfig?: string | undefined;
  /** The form to build; default: this system's. Another one only makes sense with --dry-run. */
  readonly os?: ServiceOs;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export interface ServicePlan {
  readonly form: ServiceForm;
  readonly definition: ServiceDefinition;
  /** What to tell the user after installing (linger, Full Disk Access …). */
  readonly notes: readonly string[];
}

/** The plan for the options a command was given (global --config/--data-dir/--rclone-config). */
export function planServiceFor(options: {
  readonly configPath?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly rcloneConfig?: string | undefined;
  readonly cliEntry: string;
  readonly os?: ServiceOs | undefined;
}): ServicePlan {
  const paths = resolvePaths({ configFlag: options.configPath, dataDirFlag: options.dataDir });
  // The config is read now so a broken one fails here, not in a service nobody watches.
  const { config } = loadConfig(paths);
  return planService({
    paths,
    cliEntry: options.cliEntry,
    rcloneBinary: config.rclone.binary,
    rcloneConfig: options.rcloneConfig,
    ...(options.os === undefined ? {} : { os: options.os }),
  });
}

export function thisOs(): ServiceOs {
  if (process.platform === "darwin") return "macos";
  if (process.platform === "win32") return "windows";
  return "linux";
}

export function planService(inputs: ServicePlanInputs): ServicePlan {
  const env = inputs.env ?? process.env;
  const cwd = inputs.cwd ?? process.cwd();
  const target = inputs.os ?? thisOs();
  const { paths } = inputs;
  const home = os.homedir();
  const rclone = findExecutable(inputs.rcloneBinary, env);
  const node = process.execPath;
  const configInUse = paths.configExplicit || existsSync(paths.configPath);
  const args = [
    ...(configInUse ? ["--config", paths.configPath] : []),
    "--data-dir",
    paths.dataDir,
    ...(inputs.rcloneConfig === undefined ? [] : ["--rclone-config", path.resolve(cwd, inputs.rcloneConfig)]),
    "daemon",
  ];
  const definition: ServiceDefinition = {
    node,
    cli: inputs.cliEntry,
    args,
    workingDir: configInUse ? path.dirname(paths.configPath) : cwd,
    path: servicePath(target, [rclone, node], env),
    rclone,
    dataDir: paths.dataDir,
    logFile: path.join(paths.dataDir, SERVICE_LOG_FILE),
    user: target === "windows" && env.USERDOMAIN ? `${env.USERDOMAIN}\\${userName(env)}` : userName(env),
  };
  const form =
    target === "linux"
      ? systemdForm(definition, env.XDG_CONFIG_HOME?.trim() || path.join(home, ".config"))
      : target === "macos"
        ? launchdForm(definition, home, process.getuid?.() ?? 501)
        : windowsTaskForm(definition, env.SystemRoot ?? env.SYSTEMROOT ?? "C:\\Windows");
  const notes = [
    ...(rclone === undefined ? [t("service.rcloneMissing", { binary: inputs.rcloneBinary })] : []),
    target === "linux"
      ? t("service.lingerNote", { user: definition.user })
      : target === "macos"
        ? t("service.fullDiskAccessNote", { node })
        : t("service.windowsNote"),
  ];
  return { form, definition, notes };
}

/** The folders of rclone and node first: a service does not read the user's shell profile. */
function servicePath(
  target: ServiceOs,
  binaries: readonly (string | undefined)[],
  env: NodeJS.ProcessEnv,
): string {
  const pathApi = target === "windows" ? path.win32 : path.posix;
  const first = binaries
    .filter((file): file is string => file !== undefined)
    .map((file) => pathApi.dirname(file));
  const system =
    target === "windows"
      ? (env.PATH ?? env.Path ?? "").split(";")
      : target === "macos"
        ? ["/opt/homebrew/bin", "/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        : ["/usr/local/bin", "/usr/bin", "/bin"];
  return [...new Set([...first, ...system].filter((folder) => folder !== ""))].join(
    target === "windows" ? ";" : ":",
  );
}

function userName(env: NodeJS.ProcessEnv): string {
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? "user";
  }
}

export interface InstallResult {
  readonly alreadyInstalled: boolean;
  readonly files: readonly ServiceFile[];
  readonly ran: readonly CommandResult[];
}

export async function installService(plan: ServicePlan, runner: CommandRunner): Promise<InstallResult> {
  const alreadyInstalled = existsSync(plan.form.mainFile);
  mkdirSync(path.dirname(plan.definition.logFile), { recursive: true });
  for (const file of plan.form.files) writeAtomically(file);
  const ran = await runAll(plan.form.install, runner, plan.form.mainFile);
  return { alreadyInstalled, files: plan.form.files, ran };
}

export interface UninstallResult {
  readonly wasInstalled: boolean;
  readonly removed: readonly string[];
  readonly ran: readonly CommandResult[];
}

export async function uninstallService(plan: ServicePlan, runner: CommandRunner): Promise<UninstallResult> {
  const wasInstalled = existsSync(plan.form.mainFile);
  if (!wasInstalled) return { wasInstalled, removed: [], ran: [] };
  const ran = await runAll(plan.form.uninstall, runner, plan.form.mainFile);
  const removed = plan.form.files.filter((file) => existsSync(file.path)).map((file) => file.path);
  for (const file of removed) rmSync(file, { force: true });
  return { wasInstalled, removed, ran };
}

export interface ServiceStatus {
  readonly installed: boolean;
  readonly file: string;
  readonly state: ServiceRunState;
  /** The daemon holding this data dir's lock, if any (running as the service or by hand). */
  readonly daemon?: { readonly pid: number; readonly since: string; readonly dashboard?: string };
  readonly logFile: string;
}

export async function serviceStatus(plan: ServicePlan, runner: CommandRunner): Promise<ServiceStatus> {
  const installed = existsSync(plan.form.mainFile);
  let state: ServiceRunState = "stopped";
  if (installed) {
    const result = await runner(plan.form.status);
    state = plan.form.parseStatus(result.output, result.exitCode);
  }
  const lock = readDaemonLock(plan.definition.dataDir);
  const daemon =
    lock.kind === "held"
      ? {
          pid: lock.holder.pid,
          since: lock.holder.since,
          ...(lock.holder.dashboard === undefined ? {} : { dashboard: lock.holder.dashboard }),
        }
      : undefined;
  // The service manager may be unreachable (no user session); a live lock still says "running".
  if (state === "unknown" && daemon !== undefined) state = "running";
  return {
    installed,
    file: plan.form.mainFile,
    state,
    ...(daemon === undefined ? {} : { daemon }),
    logFile: plan.definition.logFile,
  };
}

/** The last `lines` lines of the service's log, or undefined when there is none yet. */
export function tailServiceLog(plan: ServicePlan, lines: number): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(plan.definition.logFile, "utf8");
  } catch {
    return undefined;
  }
  const all = text.split(/\r?\n/);
  if (all.at(-1) === "") all.pop();
  return all.slice(-lines);
}

async function runAll(
  commands: readonly ServicePlan["form"]["install"][number][],
  runner: CommandRunner,
  file: string,
): Promise<CommandResult[]> {
  const ran: CommandResult[] = [];
  for (const command of commands) {
    const result = await runner(command);
    ran.push(result);
    if (result.exitCode !== 0 && command.mayFail !== true) {
      throw new SyncError(
        "SERVICE_FAILED",
        say("service.commandFailed", { command: showCommand(command), file }),
        {
          detail: result.output,
          // systemctl --user needs the user's own systemd, which only a login session starts.
          ...(/connect to bus/i.test(result.output)
            ? { hint: say("service.noUserBus", { user: userName(process.env) }) }
            : {}),
        },
      );
    }
  }
  return ran;
}

/** Temporary file beside it, then rename: a half-written unit is never loaded. */
function writeAtomically(file: ServiceFile): void {
  mkdirSync(path.dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.content);
  renameSync(temporary, file.path);
}
