/**
 * This worker among the others sharing the queue: it registers itself and keeps its heartbeat,
 * counts the live others (a group takes every slot of a destination, so with others waiting
 * the engine lets one of them have the next), and takes back jobs of workers that stopped.
 */
import type { Job } from "../domain/job.js";
import type { JobStore, WorkerKind } from "../store/job-store.js";
import type { Logger } from "./events.js";
import { deadLocalOwners, parseOwnerId } from "./owner.js";

export interface WorkerPresenceOptions {
  readonly store: JobStore;
  readonly owner: string;
  readonly kind: WorkerKind;
  readonly clock: () => number;
  readonly logger: Logger;
}

export class WorkerPresence {
  readonly #options: WorkerPresenceOptions;
  #peers = 0;

  constructor(options: WorkerPresenceOptions) {
    this.#options = options;
  }

  /** Other workers that kept their heartbeat within three leases. */
  get peers(): number {
    return this.#peers;
  }

  /** Registers (or refreshes) this worker and counts the others. */
  async refresh(leaseMs: number): Promise<void> {
    const { store, owner, kind, clock } = this.#options;
    const parsed = parseOwnerId(owner);
    const now = clock();
    await store.upsertWorker({
      owner,
      host: parsed?.host ?? "",
      pid: parsed?.pid ?? process.pid,
      kind,
      startedAt: now,
      heartbeatAt: now,
    });
    await this.recount(leaseMs);
  }

  /**
   * Counts the others again without writing: asked once per poll while working, so a host that
   * just joined gets its share from the next group on — not a heartbeat later, by when a fast
   * host may have drained a whole batch alone.
   */
  async recount(leaseMs: number): Promise<void> {
    const { store, owner, clock } = this.#options;
    const now = clock();
    const workers = await store.listWorkers();
    this.#peers = workers.filter(
      (worker) => worker.owner !== owner && now - worker.heartbeatAt < 3 * leaseMs,
    ).length;
  }

  /** Gives back the jobs of workers whose lease ran out or whose process on this host is gone. */
  async recoverLeases(): Promise<readonly Job[]> {
    const { store, owner, clock, logger } = this.#options;
    const owners = (await store.leaseOwners()).filter((other) => other !== owner);
    const recovered = await store.recoverLeases(clock(), deadLocalOwners(owners));
    for (const job of recovered) {
      logger.info(
        { job: job.id, owner: parseOwnerId(job.leaseOwner ?? "")?.pid },
        "recovered job of a stopped worker",
      );
    }
    return recovered;
  }

  async remove(): Promise<void> {
    await this.#options.store.removeWorker(this.#options.owner).catch(() => undefined);
  }
}
