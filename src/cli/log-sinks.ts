/**
 * Where the CLI's logs go. stderr always (JSON, or readable lines when it is a terminal); the
 * daemon also keeps a JSON log file in the data directory (logs/junmai-sync.log, rotated at
 * 10 MB, five kept). Every string field passes through redactSecrets on its way out, so an
 * rclone line echoing a connection string cannot put a password in a log.
 */
import { copyFileSync, mkdirSync, renameSync, rmSync, statSync, truncateSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DestinationStream, Level, Logger as PinoLogger } from "pino";
import { redactSecrets } from "../domain/redact.js";
import type { LogFn, Logger } from "../engine/events.js";
import { t } from "../i18n/message.js";

type Pino = typeof import("pino");
const requireHere = createRequire(import.meta.url);

export const LOG_FILE = path.join("logs", "junmai-sync.log");
const ROTATE_BYTES = 10 * 1024 * 1024;
const KEEP_FILES = 5;
const ROTATE_CHECK_MS = 60_000;
/** The file keeps info and above, whatever stderr shows. */
const FILE_LEVEL: Level = "info";

export interface CliLog {
  readonly logger: Logger;
  /** Starts writing the log file in `dataDir`; returns its path. */
  attachFile(dataDir: string): string;
  close(): void;
}

export interface CliLogOptions {
  readonly stderr?: NodeJS.WriteStream;
  /** Rotate the file past this size (tests make it small). */
  readonly rotateBytes?: number;
}

/** pino's numbers for its level names; what a call must reach before pino is loaded at all. */
const LEVEL_VALUES: Readonly<Record<string, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

/**
 * pino and its streams are loaded on the first line that passes the level (or when the file is
 * attached), not when the command starts: `upload` and `status` usually log nothing, and
 * loading pino is a tenth of their start-up.
 */
export function createCliLog(stderrLevel: string, options: CliLogOptions = {}): CliLog {
  const stderr = options.stderr ?? process.stderr;
  const rotateBytes = options.rotateBytes ?? ROTATE_BYTES;
  let real: { pino: Pino; logger: PinoLogger; streams: ReturnType<Pino["multistream"]> } | undefined;
  const load = () => {
    if (real !== undefined) return real;
    const pino = requireHere("pino") as Pino;
    // `silent` on stderr still lets the daemon's file log what it should.
    const streams = pino.multistream(
      stderrLevel === "silent" ? [] : [{ stream: stderrStream(pino, stderr), level: asLevel(stderrLevel) }],
    );
    const logger = pino(
      {
        level: stderrLevel,
        base: { pid: process.pid },
        formatters: { log: (fields) => redactFields(fields) },
        hooks: {
          logMethod(args, method) {
            // The message itself may quote a secret too (a message built from rclone's text).
            const redacted = args.map((arg) => (typeof arg === "string" ? redactSecrets(arg) : arg));
            method.apply(this, redacted as Parameters<typeof method>);
          },
        },
      },
      streams,
    );
    real = { pino, logger, streams };
    return real;
  };
  let threshold = levelValue(stderrLevel);
  const method =
    (level: "debug" | "info" | "warn" | "error"): LogFn =>
    (fields, message) => {
      if ((LEVEL_VALUES[level] ?? 0) < threshold) return;
      load().logger[level](fields, message);
    };
  const logger: Logger = {
    debug: method("debug"),
    info: method("info"),
    warn: method("warn"),
    error: method("error"),
  };
  let file:
    | {
        destination: DestinationStream & { reopen(): void; flushSync(): void };
        timer: NodeJS.Timeout;
        healthy: () => boolean;
      }
    | undefined;
  return {
    logger,
    attachFile(dataDir) {
      const target = path.join(dataDir, LOG_FILE);
      if (file !== undefined) return target;
      mkdirSync(path.dirname(target), { recursive: true });
      rotateIfLarge(target, rotateBytes);
      const { pino, logger: pinoLogger, streams } = load();
      // Written synchronously: a few lines per job cost little, and a crash loses none.
      const destination = pino.destination({ dest: target, sync: true, mkdir: true });
      const guarded = tolerant(destination, target, stderr);
      streams.add({ stream: guarded, level: FILE_LEVEL });
      if (levelValue(pinoLogger.level) > levelValue(FILE_LEVEL)) pinoLogger.level = FILE_LEVEL;
      threshold = levelValue(pinoLogger.level);
      // A login service's stdout file (service install): its manager holds it open for appending,
      // so it is rotated by copying and truncating, which such a writer survives.
      const serviceLog = process.env.JUNMAI_SYNC_SERVICE_LOG?.trim() || undefined;
      if (serviceLog !== undefined) copyTruncateIfLarge(serviceLog, rotateBytes);
      const timer = setInterval(() => {
        if (rotateIfLarge(target, rotateBytes)) destination.reopen();
        if (serviceLog !== undefined) copyTruncateIfLarge(serviceLog, rotateBytes);
      }, ROTATE_CHECK_MS);
      timer.unref();
      file = { destination, timer, healthy: guarded.healthy };
      return target;
    },
    close() {
      if (file === undefined) return;
      clearInterval(file.timer);
      // With a write failing, flushSync would retry it for ever: what could not be written is lost.
      if (file.healthy()) file.destination.flushSync();
    },
  };
}

