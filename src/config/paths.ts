/** Where the config file and the data directory live: flag, then environment, then the OS default. */
import path from "node:path";
import envPaths from "env-paths";

export const APP_NAME = "junmai-sync";

export interface PathInputs {
  readonly configFlag?: string | undefined;
  readonly dataDirFlag?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export interface ResolvedPaths {
  readonly configPath: string;
  /** True when the user named the config (flag or env): then a missing file is an error. */
  readonly configExplicit: boolean;
  readonly dataDir: string;
}

export function resolvePaths(inputs: PathInputs = {}): ResolvedPaths {
  const env = inputs.env ?? process.env;
  const cwd = inputs.cwd ?? process.cwd();
  const osPaths = envPaths(APP_NAME, { suffix: "" });
  const namedConfig = nonEmpty(inputs.configFlag) ?? nonEmpty(env.JUNMAI_SYNC_CONFIG);
  const dataDir = nonEmpty(inputs.dataDirFlag) ?? nonEmpty(env.JUNMAI_SYNC_DATA_DIR) ?? osPaths.data;
  return {
    configPath: path.resolve(cwd, namedConfig ?? path.join(osPaths.config, "config.json")),
    configExplicit: namedConfig !== undefined,
    dataDir: path.resolve(cwd, dataDir),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
