/**
 * The engine's record of how each destination is doing (domain/destination-health.ts per
 * destination): failures reported by jobs, probes of an offline destination (one at a time),
 * pauses that end by themselves, a destination too full for what waits, and publishing all of
 * it where `status` in any process can read it.
 */
import type { BackoffPolicy } from "../domain/backoff.js";
import type { Destination } from "../domain/destination.js";
import { DEFAULT_HEALTH_POLICY, DestinationHealth } from "../domain/destination-health.js";
import type { Hold } from "../domain/destination-schedule.js";
import { type ErrorInfo, SyncError, toSyncError } from "../domain/errors.js";
import type { JobStore } from "../store/job-store.js";
import type { Logger } from "./events.js";
import type { Transport } from "./transport.js";

export interface HealthBoardOptions {
  readonly store: JobStore;
  readonly transport: Transport;
  readonly destinations: readonly Destination[];
  readonly clock: () => number;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy | undefined;
  readonly random?: (() => number) | undefined;
  /** Called when waiting work may now run (a destination came back). */
  readonly wake: () => void;
}

export class HealthBoard {
  readonly #options: HealthBoardOptions;
  readonly #health = new Map<string, DestinationHealth>();
  readonly #probing = new Set<string>();
  /** Destinations held because what waits does not fit in their free space. */
  readonly #tooFull = new Set<string>();

  constructor(options: HealthBoardOptions) {
    this.#options = options;
    for (const destination of options.destinations) this.of(destination);
  }

  /** The destination's record; one added to the config while the engine runs gets a fresh one. */
  of(destination: Destination): DestinationHealth {
    const known = this.#health.get(destination.name);
    if (known !== undefined) return known;
    const options = this.#options;
    const policy = {
      ...DEFAULT_HEALTH_POLICY,
      backoff: options.backoff ?? DEFAULT_HEALTH_POLICY.backoff,
      quotaPauseMs: destination.quotaPauseMs,
    };
    const health = new DestinationHealth(
      destination.name,
      destination.concurrency,
      policy,
      options.clock(),
      options.random,
    );
    this.#health.set(destination.name, health);
    return health;
  }

  /** What an earlier run wrote (say, "offline" before a kill) is no longer true of this one. */
  publishAll(): void {
    for (const health of this.#health.values()) this.#publish(health);
  }

  /** Once per poll: end pauses that are over, and probe an offline destination when due. */
  tick(destination: Destination, now: number): void {
    const health = this.of(destination);
    if (health.resumeIfDue(now)) {
      this.#options.logger.warn({ destination: destination.name }, "destination resumes after its pause");
      this.#publish(health);
    }
    if (health.dueForProbe(now)) this.#probe(destination, health);
  }

  /** A job's failure; returns when the job should wait without spending its attempt, or null. */
  failed(destination: Destination, error: ErrorInfo): number | null {
    const health = this.of(destination);
    const verdict = health.failed(error, this.#options.clock());
    if (verdict.changed) {
      const { condition, until } = health.status;
      this.#options.logger.warn(
        { destination: destination.name, condition, code: error.code, until },
        `destination is ${condition}; its jobs wait`,
      );
      this.#publish(health);
      // Running siblings will fail the same way; a job waiting on it gets its slot back.
      this.#options.wake();
    }
    return verdict.deferUntil;
  }

  succeeded(destination: Destination): void {
    const health = this.of(destination);
    if (health.succeeded(this.#options.clock())) this.#publish(health);
  }

  /**
   * A destination too full for what waits is shown where `status` shows health: as a quota
   * pause with QUOTA_EXCEEDED and the numbers, until there is room again.
   */
  noteSpace(destination: Destination, hold: Hold | null): void {
    const full = hold !== null && hold.reason === "no-space" ? hold : null;
    if ((full !== null) === this.#tooFull.has(destination.name)) return;
    const health = this.of(destination);
    if (full === null) {
      this.#tooFull.delete(destination.name);
      this.#publish(health);
      return;
    }
    this.#tooFull.add(destination.name);
    const [free, needed] = [full.freeBytes ?? 0, full.neededBytes ?? 0];
    this.#options.logger.warn(
      { destination: destination.name, free, needed },
      "not enough space at the destination; holding",
    );
    const reason = new SyncError(
      "QUOTA_EXCEEDED",
      `${destination.name} has ${free} bytes free, and ${needed} bytes wait to upload there.`,
      {
        hint: "Free space at the destination (or raise its quota); uploads start by themselves once everything fits.",
      },
    ).toInfo();
    const now = this.#options.clock();
    this.#options.store
      .setDestinationStatus(
        { ...health.status, condition: "quota-paused", reason, since: now, until: full.until },
        now,
      )
      .catch(() => undefined);
  }

  /** One probe at a time per destination: can we reach it again? */
  #probe(destination: Destination, health: DestinationHealth): void {
    if (this.#probing.has(destination.name)) return;
    this.#probing.add(destination.name);
    const { clock, logger } = this.#options;
    void this.#options.transport
      .checkDestination(destination, AbortSignal.timeout(60_000))
      .then((check) => {
        const error: ErrorInfo | null = check.ok
          ? null
          : {
              code: "REMOTE_UNREACHABLE",
              message: check.error?.message ?? "The destination could not be reached.",
              hint: check.error?.hint ?? "",
              temporary: true,
            };
        health.probed(error, clock());
        if (error === null) logger.warn({ destination: destination.name }, "destination is back online");
        this.#publish(health);
        if (error === null) this.#options.wake();
      })
      .catch((error: unknown) => {
        // A probe that could not even run (rclone restarting) counts as a failed one.
        health.probed(toSyncError(error, "REMOTE_UNREACHABLE").toInfo(), clock());
      })
      .finally(() => this.#probing.delete(destination.name));
  }

  /** Writes a destination's health where `status` (any process) can read it. */
  #publish(health: DestinationHealth): void {
    this.#options.store
      .setDestinationStatus(health.status, this.#options.clock())
      .catch((error: unknown) =>
        this.#options.logger.debug({ err: toSyncError(error).message }, "destination status not recorded"),
      );
  }
}
