/**
 * How long the worker loop may sleep when there is nothing to do. A daemon with an empty queue
 * should cost nothing: instead of looking every poll interval (twice a second), it sleeps until
 * the store says something changed (an enqueue by any process, see JobStore.subscribe), a
 * batch it saw finish while open closes, or — for stores whose change events can be missed
 * (a network share) — a long interval has passed. Work queued, running or coming due keeps
 * the ordinary poll.
 */
import type { StateCounts } from "../domain/job.js";

/** The longest sleep: the most an enqueue can wait when its change event is lost. */
export const IDLE_MAX_MS = 30_000;

export interface IdleInputs {
  /** Jobs the last poll started. */
  readonly claimed: number;
  /** Transfers running in this engine. */
  readonly active: number;
  readonly counts: StateCounts;
  /** When a batch this worker saw finish while still open closes. */
  readonly nextAnnouncementAt: number | undefined;
  readonly now: number;
  readonly pollIntervalMs: number;
}

/** Milliseconds to sleep, or undefined when the loop should poll as usual. */
export function idlePauseMs(inputs: IdleInputs): number | undefined {
  const { counts } = inputs;
  if (inputs.claimed > 0 || inputs.active > 0 || counts.pending + counts.retrying > 0) return undefined;
  const untilAnnouncement =
    inputs.nextAnnouncementAt === undefined
      ? IDLE_MAX_MS
      : Math.max(inputs.pollIntervalMs, inputs.nextAnnouncementAt - inputs.now);
  return Math.min(IDLE_MAX_MS, untilAnnouncement);
}
