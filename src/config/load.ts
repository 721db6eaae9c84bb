/** Reads, validates and resolves the config file (or the embedded default when there is none). */
import { readFileSync } from "node:fs";
import { chmod, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import * as z from "zod";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import { keyPathText, positionOf } from "./config-position.js";
import { jsonSyntaxError } from "./json-error.js";
import { configError, EMBEDDED_CONFIG, type ResolvedConfig, resolveConfig } from "./resolve.js";
import { type ConfigInput, configSchema } from "./schema.js";
import { validatesOnlyOnce } from "./validation-mode.js";

export interface LoadConfigOptions {
  readonly configPath: string;
  readonly configExplicit: boolean;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface LoadedConfig {
  readonly config: ResolvedConfig;
  /** The raw input as read (before defaults), so `configure` can merge into it and write it back. */
  readonly input: ConfigInput;
}

export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  let text: string;
  try {
    text = readFileSync(options.configPath, "utf8");
  } catch (error) {
    if (isNotFound(error) && !options.configExplicit) {
      return {
        config: parseConfig(EMBEDDED_CONFIG, { baseDir: cwd, source: "embedded", env: options.env }),
        input: EMBEDDED_CONFIG,
      };
    }
    if (isNotFound(error)) {
      throw new SyncError("CONFIG_MISSING", say("errors.configMissing", { file: options.configPath }), {
        cause: error,
      });
    }
    throw new SyncError("CONFIG_INVALID", say("errors.configUnreadable", { file: options.configPath }), {
      cause: error,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error: unknown) {
    throw jsonSyntaxError(text.replace(/^\uFEFF/, ""), error, options.configPath);
  }
  const config = parseConfig(input, {
    baseDir: path.dirname(options.configPath),
    source: options.configPath,
    text,
  });
  return { config, input: input as ConfigInput };
}

/** Validates any input against the schema and resolves it; errors name the key and the value. */
export function parseConfig(
  input: unknown,
  options: {
    readonly baseDir: string;
    readonly source: string;
    readonly env?: NodeJS.ProcessEnv | undefined;
    /** The file's text, so each refusal names the line and column of its key. */
    readonly text?: string | undefined;
  },
): ResolvedConfig {
  if (validatesOnlyOnce()) z.config({ jitless: true });
  const result = configSchema.safeParse(input);
  if (!result.success) throw zodToConfigError(result.error, input, options.source, options.text);
  return resolveConfig(result.data, {
    baseDir: options.baseDir,
    source: options.source,
    ...(options.env === undefined ? {} : { env: options.env }),
  });
}

export function zodToConfigError(
  error: z.ZodError,
  input: unknown,
  source: string,
  text?: string | undefined,
): SyncError {
  const issues = error.issues.map((issue) => {
    const key = keyPathText(issue.path);
    const position = text === undefined ? undefined : positionOf(text, issue.path);
    const at = position === undefined ? "" : ` (line ${position.line}, column ${position.column})`;
    if (issue.code === "unrecognized_keys") {
      const prefix = key === "" ? "" : `${key}.`;
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${prefix}${k}\``).join(", ")}${at}`;
    }
    const received = valueAt(input, issue.path);
    const got = received === undefined ? "" : ` (got ${truncate(JSON.stringify(received))})`;
    return `\`${key || "(root)"}\`${at}: ${issue.message}${got}`;
  });
  const where = source === "embedded" ? "" : ` ${source}`;
  return new SyncError("CONFIG_INVALID", `Config${where} is invalid: ${issues.join("; ")}.`);
}

function valueAt(input: unknown, keyPath: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const part of keyPath) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function truncate(text: string | undefined, max = 60): string {
  if (text === undefined) return "undefined";
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

/**
 * Writes a config file atomically with mode 0600 (it may name remotes with secrets in their
 * connection strings). Validates first: an invalid config is never written.
 */
export async function writeConfigFile(configPath: string, input: ConfigInput): Promise<void> {
  const result = configSchema.safeParse(input);
  if (!result.success) throw zodToConfigError(result.error, input, configPath);
  resolveConfig(result.data, { baseDir: path.dirname(configPath), source: configPath });
  await mkdir(path.dirname(configPath), { recursive: true });
  const temporary = `${configPath}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(input, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, configPath);
}

export { configError };
