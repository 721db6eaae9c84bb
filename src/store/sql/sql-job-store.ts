/**
 * The JobStore of both SQL dialects, written once: each method is an operation of
 * store/sql/ run by the dialect (store/sqlite/ or store/postgres/) — alone, or in one
 * transaction where it reads before it writes. A dialect adds only how it opens and what it
 * alone can do (PostgreSQL's `subscribe`).
 */
import type { Batch, BatchSummary } from "../../domain/batch.js";
import { countsFrom } from "../../domain/batch.js";
import type { Delivery } from "../../domain/delivery.js";
import type { DestinationStatus } from "../../domain/destination-health.js";
import { SyncError } from "../../domain/errors.js";
import type { Job, JobEvent, JobState, StateCounts } from "../../domain/job.js";
import type { NewResumeState, ResumeState, TransportKind, UploadedPart } from "../../domain/resume.js";
import type {
  ApplyGuard,
  BandwidthOverride,
  ClaimRequest,
  EnqueueRequest,
  EnqueueResult,
  FileFingerprint,
  JobChange,
  JobQuery,
  JobStore,
  Pause,
  StoredDestinationStatus,
  TransferRate,
  WorkerRecord,
} from "../job-store.js";
import { enqueue, getBatch, listBatches } from "./batch-operations.js";
import * as batches from "./batch-queries.js";
import * as control from "./control-queries.js";
import type { SqlDialect } from "./dialect.js";
import { matchingFiles } from "./fingerprints.js";
import { applyEach, applyToAll, claim, recoverLeases } from "./job-changes.js";
import * as jobs from "./job-queries.js";
import { all, changes, first, mapAll, mapFirst, type Operation } from "./operation.js";
import * as resume from "./resume-queries.js";
import {
  rowToBatch,
  rowToDelivery,
  rowToJob,
  rowToOverride,
  rowToPause,
  rowToStatus,
  rowToWorker,
} from "./rows.js";
import {
  type ReportedRate,
  replaceTransferRates,
  rowToTransferRate,
  transferRates,
} from "./transfer-rates.js";
import { WrittenJobs } from "./written-jobs.js";

export class SqlJobStore implements JobStore {
  readonly #dialect: SqlDialect;
  /** Active jobs as this store last committed them: a group's record starts from these. */
  readonly #written = new WrittenJobs();
  readonly #remembered = (id: number): Job | undefined => this.#written.get(id);

  protected constructor(dialect: SqlDialect) {
    this.#dialect = dialect;
  }

