/**
 * The jobs an engine runs right now, and what they hold: transfer slots (a lone upload one; a
 * group all of its destination's while it uploads), bytes on their way, and each destination's
 * groups with the upload slots they share.
 */
import type { Destination } from "../domain/destination.js";
import type { Job } from "../domain/job.js";
import { SlotPool } from "./limited.js";

export interface ActiveJob {
  job: Job;
  readonly destination: Destination;
  readonly controller: AbortController;
  lastPersistAt: number;
  /**
   * Transfer slots it takes: 1 on its own until its transfer ends (its check, move into place
   * and record take none); a group's are carried by its first job while the group uploads (its
   * checks and moves take no upload slot).
   */
  slots: number;
  readonly inGroup: boolean;
  /** In a group that has not had upload slots yet: no bytes of it move (a reload may hand it back). */
  waiting: boolean;
}

export class ActiveJobs {
  readonly #jobs = new Map<number, ActiveJob>();
  readonly #groups = new Map<string, number>();
  /** Groups not uploading yet (checking their files, or waiting for slots). */
  readonly #waiting = new Map<string, number>();
  readonly #groupEnded = new Map<string, number>();
  readonly #slots = new Map<string, SlotPool>();
  /** Files per second each destination's group copies took (smoothed). */
  readonly #pace = new Map<string, number>();

  get size(): number {
    return this.#jobs.size;
  }

  add(active: ActiveJob): void {
    this.#jobs.set(active.job.id, active);
  }

  get(id: number): ActiveJob | undefined {
    return this.#jobs.get(id);
  }

  delete(id: number): void {
    this.#jobs.delete(id);
  }

  all(): ActiveJob[] {
    return [...this.#jobs.values()];
  }

  /** Transfer slots taken, of one destination or of all. */
  slotsInUse(destination?: Destination): number {
    let slots = 0;
    for (const active of this.#jobs.values()) {
      if (destination === undefined || active.destination.name === destination.name) slots += active.slots;
    }
    return slots;
  }

  /** Jobs of the destination running on their own (not in a group) that hold their slot. */
  singlesOf(destination: Destination): number {
    return this.#singles(destination, true);
  }

  /**
   * Jobs of the destination running on their own whose transfer has ended and gave its slot
   * back: they are being checked, moved into place and recorded while the next one uploads.
   */
  finishingOf(destination: Destination): number {
    return this.#singles(destination, false);
  }

  #singles(destination: Destination, holdingSlot: boolean): number {
    let singles = 0;
    for (const active of this.#jobs.values()) {
      if (active.inGroup || active.destination.name !== destination.name) continue;
      if (active.slots > 0 === holdingSlot) singles += 1;
    }
    return singles;
  }

  /** Bytes of the destination's running jobs (what they will add there). */
  bytesOf(destination: Destination): number {
    let bytes = 0;
    for (const active of this.#jobs.values()) {
      if (active.destination.name === destination.name) bytes += active.job.sizeBytes ?? 0;
    }
    return bytes;
  }

  groupsOf(destination: Destination): number {
    return this.#groups.get(destination.name) ?? 0;
  }

  /** When the destination's last group ended (-Infinity: none yet). */
  lastGroupEnd(destination: Destination): number {
    return this.#groupEnded.get(destination.name) ?? Number.NEGATIVE_INFINITY;
  }

  /** Groups of the destination that have not started uploading. */
  waitingOf(destination: Destination): number {
    return this.#waiting.get(destination.name) ?? 0;
  }

  /** A group of the destination starts (not uploading yet); returns the destination's upload slots. */
  groupStarted(destination: Destination): SlotPool {
    this.#groups.set(destination.name, this.groupsOf(destination) + 1);
    this.#waiting.set(destination.name, this.waitingOf(destination) + 1);
    let slots = this.#slots.get(destination.name);
    if (slots === undefined) {
      slots = new SlotPool(destination.concurrency);
      this.#slots.set(destination.name, slots);
    }
    return slots;
  }

  /** A group that was waiting has its first slots (or ended without uploading). */
  groupUploading(destination: Destination): void {
    this.#waiting.set(destination.name, Math.max(0, this.waitingOf(destination) - 1));
  }

  /**
   * A group's `files` took `ms` to get ready and be copied (its wait for upload slots not
   * counted): that pace sizes the destination's next groups.
   */
  groupCopied(destination: Destination, files: number, ms: number): void {
    if (files <= 0) return;
    const pace = (files * 1000) / Math.max(1, ms);
    const before = this.#pace.get(destination.name);
    // Smoothed: one group slowed by something else (a busy disk, a retried request) moves it half.
    this.#pace.set(destination.name, before === undefined ? pace : (before + pace) / 2);
  }

  /** Files per second the destination's group copies take, once one has been seen. */
  paceOf(destination: Destination): number | undefined {
    return this.#pace.get(destination.name);
  }

  groupEnded(destination: Destination, now: number): void {
    this.#groups.set(destination.name, Math.max(0, this.groupsOf(destination) - 1));
    this.#groupEnded.set(destination.name, now);
  }
}
