/**
 * The service's config: read once when it opens (the config file, or a config given in code,
 * with the rclone.conf the caller named), and changed by `configure` — merged, validated, and
 * written back when asked to persist.
 */
import path from "node:path";
import { type LoadedConfig, loadConfig, parseConfig, writeConfigFile } from "../config/load.js";
import type { ResolvedPaths } from "../config/paths.js";
import type { ConfigInput } from "../config/schema.js";

export interface ConfigSources {
  readonly paths: ResolvedPaths;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv | undefined;
  /** A config given in code instead of a file. */
  readonly config: ConfigInput | undefined;
  /** The rclone.conf to use instead of the config's `rclone.configPath` (and RCLONE_CONFIG). */
  readonly rcloneConfigPath: string | undefined;
}

export function loadServiceConfig(sources: ConfigSources): LoadedConfig {
  const { paths, cwd, env, rcloneConfigPath } = sources;
  const loaded: LoadedConfig =
    sources.config === undefined
      ? loadConfig({ ...paths, cwd, env })
      : {
          config: parseConfig(sources.config, { baseDir: cwd, source: "code", env }),
          input: sources.config,
        };
  if (rcloneConfigPath === undefined) return loaded;
  return {
    ...loaded,
    config: Object.freeze({
      ...loaded.config,
      rclone: Object.freeze({ ...loaded.config.rclone, configPath: path.resolve(cwd, rcloneConfigPath) }),
    }),
  };
}

/**
 * `patch` merged into the current config's top-level keys and validated; with `persist`, the
 * config file is rewritten (mode 0600) before the change is taken.
 */
export async function patchConfig(
  loaded: LoadedConfig,
  patch: Partial<ConfigInput>,
  options: {
    readonly persist: boolean;
    readonly configPath: string;
    readonly cwd: string;
    readonly env: NodeJS.ProcessEnv | undefined;
  },
): Promise<LoadedConfig> {
  const input = { ...loaded.input, ...patch } as ConfigInput;
  const source = options.persist ? options.configPath : loaded.config.source;
  const config = parseConfig(input, { baseDir: options.cwd, source, env: options.env });
  if (options.persist) await writeConfigFile(options.configPath, input);
  return { config, input };
}
