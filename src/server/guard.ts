/**
 * Who may call what. Mutating calls always need the bearer token; on a server reachable from
 * other machines every call does. A loopback server also refuses foreign Host headers, so a web
 * page cannot reach it through DNS rebinding (a name of theirs that resolves to 127.0.0.1).
 */
import type { MiddlewareHandler } from "hono";
import { type ApiToken, tokenMatches } from "../app/api-token.js";
import { isLoopbackHost, type ResolvedServer } from "../config/resolve-server.js";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface GuardOptions {
  readonly server: ResolvedServer;
  readonly token: ApiToken;
  /** Paths anyone who may reach the server can load: the dashboard's own files, which hold no data. */
  readonly isPublic: (path: string) => boolean;
}

export function guard(options: GuardOptions): MiddlewareHandler {
  const loopbackOnly = isLoopbackHost(options.server.host);
  return async (c, next) => {
    if (loopbackOnly && !isLoopbackHost(hostnameOf(c.req.header("host")))) {
      throw new SyncError("HOST_NOT_ALLOWED", say("server.loopbackOnly"));
    }
    const needsToken = !options.isPublic(c.req.path) && (!loopbackOnly || !SAFE_METHODS.has(c.req.method));
    if (needsToken) {
      const presented = bearer(c.req.header("authorization"));
      if (presented === undefined || !tokenMatches(options.token, presented)) {
        c.header("WWW-Authenticate", 'Bearer realm="junmai-sync"');
        throw new SyncError(
          "UNAUTHORIZED",
          presented === undefined ? say("server.tokenNeeded") : say("server.tokenNotValid"),
        );
      }
    }
    await next();
  };
}

function bearer(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** `127.0.0.1:7420` → `127.0.0.1`, `[::1]:7420` → `::1`; a missing header is not loopback. */
function hostnameOf(host: string | undefined): string {
  if (host === undefined) return "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  return host.replace(/:\d+$/, "");
}
