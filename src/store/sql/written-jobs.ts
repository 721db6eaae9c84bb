/**
 * The active jobs this store last wrote (claimed, transferred, renewed), as it wrote them. A
 * group's record starts from these instead of reading each job again: the conditional UPDATE
 * still compares the row with what it was (state, last change, lease owner), so a job someone
 * else changed since is simply not written — it is then read afresh and decided again, and
 * only a decision made on a fresh read is ever a refusal. Kept only after a commit, dropped
 * when the job leaves the active states, and bounded: a forgotten job costs one read.
 */
import { isActive, type Job } from "../../domain/job.js";

/** More than any worker runs at once (groups of 64 × concurrency), so it never evicts in use. */
const MAX_KEPT = 4096;

export class WrittenJobs {
  readonly #jobs = new Map<number, Job>();

  get(id: number): Job | undefined {
    return this.#jobs.get(id);
  }

  /** Keeps each job as committed while it is active and leased; forgets it otherwise. */
  keep(jobs: Iterable<Job | Error>): void {
    for (const job of jobs) {
      if (job instanceof Error) continue;
      this.#jobs.delete(job.id);
      if (!isActive(job.state) || job.leaseOwner === null) continue;
      if (this.#jobs.size >= MAX_KEPT) {
        const oldest = this.#jobs.keys().next();
        if (oldest.done !== true) this.#jobs.delete(oldest.value);
      }
      this.#jobs.set(job.id, job);
    }
  }

  /** The leases of `ids` were extended at `now` to `leaseUntil` (renewLeases, committed). */
  renewed(ids: Iterable<number>, leaseUntil: number, now: number): void {
    for (const id of ids) {
      const job = this.#jobs.get(id);
      if (job !== undefined) this.#jobs.set(id, { ...job, leaseExpiresAt: leaseUntil, updatedAt: now });
    }
  }

  /** The job was written outside `transition` (setTransferInfo's bytes): read it afresh next time. */
  forget(id: number): void {
    this.#jobs.delete(id);
  }

  clear(): void {
    this.#jobs.clear();
  }
}
