/**
 * One daemon per data directory. The daemon holds `daemon.lock` there: a small JSON file with
 * its pid, when it started (and the OS's own start time of that pid), its host and — once it
 * listens — its dashboard. The file is created atomically (written under a temporary name, then
 * hard-linked to the lock name, which fails if it exists), so a reader never sees half a lock.
 *
 * A lock whose holder is gone (kill -9, power loss) is taken over; so is one whose pid now
 * belongs to another program (its start time differs) and one that is not a lock at all
 * (garbage). Taking over happens under a short-lived `daemon.lock.takeover` folder, so of two
 * daemons starting at once over a stale lock exactly one wins.
 */
import { randomBytes } from "node:crypto";
import {
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { SyncError } from "../domain/errors.js";
import { say, withInstants } from "../i18n/message.js";
import { hostId } from "../platform/host.js";
import { isProcessAlive } from "../platform/process.js";
import { processStartTime } from "../platform/process-start.js";

export const DAEMON_LOCK_FILE = "daemon.lock";
/** A takeover folder older than this belongs to a process that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;
const ATTEMPTS = 50;

export interface LockHolder {
  readonly pid: number;
  /** ISO time the daemon started. */
  readonly since: string;
  readonly host: string;
  /** The OS's start time of `pid` when it took the lock (absent where the OS cannot say). */
  readonly processStart?: string;
  readonly dashboard?: string;
  /** Tells this holder's file from a later one's. */
  readonly token: string;
}

export interface DaemonLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Records where the dashboard listens, for the message a second daemon prints. */
  setDashboard(url: string): void;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

export type LockState =
  | { readonly kind: "free" }
  | { readonly kind: "held"; readonly holder: LockHolder }
  | { readonly kind: "stale"; readonly why: "dead" | "reused" | "garbage" };

/** Takes the lock or throws DAEMON_RUNNING (another live daemon) / DATA_DIR_UNUSABLE. */
export function acquireDaemonLock(dataDir: string, now: Date = new Date()): DaemonLock {
  const file = path.join(dataDir, DAEMON_LOCK_FILE);
  ensureWritable(dataDir);
  const holder: LockHolder = {
    pid: process.pid,
    since: now.toISOString(),
    host: hostId(),
    ...optional("processStart", processStartTime(process.pid)),
    token: randomBytes(8).toString("hex"),
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (tryCreate(file, holder)) return heldLock(file, holder);
    const state = inspect(file);
    if (state.kind === "held") throw alreadyRunning(state.holder, dataDir);
    if (state.kind === "stale") takeOver(file);
    else pause(20);
    // "free": it vanished between our create and our read; go round again.
  }
  throw new SyncError("DATA_DIR_UNUSABLE", say("daemonLock.contended", { file }));
}

/** What the lock file says now, without taking it (`service status`). */
export function readDaemonLock(dataDir: string): LockState {
  return inspect(path.join(dataDir, DAEMON_LOCK_FILE));
}

function inspect(file: string): LockState {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error: unknown) {
    if (codeOf(error) === "ENOENT") return { kind: "free" };
    throw new SyncError("DATA_DIR_UNUSABLE", say("daemonLock.unreadable", { file }), { cause: error });
  }
  const holder = parseHolder(text);
  if (holder === undefined) return { kind: "stale", why: "garbage" };
  // A daemon on another machine (a data dir on a shared drive) cannot be checked from here.
  if (holder.host !== hostId()) return { kind: "held", holder };
  if (!isProcessAlive(holder.pid)) return { kind: "stale", why: "dead" };
  const started = processStartTime(holder.pid);
  if (holder.processStart !== undefined && started !== undefined && started !== holder.processStart) {
    return { kind: "stale", why: "reused" };
  }
  return { kind: "held", holder };
}

