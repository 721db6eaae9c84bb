/**
 * Where the config file and the data directory live: flag, then environment, then a default.
 * The default data directory follows the config: with a config file it is the OS data folder;
 * with none (the embedded default) it is `./var/data`, beside `./var/export` and `./var/cloud`,
 * so a checkout is self-contained and a second checkout never shows the first one's batches.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import envPaths from "env-paths";

export const APP_NAME = "junmai-sync";

/** The embedded default's data directory, relative to the working directory. */
export const EMBEDDED_DATA_DIR = path.join("var", "data");

export interface PathInputs {
  readonly configFlag?: string | undefined;
  readonly dataDirFlag?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** The config is given in code (the library): never the embedded default. */
  readonly configInCode?: boolean;
}

/** Where the data directory came from, for `doctor` and the old-queue notice. */
export type DataDirSource = "flag" | "env" | "embedded" | "os";

export interface ResolvedPaths {
  readonly configPath: string;
  /** True when the user named the config (flag or env): then a missing file is an error. */
  readonly configExplicit: boolean;
  readonly dataDir: string;
  readonly dataDirSource: DataDirSource;
  /** The per-user OS data folder (the default before the embedded default moved to ./var/data). */
  readonly osDataDir: string;
}

export function resolvePaths(inputs: PathInputs = {}): ResolvedPaths {
  const env = inputs.env ?? process.env;
  const cwd = inputs.cwd ?? process.cwd();
  const osPaths = envPaths(APP_NAME, { suffix: "" });
  const namedConfig = nonEmpty(inputs.configFlag) ?? nonEmpty(env.JUNMAI_SYNC_CONFIG);
  const configPath = path.resolve(cwd, namedConfig ?? path.join(osPaths.config, "config.json"));
  const embedded = inputs.configInCode !== true && namedConfig === undefined && !existsSync(configPath);
  const flag = nonEmpty(inputs.dataDirFlag);
  const fromEnv = nonEmpty(env.JUNMAI_SYNC_DATA_DIR);
  const [dataDir, dataDirSource]: [string, DataDirSource] =
    flag !== undefined
      ? [flag, "flag"]
      : fromEnv !== undefined
        ? [fromEnv, "env"]
        : embedded
          ? [EMBEDDED_DATA_DIR, "embedded"]
          : [osPaths.data, "os"];
  return {
    configPath,
    configExplicit: namedConfig !== undefined,
    dataDir: path.resolve(cwd, dataDir),
    dataDirSource,
    osDataDir: path.resolve(osPaths.data),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
