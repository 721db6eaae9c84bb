/**
 * What the dashboard and any SSE client hear: this daemon's job changes and transfer progress
 * as they happen, and the queue's counts once a second while they change (which also covers
 * work other hosts do on a shared queue). One subscription to the service, fanned out.
 */

import type { QueueReader } from "../app/queue-reader.js";
import { subscribe } from "../app/service-events.js";
import type { StateCounts } from "../domain/job.js";
import { RateMeter } from "../domain/rate-meter.js";
import type { JobProgress } from "../engine/events.js";
import { batchView, jobView } from "./api-views.js";

export type LiveEvent =
  | { readonly type: "job"; readonly data: ReturnType<typeof jobView> }
  | { readonly type: "progress"; readonly data: ProgressView }
  | { readonly type: "batch"; readonly data: ReturnType<typeof batchView> }
  | { readonly type: "counts"; readonly data: StateCounts };

export interface ProgressView {
  readonly id: number;
  readonly batchId: number;
  readonly destination: string;
  readonly remotePath: string;
  readonly bytesDone: number;
  readonly sizeBytes: number | null;
  readonly percent: number;
  readonly speed: number;
  readonly etaSeconds: number | null;
}

type Listener = (event: LiveEvent) => void;

export class LiveEvents {
  readonly #service: QueueReader;
  readonly #listeners = new Set<Listener>();
  readonly #unsubscribe: () => void;
  readonly #countsIntervalMs: number;
  #countsTimer: NodeJS.Timeout | undefined;
  /** Per transfer in flight, for a speed where rclone gives none yet. */
  readonly #meters = new Map<number, RateMeter>();
  #lastCounts = "";
  #polling = false;

  constructor(service: QueueReader, countsIntervalMs = 1_000) {
    this.#service = service;
    this.#unsubscribe = subscribe(service, {
      changed: (job) => {
        if (job.state !== "uploading") this.#meters.delete(job.id);
        this.#emit({ type: "job", data: jobView(job) });
      },
      progress: (progress) => this.#emit({ type: "progress", data: this.#progressView(progress) }),
      batchCompleted: (summary) => this.#emit({ type: "batch", data: batchView(summary) }),
    });
    this.#countsIntervalMs = countsIntervalMs;
  }

  get listeners(): number {
    return this.#listeners.size;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    // Counts are polled only while someone listens: an idle daemon with no dashboard open
    // keeps no timer for them.
    if (this.#countsTimer === undefined) {
      this.#countsTimer = setInterval(() => void this.#pollCounts(), this.#countsIntervalMs);
      this.#countsTimer.unref();
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stopCounts();
    };
  }

  #stopCounts(): void {
    clearInterval(this.#countsTimer);
    this.#countsTimer = undefined;
    this.#lastCounts = "";
  }

  close(): void {
    this.#stopCounts();
    this.#unsubscribe();
    this.#listeners.clear();
    this.#meters.clear();
  }

  /**
   * rclone reports no speed for a transfer's first second (and none for a file of a group it
   * has not got to yet): the speed then comes from the bytes seen here, so every event a
   * client reads after the first carries a speed and an ETA.
   */
  #progressView(progress: JobProgress): ProgressView {
    const view = progressView(progress);
    let meter = this.#meters.get(view.id);
    if (meter === undefined) {
      meter = new RateMeter();
      this.#meters.set(view.id, meter);
    }
    meter.sample(view.bytesDone, Date.now());
    const speed = view.speed > 0 ? view.speed : (meter.speed ?? 0);
    const etaSeconds =
      view.etaSeconds ??
      (view.sizeBytes === null || speed <= 0 ? null : Math.ceil((view.sizeBytes - view.bytesDone) / speed));
    return { ...view, speed, etaSeconds };
  }

  #emit(event: LiveEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  async #pollCounts(): Promise<void> {
    // Nobody listening, or the last poll still waiting for a slow database: skip this tick.
    if (this.#listeners.size === 0 || this.#polling) return;
    this.#polling = true;
    try {
      const counts = await this.#service.getCounts();
      const text = JSON.stringify(counts);
      if (text !== this.#lastCounts) {
        this.#lastCounts = text;
        this.#emit({ type: "counts", data: counts });
      }
    } catch {
      // The store is away; the workers report that. Counts resume when it answers.
    } finally {
      this.#polling = false;
    }
  }
}

function progressView(progress: JobProgress): ProgressView {
  const { job } = progress;
  const sizeBytes = progress.sizeBytes ?? job.sizeBytes;
  return {
    id: job.id,
    batchId: job.batchId,
    destination: job.destination,
    remotePath: job.remotePath,
    bytesDone: progress.bytesDone,
    sizeBytes,
    percent:
      sizeBytes === null || sizeBytes === 0
        ? 0
        : Math.min(100, Math.floor((progress.bytesDone / sizeBytes) * 100)),
    speed: progress.speed,
    etaSeconds: progress.etaSeconds,
  };
}
