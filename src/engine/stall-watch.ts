/**
 * Transfers that make no progress: no byte moved for `engine.stallSeconds` on any running job of
 * a destination (a group's files take turns, so the destination as a whole is what moves) — the
 * server accepted the connection and then went silent. Those jobs are stopped with
 * TRANSFER_STALLED and retried, instead of holding their slots for ever.
 */
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import type { ActiveJob } from "./active-jobs.js";

export class StallWatch {
  readonly #stallMs: number;
  /** Per running attempt: the bytes last seen and when they last changed (or when it started). */
  readonly #moved = new WeakMap<ActiveJob, { bytes: number; at: number }>();

  constructor(stallMs: number) {
    this.#stallMs = stallMs;
  }

  /** Progress reported for a running attempt. */
  progress(active: ActiveJob, bytesDone: number, now: number): void {
    const last = this.#moved.get(active);
    if (last === undefined || bytesDone !== last.bytes)
      this.#moved.set(active, { bytes: bytesDone, at: now });
  }

  /** Stops the running jobs of every destination whose uploads have not moved for the stall time. */
  sweep(actives: readonly ActiveJob[], now: number): void {
    const lastMove = new Map<string, number>();
    for (const active of actives) {
      if (!this.#moved.has(active)) this.#moved.set(active, { bytes: -1, at: now });
      const at = this.#moved.get(active)?.at ?? now;
      const name = active.destination.name;
      lastMove.set(name, Math.max(lastMove.get(name) ?? 0, at));
    }
    for (const active of actives) {
      const last = lastMove.get(active.destination.name) ?? now;
      if (active.job.state !== "uploading" || now - last < this.#stallMs) continue;
      if (active.controller.signal.aborted) continue;
      active.controller.abort(
        new SyncError(
          "TRANSFER_STALLED",
          say("faults.stalled", { seconds: Math.round(this.#stallMs / 1000) }),
        ),
      );
    }
  }
}
