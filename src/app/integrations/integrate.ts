/**
 * `integrate lightroom|capture-one|junmai-autodev`: the hook-up script (or snippet) for this
 * user's config and data dir, written where the application looks for it. The destination
 * names and subpath are checked against the config now, so a typo fails here and not, silently,
 * after every export.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../config/load.js";
import { resolvePaths } from "../../config/paths.js";
import { SyncError } from "../../domain/errors.js";
import { normalizeRelativePath } from "../../domain/remote-path.js";
import { say } from "../../i18n/message.js";
import { findExecutable } from "../../platform/find-executable.js";
import { captureOneFolder, captureOnePlan } from "./capture-one.js";
import { type IntegrationOs, type IntegrationPlan, thisIntegrationOs } from "./integration-plan.js";
import { junmaiAutodevPlan } from "./junmai-autodev.js";
import { lightroomFolder, lightroomPlan } from "./lightroom.js";
import type { UploadCall } from "./upload-call.js";

export const INTEGRATION_TARGETS = ["lightroom", "capture-one", "junmai-autodev"] as const;
export type IntegrationTarget = (typeof INTEGRATION_TARGETS)[number];

export const INTEGRATION_LOG_FILE = path.join("logs", "integrations.log");

export interface IntegrateOptions {
  readonly target: IntegrationTarget;
  readonly configPath?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly cliEntry: string;
  readonly to?: readonly string[];
  readonly subpath?: string | undefined;
  /** Write here instead of the application's folder. */
  readonly dir?: string | undefined;
  readonly os?: IntegrationOs | undefined;
  readonly env?: NodeJS.ProcessEnv;
}

export function planIntegration(options: IntegrateOptions): IntegrationPlan {
  const env = options.env ?? process.env;
  const paths = resolvePaths({ configFlag: options.configPath, dataDirFlag: options.dataDir });
  const { config } = loadConfig(paths);
  const known = new Set(config.destinations.map((destination) => destination.name));
  const to = options.to ?? [];
  for (const name of to) {
    if (!known.has(name)) {
      throw new SyncError(
        "UNKNOWN_DESTINATION",
        say("integrate.unknownDestination", { name, known: [...known].join(", ") }),
      );
    }
  }
  const subpath =
    options.subpath === undefined ? undefined : normalizeRelativePath(options.subpath, "--subpath");
  const configInUse = paths.configExplicit || existsSync(paths.configPath);
  const target = options.os ?? thisIntegrationOs();
  const home = os.homedir();
  const call: UploadCall = {
    node: process.execPath,
    cli: options.cliEntry,
    globalArgs: [...(configInUse ? ["--config", paths.configPath] : []), "--data-dir", paths.dataDir],
    to,
    ...(subpath === undefined || subpath === "" ? {} : { subpath }),
    batchLabel:
      options.target === "lightroom"
        ? "Lightroom"
        : options.target === "capture-one"
          ? "Capture One"
          : "AutoDev",
    logFile: path.join(paths.dataDir, INTEGRATION_LOG_FILE),
    workingDir: configInUse ? path.dirname(paths.configPath) : process.cwd(),
  };
  if (options.target === "junmai-autodev") return junmaiAutodevPlan(call, paths.dataDir);
  if (target === "linux" && options.dir === undefined) {
    throw new SyncError("USAGE", say("integrate.noLinuxApp", { target: options.target }));
  }
  const resolveDir = (dir: string) => (target === "windows" ? path.win32.resolve(dir) : path.resolve(dir));
  const plan =
    options.target === "lightroom"
      ? lightroomPlan(
          call,
          target,
          options.dir === undefined ? lightroomFolder(target, home, env) : resolveDir(options.dir),
        )
      : captureOnePlan(
          call,
          target,
          options.dir === undefined ? captureOneFolder(target, home, env) : resolveDir(options.dir),
          home,
        );
  return { ...plan, log: call.logFile };
}

/** The follow-up commands that exist on this machine (osacompile only on a Mac). */
export function runnableAfter(plan: IntegrationPlan): IntegrationPlan["after"] {
  return plan.after.filter((step) => findExecutable(step.command) !== undefined);
}