function tryCreate(file: string, holder: LockHolder): boolean {
  const temporary = `${file}.${holder.pid}.${holder.token}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(holder)}\n`, { mode: 0o644 });
  } catch (error: unknown) {
    throw unusable(path.dirname(file), error);
  }
  try {
    linkSync(temporary, file);
    return true;
  } catch (error: unknown) {
    if (codeOf(error) === "EEXIST") return false;
    // File systems without hard links (FAT, some network shares): exclusive create instead.
    if (["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes(codeOf(error) ?? "")) {
      try {
        writeFileSync(file, `${JSON.stringify(holder)}\n`, { flag: "wx" });
        return true;
      } catch (inner: unknown) {
        if (codeOf(inner) === "EEXIST") return false;
        throw unusable(path.dirname(file), inner);
      }
    }
    throw unusable(path.dirname(file), error);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Removes a stale lock, unless someone else is doing the same or took it meanwhile. */
function takeOver(file: string): void {
  const guard = `${file}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error: unknown) {
    if (codeOf(error) !== "EEXIST") throw unusable(path.dirname(file), error);
    if (ageMs(guard) > TAKEOVER_STALE_MS) rmSync(guard, { recursive: true, force: true });
    else pause(20);
    return;
  }
  try {
    // Judged again under the guard: it may have been replaced by a live daemon's lock.
    if (inspect(file).kind === "stale") rmSync(file, { force: true });
  } finally {
    rmdirSync(guard);
  }
}

function heldLock(file: string, initial: LockHolder): DaemonLock {
  let holder = initial;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    const current = parseHolder(readOrEmpty(file));
    if (current?.token === holder.token) rmSync(file, { force: true });
  };
  // Also on an exit that skips the caller's finally (process.exit from a second Ctrl-C).
  process.on("exit", release);
  return {
    file,
    get holder() {
      return holder;
    },
    setDashboard(url) {
      if (released) return;
      holder = { ...holder, dashboard: url };
      // Replaced by rename: the lock name never stops existing, and never holds half a file.
      const temporary = `${file}.${holder.token}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(holder)}\n`);
      renameSync(temporary, file);
    },
    release,
  };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder> | null;
    if (value === null || typeof value !== "object") return undefined;
    const { pid, since, host, token } = value;
    if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return undefined;
    if (typeof since !== "string" || typeof host !== "string" || typeof token !== "string") return undefined;
    return {
      pid,
      since,
      host,
      token,
      ...optional("processStart", typeof value.processStart === "string" ? value.processStart : undefined),
      ...optional("dashboard", typeof value.dashboard === "string" ? value.dashboard : undefined),
    };
  } catch {
    return undefined;
  }
}

function alreadyRunning(holder: LockHolder, dataDir: string): SyncError {
  // An instant, written by each reader's edge as `status` writes the same daemon's start.
  const since = Date.parse(holder.since);
  const params = { pid: holder.pid, since: Number.isNaN(since) ? holder.since : since, dataDir };
  const ref =
    holder.host !== hostId()
      ? say("daemonLock.heldElsewhere", { ...params, host: holder.host })
      : holder.dashboard === undefined
        ? say("daemonLock.held", params)
        : say("daemonLock.heldWithDashboard", { ...params, dashboard: holder.dashboard });
  const message = Number.isNaN(since) ? ref : withInstants(ref, "since");
  return new SyncError("DAEMON_RUNNING", message, {
    ...(holder.host !== hostId()
      ? { hint: say("daemonLock.heldElsewhereHint", { file: path.join(dataDir, DAEMON_LOCK_FILE) }) }
      : {}),
  });
}

function ensureWritable(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error: unknown) {
    throw unusable(dataDir, error);
  }
}

function unusable(dataDir: string, error: unknown): SyncError {
  const code = codeOf(error);
  const readOnly = code === "EROFS" || code === "EACCES" || code === "EPERM";
  return new SyncError(
    "DATA_DIR_UNUSABLE",
    readOnly
      ? say("daemonLock.readOnly", { dataDir, user: os.userInfo().username })
      : say("daemonLock.cannotCreate", { dataDir }),
    { cause: error, detail: error instanceof Error ? error.message : String(error) },
  );
}

/** A short synchronous wait while another process finishes creating or taking over the lock. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

function optional<Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } {
  return (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}