  get #words() {
    return this.#dialect.words;
  }

  async enqueue(request: EnqueueRequest, now: number): Promise<EnqueueResult> {
    return this.#dialect.transaction(enqueue(this.#dialect, request, now), { durable: true });
  }

  async getJob(id: number): Promise<Job | undefined> {
    return this.#run(mapFirst(jobs.jobById(this.#words, id), rowToJob));
  }

  async listJobs(query: JobQuery): Promise<Job[]> {
    return this.#run(mapAll(jobs.jobPage(query), rowToJob));
  }

  async getBatch(id: number): Promise<BatchSummary | undefined> {
    return this.#run(getBatch(id));
  }

  async listBatches(limit: number): Promise<BatchSummary[]> {
    return this.#run(listBatches(limit));
  }

  async isBatchFinished(batchId: number): Promise<boolean> {
    return (await this.#run(first(jobs.unfinishedJob(batchId)))) === undefined;
  }

  async counts(): Promise<StateCounts> {
    const rows = await this.#run(all(jobs.stateCounts()));
    return countsFrom(rows.map((row) => ({ state: row.state, n: Number(row.n) })));
  }

  async claim(request: ClaimRequest, now: number): Promise<Job[]> {
    if (request.limit <= 0) return [];
    const claimed = await this.#dialect.transaction(claim(this.#dialect, request, now));
    this.#written.keep(claimed);
    return claimed;
  }

  async apply(id: number, event: JobEvent, now: number, guard: ApplyGuard = {}): Promise<Job> {
    const [result] = await this.applyEach([{ id, event }], now, guard);
    if (result instanceof SyncError) throw result;
    if (result === undefined) throw new SyncError("STORE_FAILED", `Job ${id} was not changed.`);
    return result;
  }

  async applyEach(
    changes: readonly JobChange[],
    now: number,
    guard: ApplyGuard = {},
  ): Promise<Array<Job | SyncError>> {
    if (changes.length === 0) return [];
    const results = await this.#dialect.transaction(
      applyEach(this.#dialect, changes, now, guard, this.#remembered),
    );
    this.#written.keep(results);
    return results;
  }

  async applyToAll(
    filter: { readonly states: readonly JobState[]; readonly batchId?: number | undefined },
    event: JobEvent,
    now: number,
  ): Promise<number> {
    if (filter.states.length === 0) return 0;
    // The jobs it changed are not known here; what was remembered of them fails its guard and is read again.
    return this.#dialect.transaction(applyToAll(this.#dialect, filter, event, now));
  }

  async renewLeases(
    owner: string,
    ids: readonly number[],
    leaseUntil: number,
    now: number,
  ): Promise<ReadonlySet<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.#run(all(jobs.renewLeases(this.#words, owner, ids, leaseUntil, now)));
    const held = new Set(rows.map((row) => Number(row.id)));
    this.#written.renewed(held, leaseUntil, now);
    return held;
  }

  async recoverLeases(now: number, deadOwners: readonly string[]): Promise<Job[]> {
    const recovered = await this.#dialect.transaction(recoverLeases(this.#dialect, now, deadOwners));
    this.#written.keep(recovered);
    return recovered;
  }

  async leaseOwners(): Promise<string[]> {
    const rows = await this.#run(all(jobs.leaseOwners()));
    return rows.flatMap((row) => (row.lease_owner === null ? [] : [row.lease_owner]));
  }

  async queuedSources(destination: string, files: readonly FileFingerprint[]): Promise<Set<string>> {
    return this.#run(
      matchingFiles(files, (paths) => all(jobs.jobsBySource(this.#words, destination, paths))),
    );
  }

  async deliveredRemotePaths(destination: string, files: readonly FileFingerprint[]): Promise<Set<string>> {
    return this.#run(
      matchingFiles(files, (paths) => all(jobs.deliveredJobsAt(this.#words, destination, paths))),
    );
  }

  async findOpenBatch(key: string, now: number): Promise<Batch | undefined> {
    return this.#run(mapFirst(batches.openBatch(key, now), rowToBatch));
  }

  async setPaused(scope: string, paused: boolean, now: number): Promise<void> {
    await this.#run(control.pauseOrResume(this.#dialect, scope, paused, now));
  }

  async listPauses(): Promise<Pause[]> {
    return this.#run(mapAll(control.pauses(), rowToPause));
  }

  async setBandwidthOverride(
    scope: string,
    bytesPerSecond: number | null | undefined,
    now: number,
  ): Promise<void> {
    await this.#run(changes(control.setBandwidthOverride(scope, bytesPerSecond, now)));
  }

  async listBandwidthOverrides(): Promise<BandwidthOverride[]> {
    return this.#run(mapAll(control.bandwidthOverrides(), rowToOverride));
  }

  async setShareLink(id: number, url: string): Promise<void> {
    await this.#run(changes(jobs.setShareLink(id, url)));
  }

  async queuedBytes(destination: string): Promise<number> {
    return Number((await this.#run(first(jobs.queuedBytes(destination))))?.bytes ?? 0);
  }

  async uploadedBytesSince(destination: string, since: number): Promise<number> {
    return Number((await this.#run(first(jobs.uploadedBytesSince(destination, since))))?.bytes ?? 0);
  }

  async announceBatch(batchId: number, now: number): Promise<boolean> {
    return (await this.#run(changes(batches.announceBatch(batchId, now)))) === 1;
  }

  async batchesDueForAnnouncement(now: number, limit: number): Promise<number[]> {
    return this.#run(mapAll(batches.batchesDueForAnnouncement(now, limit), (row) => Number(row.id)));
  }

  async claimNotification(batchId: number, now: number, until: number): Promise<boolean> {
    return (await this.#run(changes(batches.claimNotification(batchId, now, until)))) === 1;
  }

  async markNotified(batchId: number, now: number): Promise<void> {
    await this.#run(changes(batches.markNotified(batchId, now)));
  }

  async batchesAwaitingNotification(now: number, since: number, limit: number): Promise<number[]> {
    return this.#run(mapAll(batches.batchesAwaitingNotification(now, since, limit), (row) => Number(row.id)));
  }

  async findDelivery(destination: string, remotePath: string): Promise<Delivery | undefined> {
    return this.#run(mapFirst(jobs.deliveryAt(destination, remotePath), rowToDelivery));
  }

  async listDeliveries(sourcePath: string): Promise<Delivery[]> {
    return this.#run(mapAll(jobs.deliveriesOf(sourcePath), rowToDelivery));
  }

  async setDestinationStatus(status: DestinationStatus, now: number): Promise<void> {
    await this.#run(changes(control.setDestinationStatus(status, now)));
  }

  async listDestinationStatus(): Promise<StoredDestinationStatus[]> {
    return this.#run(mapAll(control.destinationStatuses(), rowToStatus));
  }

  async upsertWorker(worker: WorkerRecord): Promise<void> {
    await this.#run(changes(control.upsertWorker(worker)));
  }

  async removeWorker(owner: string): Promise<void> {
    await this.#run(changes(control.removeWorker(owner)));
  }

  async reportTransferRates(owner: string, rates: readonly ReportedRate[], now: number): Promise<void> {
    await this.#dialect.transaction(replaceTransferRates(owner, rates, now));
  }

  async listTransferRates(): Promise<TransferRate[]> {
    return this.#run(mapAll(transferRates(), rowToTransferRate));
  }

  async listWorkers(): Promise<WorkerRecord[]> {
    return this.#run(mapAll(control.workers(), rowToWorker));
  }

  async getResumeState(jobId: number): Promise<ResumeState | undefined> {
    return this.#run(resume.getResumeState(jobId));
  }

  async beginResume(state: NewResumeState): Promise<void> {
    await this.#dialect.transaction(resume.beginResume(state));
  }

  async recordPart(jobId: number, uploadId: string, part: UploadedPart): Promise<void> {
    await this.#run(changes(resume.upsertResumePart(jobId, uploadId, part)));
  }

  async endResume(jobId: number): Promise<void> {
    await this.#dialect.transaction(resume.endResume(jobId));
  }

  async setTransferInfo(jobId: number, transport: TransportKind, resumedFrom: number | null): Promise<void> {
    await this.#run(changes(resume.setTransferInfo(jobId, transport, resumedFrom)));
    // Its bytes changed outside `transition`: what was remembered of it is no longer what it is.
    this.#written.forget(jobId);
  }

  async staleResumes(before: number, limit: number): Promise<ResumeState[]> {
    return this.#run(resume.staleResumes(before, limit));
  }

  async close(): Promise<void> {
    this.#written.clear();
    await this.#dialect.close();
  }

  #run<T>(operation: Operation<T>): Promise<T> {
    return this.#dialect.run(operation);
  }
}
