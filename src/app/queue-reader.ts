/**
 * Reading the queue: jobs and batches by id, what each destination of a batch received, the
 * queue's status, the workers alive, and the events that tell of every change. Nothing here
 * changes the queue, so what only watches it (the status report, metrics, live events) can ask
 * for this type alone. SyncService extends it with the operations that act, as Kysely's
 * `Kysely` extends its `QueryCreator`.
 */
import { EventEmitter } from "node:events";
import type { BatchSummary } from "../domain/batch.js";
import type { Job, StateCounts } from "../domain/job.js";
import type { Thumbnails } from "../media/thumbnails.js";
import type { JobQuery, WorkerRecord } from "../store/job-store.js";
import { type BatchDeliveries, batchDeliveries } from "./batch-deliveries.js";
import { batchHeldBy, type HeldBy } from "./held-batch.js";
import { batchById, jobById, type WaitOptions, waitForBatch } from "./job-lookups.js";
import { liveWorkers, type QueueStatus, readQueueStatus, type StatusSources } from "./queue-status.js";
import type { SyncEvents } from "./service-events.js";

/** What the queries read, as of the call: the store, the config in force, the clock, the caches. */
export interface ReadSources extends StatusSources {
  readonly thumbnails: () => Thumbnails;
}

export abstract class QueueReader extends EventEmitter<SyncEvents> {
  protected abstract readSources(): ReadSources;

  getUploadStatus(id: number): Promise<Job> {
    return jobById(this.readSources().store, id);
  }

  getBatchStatus(id: number): Promise<BatchSummary> {
    return batchById(this.readSources().store, id);
  }

  /** Per destination of a batch: the originals or which rendition, and what could not be made (batch view). */
  getBatchDeliveries(id: number): Promise<BatchDeliveries> {
    return batchDeliveries(this.readSources().store, id);
  }

  /** A small JPEG preview of a job's source photo (dashboard thumbnails), cached in the data dir. */
  async thumbnail(jobId: number): Promise<Buffer> {
    const job = await this.getUploadStatus(jobId);
    return this.readSources().thumbnails().of(job.sourcePath);
  }

  /** The queue now: counts, destinations (health, hold, bandwidth), workers and what is moving. */
  getQueueStatus(): Promise<QueueStatus> {
    return readQueueStatus(this.readSources());
  }

  /** Jobs per state over the whole queue (cheap: kept by the store, not counted). */
  getCounts(): Promise<StateCounts> {
    return this.readSources().store.counts();
  }

  listJobs(query: JobQuery): Promise<Job[]> {
    return this.readSources().store.listJobs(query);
  }

  listBatches(limit = 20): Promise<BatchSummary[]> {
    return this.readSources().store.listBatches(limit);
  }

  /** A daemon working on this queue, if one is alive. */
  async findDaemon(): Promise<WorkerRecord | undefined> {
    return (await this.liveWorkers()).find((worker) => worker.kind === "daemon");
  }

  /** Workers whose heartbeat is fresh (and, on this host, whose process exists). */
  liveWorkers(): Promise<WorkerRecord[]> {
    return liveWorkers(this.readSources());
  }

  /** The full integrity check of the queue (daemon start, `doctor`); throws STORE_CORRUPT. */
  async checkQueue(): Promise<void> {
    await this.readSources().store.checkIntegrity?.();
  }

  /** Destinations that need attention and hold every open job of the batch, or null (held-batch.ts). */
  batchHeldBy(batchId: number, since: number): Promise<HeldBy[] | null> {
    return batchHeldBy(this.readSources().store, batchId, since);
  }

  /** Polls a batch until it is finished (for waiting on work a daemon does). */
  waitForBatch(batchId: number, options: WaitOptions): Promise<BatchSummary> {
    return waitForBatch(this.readSources().store, batchId, options);
  }
}
