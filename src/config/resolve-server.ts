/**
 * Where the daemon's HTTP server listens: the config's `server`, overridden by
 * JUNMAI_SYNC_LISTEN or `--listen` (`127.0.0.1:7420`, `[::1]:0`, `0.0.0.0:7420`, `off`).
 */
import path from "node:path";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import type { ServerSettings } from "./server-schema.js";

export interface ResolvedServer {
  readonly enabled: boolean;
  readonly host: string;
  readonly port: number;
  readonly corsOrigins: readonly string[];
  /** Absolute folders /uploads may read beyond loopback (resolve-server resolves them). */
  readonly allowedRoots?: readonly string[];
  readonly maxStreams?: number;
  readonly maxStreamsPerClient?: number;
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export function resolveServer(settings: ServerSettings, env: NodeJS.ProcessEnv): ResolvedServer {
  const listen = env.JUNMAI_SYNC_LISTEN?.trim();
  const base: ResolvedServer = {
    enabled: settings.enabled,
    host: settings.host,
    port: settings.port,
    corsOrigins: Object.freeze([...settings.corsOrigins]),
    allowedRoots: Object.freeze(settings.allowedRoots.map((root) => path.resolve(root))),
    maxStreams: settings.maxStreams,
    maxStreamsPerClient: settings.maxStreamsPerClient,
  };
  if (listen === undefined || listen === "") return Object.freeze(base);
  return Object.freeze(withListen(base, listen, "JUNMAI_SYNC_LISTEN"));
}

/** The server settings with a `--listen`-style value applied (`off` turns the server off). */
export function withListen(server: ResolvedServer, listen: string, name: string): ResolvedServer {
  if (listen === "off") return { ...server, enabled: false };
  return { ...server, enabled: true, ...parseListen(listen, name) };
}

export function parseListen(text: string, name: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  const host = match?.[1] ?? match?.[2];
  if (match === null || host === undefined || !Number.isInteger(port) || port > 65535) {
    throw new SyncError("USAGE", say("errors.listen", { name, text }), { hint: say("errors.listenHint") });
  }
  return { host, port };
}

/** True for addresses only this computer can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(?:\.\d{1,3}){3}$/.test(bare);
}
