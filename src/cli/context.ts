/** What every command shares: the global options, opening the service, and output helpers. */
import pino from "pino";
import { SyncService } from "../app/sync-service.js";
import type { Logger } from "../engine/events.js";
import type { WorkerKind } from "../store/job-store.js";
import { type Colors, colorsFor } from "./render/format.js";

export interface GlobalOptions {
  readonly config?: string;
  readonly dataDir?: string;
  readonly rcloneConfig?: string;
  readonly logLevel: string;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export interface CommandContext {
  readonly globals: GlobalOptions;
  readonly out: NodeJS.WriteStream;
  readonly err: NodeJS.WriteStream;
  readonly colors: Colors;
  readonly errColors: Colors;
  readonly logger: Logger;
  /** Ends the process at once (the second Ctrl-C); only the entry point may exit. */
  readonly exit: (code: number) => never;
  /** Opens the service with the global options; the caller closes it. */
  open(kind?: WorkerKind): Promise<SyncService>;
}

export function createContext(globals: GlobalOptions, exit: (code: number) => never): CommandContext {
  // Logs are for operators and go to stderr as JSON lines; stdout stays for results.
  const logger = pino(
    { level: globals.logLevel, base: { pid: process.pid } },
    pino.destination({ fd: 2, sync: true }),
  );
  return {
    globals,
    out: process.stdout,
    err: process.stderr,
    colors: colorsFor(process.stdout),
    errColors: colorsFor(process.stderr),
    logger,
    exit,
    open: (kind) =>
      SyncService.open({
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