/** While a log file cannot be written, one more try this often. */
const LOG_RETRY_MS = 5_000;

interface TolerantStream extends DestinationStream {
  /** Whether the last write went through (a failed one stays buffered in the file stream). */
  readonly healthy: () => boolean;
}

/**
 * A full disk (ENOSPC) or a read-only one makes a synchronous write throw — inside whatever
 * logged, the engine included — and the file stream then retries its buffer on every write
 * (and for ever in flushSync). The log file must never take the daemon down: lines are dropped
 * while it fails, stderr says so once, and a write is tried again every few seconds.
 */
function tolerant(destination: DestinationStream, file: string, stderr: NodeJS.WriteStream): TolerantStream {
  let failedAt: number | null = null;
  return {
    healthy: () => failedAt === null,
    write(line: string) {
      if (failedAt !== null && Date.now() - failedAt < LOG_RETRY_MS) return;
      try {
        destination.write(line);
        failedAt = null;
      } catch (error: unknown) {
        if (failedAt === null) {
          const code = error instanceof Error && "code" in error ? String(error.code) : "error";
          stderr.write(`${t("faults.logDropped", { file, code })}\n`);
        }
        failedAt = Date.now();
      }
    },
  };
}

function stderrStream(pino: Pino, stderr: NodeJS.WriteStream): DestinationStream {
  if (stderr.isTTY && process.env.NO_COLOR === undefined) {
    // Loaded only for a person at a terminal: scripts and services get JSON and skip the cost.
    const pretty = requireHere("pino-pretty") as typeof import("pino-pretty");
    return pretty({ destination: 2, sync: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss" });
  }
  return pino.destination({ fd: 2, sync: true });
}

/** Moves junmai-sync.log to .1 (and .1 to .2 …) once it passes `limit` bytes; true when it did. */
function rotateIfLarge(file: string, limit: number): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size < limit) return false;
  shiftRotated(file);
  renameSync(file, `${file}.1`);
  return true;
}

/** Like rotateIfLarge, for a file someone else keeps open: copy to .1, then empty it in place. */
export function copyTruncateIfLarge(file: string, limit: number): boolean {
  try {
    if (statSync(file).size < limit) return false;
    shiftRotated(file);
    copyFileSync(file, `${file}.1`);
    truncateSync(file, 0);
    return true;
  } catch {
    // Not there yet, or not ours to rotate: the log matters less than the uploads.
    return false;
  }
}

function shiftRotated(file: string): void {
  rmSync(`${file}.${KEEP_FILES - 1}`, { force: true });
  for (let index = KEEP_FILES - 2; index >= 1; index -= 1) {
    try {
      renameSync(`${file}.${index}`, `${file}.${index + 1}`);
    } catch {
      // Not there yet.
    }
  }
}

function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = redactValue(value);
  return out;
}

function redactValue(value: unknown): unknown {
  if (typeof value === "string") return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object" && !(value instanceof Error)) {
    return redactFields(value as Record<string, unknown>);
  }
  return value;
}

function levelValue(level: string): number {
  return LEVEL_VALUES[level] ?? Number.POSITIVE_INFINITY;
}

function asLevel(level: string): Level {
  return (level in LEVEL_VALUES ? level : "warn") as Level;
}
