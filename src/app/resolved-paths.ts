/**
 * Every path a run uses, resolved, for `doctor`: relative paths in a config resolve against the
 * config file's folder; with no config, everything is under ./var of the working directory.
 */
import path from "node:path";
import type { ResolvedPaths } from "../config/paths.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { API_TOKEN_FILE } from "./api-token.js";
import { DAEMON_LOCK_FILE } from "./daemon-lock.js";

export interface PathLine {
  /** What it is: "config file", "data dir", "watch[0]", "destination local" … */
  readonly name: string;
  readonly path: string;
  /** Where it came from: flag, env, embedded, os, config. */
  readonly from: string;
}

/** The daemon's log, relative to the data dir (written by the CLI's log sinks). */
const LOG_FILE = path.join("logs", "junmai-sync.log");
const SERVICE_LOG_FILE = path.join("logs", "service.log");

export function resolvedPathLines(paths: ResolvedPaths, config: ResolvedConfig | undefined): PathLine[] {
  const embedded = config?.source === "embedded";
  const lines: PathLine[] = [
    {
      name: "config file",
      path: paths.configPath,
      from: embedded ? "embedded default (no file there)" : paths.configExplicit ? "flag/env" : "os",
    },
    { name: "data dir", path: paths.dataDir, from: paths.dataDirSource },
  ];
  if (config === undefined || config.store.type === "sqlite") {
    lines.push({ name: "queue", path: path.join(paths.dataDir, "queue.db"), from: "data dir" });
  }
  lines.push(
    { name: "log", path: path.join(paths.dataDir, LOG_FILE), from: "data dir" },
    { name: "service log", path: path.join(paths.dataDir, SERVICE_LOG_FILE), from: "data dir" },
    { name: "daemon lock", path: path.join(paths.dataDir, DAEMON_LOCK_FILE), from: "data dir" },
    { name: "API token", path: path.join(paths.dataDir, API_TOKEN_FILE), from: "data dir" },
  );
  for (const rule of config?.watch ?? []) lines.push({ name: rule.key, path: rule.root, from: "config" });
  for (const destination of config?.destinations ?? []) {
    if (destination.kind === "local") {
      lines.push({ name: `destination ${destination.name}`, path: destination.root, from: "config" });
    }
  }
  if (config?.rclone.configPath !== undefined) {
    lines.push({ name: "rclone.conf", path: config.rclone.configPath, from: "config" });
  }
  return lines;
}
