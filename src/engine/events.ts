/** Typed events the engine emits; the CLI's progress bars and (later) the dashboard subscribe. */
import type { BatchSummary } from "../domain/batch.js";
import type { DestinationStatus } from "../domain/destination-health.js";
import type { Job } from "../domain/job.js";

export interface JobProgress {
  readonly job: Job;
  readonly bytesDone: number;
  readonly sizeBytes: number | null;
  /** Bytes per second. */
  readonly speed: number;
  readonly etaSeconds: number | null;
}

export interface EngineEvents {
  /** A worker took the job and starts transferring. */
  started: [job: Job];
  progress: [progress: JobProgress];
  /** Any state change this engine made (also emitted alongside the specific events below). */
  changed: [job: Job];
  completed: [job: Job];
  skipped: [job: Job];
  retrying: [job: Job];
  failed: [job: Job];
  /** The last job of a batch reached a final state. */
  batchCompleted: [summary: BatchSummary];
  /** A destination's health changed (offline, needs attention, full, back online …). */
  destination: [status: DestinationStatus];
}

export type LogFn = (fields: Record<string, unknown>, message: string) => void;

/** Injected logging (pino fits it); the engine never writes to the console. */
export interface Logger {
  readonly debug: LogFn;
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
}

const ignore: LogFn = () => undefined;
export const SILENT_LOGGER: Logger = Object.freeze({
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
});
