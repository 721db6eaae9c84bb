/**
 * The engine's record of how each destination is doing (domain/destination-health.ts per
 * destination): failures reported by jobs, probes of an offline destination (one at a time),
 * pauses that end by themselves, a destination too full for what waits, and publishing all of
 * it where `status` in any process can read it.
 */
import type { BackoffPolicy } from "../domain/backoff.js";
import type { Destination } from "../domain/destination.js";
import {
  DEFAULT_HEALTH_POLICY,
  DestinationHealth,
  type DestinationStatus,
  isConfigFault,
} from "../domain/destination-health.js";
import type { Hold } from "../domain/destination-schedule.js";
import { type ErrorInfo, SyncError, toSyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
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
  /** First check of a held destination (needs attention, full). */
  readonly heldCheckMs?: number | undefined;
  /** Called when waiting work may now run (a destination came back). */
  readonly wake: () => void;
  /** Told every status this board publishes (notifications follow it). */
  readonly onStatus?: ((status: DestinationStatus) => void) | undefined;
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
      heldChecks: {
        ...DEFAULT_HEALTH_POLICY.heldChecks,
        baseMs: options.heldCheckMs ?? DEFAULT_HEALTH_POLICY.heldChecks.baseMs,
      },
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

  /** Whether the named destination waits for a person (credentials, certificate …). */
  needsAttention(name: string): boolean {
    return this.#health.get(name)?.status.condition === "needs-attention";
  }

  /** Retry pressed (or the config changed): held and offline destinations try again now. */
  resume(name?: string): void {
    for (const [destination, health] of this.#health) {
      if (name !== undefined && destination !== name) continue;
      if (health.resume(this.#options.clock())) this.#publish(health);
    }
    this.#options.wake();
  }

  succeeded(destination: Destination): void {
    const health = this.of(destination);
    if (health.succeeded(this.#options.clock())) this.#publish(health);
  }

  /**
   * A destination too full for what waits is shown where `status` shows health: as `full`
   * with DESTINATION_FULL and the numbers, until there is room again.
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
      "DESTINATION_FULL",
      say("stored.destinationTooFull", { destination: destination.name, free, needed }),
      { hint: say("faults.freeSpaceHint") },
    ).toInfo();
    const now = this.#options.clock();
    const status: DestinationStatus = {
      ...health.status,
      condition: "full",
      reason,
      since: now,
      until: full.until,
      space: { freeBytes: free, neededBytes: needed },
    };
    this.#options.onStatus?.(status);
    this.#options.store.setDestinationStatus(status, now).catch(() => undefined);
  }

  /**
   * One check at a time per destination: an offline one is probed (can we reach it again?), one
   * that needs attention is listed (are the credentials, certificate, bucket right now?), a full
   * one is asked for its free space. A passed check of a held destination lets one job try.
   */
  #probe(destination: Destination, health: DestinationHealth): void {
    if (this.#probing.has(destination.name)) return;
    this.#probing.add(destination.name);
    const { condition } = health.status;
    const checking =
      condition === "full" ? this.#checkSpace(destination, health) : this.#checkReach(destination, health);
    void checking
      .catch((error: unknown) => {
        // A check that could not even run (rclone restarting) counts as a failed one.
        const info = toSyncError(error, "REMOTE_UNREACHABLE").toInfo();
        if (condition === "offline") health.probed(info, this.#options.clock());
        else health.checked(false, this.#options.clock());
      })
      .finally(() => this.#probing.delete(destination.name));
  }

  async #checkReach(destination: Destination, health: DestinationHealth): Promise<void> {
    const { clock, logger } = this.#options;
    const check = await this.#options.transport.checkDestination(destination, AbortSignal.timeout(60_000));
    const error: ErrorInfo | null = check.ok
      ? null
      : {
          code: check.error?.code ?? "REMOTE_UNREACHABLE",
          message: check.error?.message ?? "The destination could not be reached.",
          hint: check.error?.hint ?? "",
          temporary: true,
          ...(check.error?.detail === undefined ? {} : { detail: check.error.detail }),
        };
    if (health.status.condition === "needs-attention") {
      health.checked(error === null, clock());
      if (error === null) {
        logger.warn({ destination: destination.name }, "destination passed its check; one upload tries");
        this.#options.wake();
      }
      return;
    }
    if (error !== null && isConfigFault(error.code)) {
      // Reachable after all, but refused: that needs a person, not more probes.
      this.failed(destination, error);
      return;
    }
    health.probed(error, clock());
    if (error === null) logger.warn({ destination: destination.name }, "destination is back online");
    this.#publish(health);
    if (error === null) this.#options.wake();
  }

  async #checkSpace(destination: Destination, health: DestinationHealth): Promise<void> {
    const space = await this.#options.transport.space?.(destination, AbortSignal.timeout(60_000));
    // No quota to ask about (WebDAV, SFTP): only a trial upload can tell.
    const room = space === undefined || space === null || space.freeBytes === null || space.freeBytes > 0;
    health.checked(room, this.#options.clock());
    if (room) this.#options.wake();
  }

  /** Writes a destination's health where `status` (any process) can read it. */
  #publish(health: DestinationHealth): void {
    this.#options.onStatus?.(health.status);
    this.#options.store
      .setDestinationStatus(health.status, this.#options.clock())
      .catch((error: unknown) =>
        this.#options.logger.debug({ err: toSyncError(error).message }, "destination status not recorded"),
      );
  }
}
