/** What every command shares: the global options, opening the service, and output helpers. */
import type { SyncService } from "../app/sync-service.js";
import type { Logger } from "../engine/events.js";
import type { Translator } from "../i18n/translator.js";
import type { WorkerKind } from "../store/job-store.js";
import { createCliLog } from "./log-sinks.js";
import { type Colors, colorsFor } from "./render/format.js";

export interface GlobalOptions {
  readonly config?: string;
  readonly dataDir?: string;
  readonly rcloneConfig?: string;
  readonly logLevel: string;
  /** Already applied by reader.ts before commander ran; kept for completeness. */
  readonly lang?: string;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export interface CommandContext {
  readonly globals: GlobalOptions;
  readonly out: NodeJS.WriteStream;
  readonly err: NodeJS.WriteStream;
  readonly colors: Colors;
  readonly errColors: Colors;
  /** The reader of this terminal: their language's messages and their locale's formats. */
  readonly tr: Translator;
  readonly logger: Logger;
  /** Ends the process at once (the second Ctrl-C); only the entry point may exit. */
  readonly exit: (code: number) => never;
  /** Opens the service with the global options; the caller closes it. */
  open(kind?: WorkerKind): Promise<SyncService>;
  /** Also keep a JSON log file in the data directory (the daemon does); returns its path. */
  attachLogFile(dataDir: string): string;
  /** Writes out buffered log lines (before the process exits). */
  flushLogs(): void;
}

export function createContext(
  globals: GlobalOptions,
  exit: (code: number) => never,
  tr: Translator,
): CommandContext {
  // Logs are for operators and go to stderr (JSON, or readable on a terminal); stdout stays for results.
  const log = createCliLog(globals.logLevel);
  const logger = log.logger;
  return {
    globals,
    out: process.stdout,
    err: process.stderr,
    colors: colorsFor(process.stdout),
    errColors: colorsFor(process.stderr),
    tr,
    logger,
    exit,
    attachLogFile: (dataDir) => log.attachFile(dataDir),
    flushLogs: () => log.close(),
    // Loaded when a command opens the queue, not before: `--help` and usage errors skip the cost.
    open: async (kind) =>
      (await import("../app/sync-service.js")).SyncService.open({
        ...(globals.config === undefined ? {} : { configPath: globals.config }),
        ...(globals.dataDir === undefined ? {} : { dataDir: globals.dataDir }),
        ...(globals.rcloneConfig === undefined ? {} : { rcloneConfigPath: globals.rcloneConfig }),
        logger,
        ...(kind === undefined ? {} : { workerKind: kind }),
      }),
  };
}

export function printJson(context: CommandContext, value: unknown): void {
  context.out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Opens the service, runs `work`, and always closes it (stopping rclone if it was started). */
export async function withService<T>(
  context: CommandContext,
  work: (service: SyncService) => Promise<T>,
  kind?: WorkerKind,
): Promise<T> {
  const service = await context.open(kind);
  try {
    return await work(service);
  } finally {
    await service.close();
  }
}
