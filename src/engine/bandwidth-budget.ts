/**
 * Each destination with a limit of its own is a lane with its own rclone, whose global limit
 * (`core/bwlimit`) is the destination's rate: rclone's token bucket then shares it among that
 * destination's uploads as they start and end, so one lone upload gets the whole rate. Every
 * other destination shares one more lane (the process's main rclone). The global limit is
 * divided among the lanes with uploads running (domain/bandwidth-shares.ts) and divided again
 * each time an upload starts or ends, so all lanes together stay under it.
 *
 * Transports that send bytes themselves (not through rclone) draw from the same budget: see
 * `BandwidthTap` in transport.ts. A lane's rate is split between its rclone and its own token
 * bucket by the number of uploads each runs.
 */
import { type LaneRate, shareBandwidth } from "../domain/bandwidth-shares.js";
import type { Destination } from "../domain/destination.js";
import { toSyncError } from "../domain/errors.js";
import type { Logger } from "./events.js";
import { TokenBucket } from "./token-bucket.js";
import type { BandwidthTap } from "./transport.js";

/** The lane of the destinations without a limit of their own. */
export const SHARED_LANE = "*";

/**
 * A lane whose last upload ended keeps its share this long: the next file of a batch usually
 * starts within it, and each new limit set in rclone starts a new token bucket (with a fresh
 * burst), so flapping shares would let bursts through.
 */
const LINGER_MS = 1_000;

/** Sets the limit of a lane's rclone: a destination's own, or (undefined) the shared one. */
export type ApplyLimit = (destination: Destination | undefined, bytesPerSecond: LaneRate) => Promise<void>;

interface Lane {
  readonly destination: Destination | undefined;
  own: LaneRate;
  /** Uploads of this host sending through rclone, and through our own transports. */
  rclone: number;
  direct: number;
  /** Uploads of the destination on other hosts sharing the queue (its rate is theirs too). */
  peers: number;
  readonly bucket: TokenBucket;
  /** The limit last set in the lane's rclone; undefined: never. */
  applied: LaneRate | undefined;
  /** The lane's share now: what its uploads are held to together. */
  share: LaneRate;
  /** Until when an idle lane still counts as uploading (its last upload just ended). */
  lingerUntil: number;
}

/** An upload's hold on its destination's budget, from its first byte to its end. */
export interface Flow extends BandwidthTap {
  release(): void;
}

export class BandwidthBudget {
  readonly #apply: ApplyLimit | undefined;
  readonly #logger: Logger;
  readonly #lanes = new Map<string, Lane>();
  #global: LaneRate | undefined;
  #applying: Promise<void> = Promise.resolve();

  /** `apply` absent: the transport has no rclone to limit (only our own buckets are used). */
  constructor(apply: ApplyLimit | undefined, logger: Logger) {
    this.#apply = apply;
    this.#logger = logger;
    this.#lanes.set(SHARED_LANE, newLane(undefined));
  }

  /** The limit on all uploads together; never called: rclone's own setting is left alone. */
  setGlobal(bytesPerSecond: LaneRate): void {
    this.#global = bytesPerSecond;
  }

  /** A destination's own limit (it gets a lane of its own, kept from then on). */
  setOwn(destination: Destination, bytesPerSecond: LaneRate): void {
    let lane = this.#lanes.get(destination.name);
    if (lane === undefined) {
      lane = newLane(destination);
      this.#lanes.set(destination.name, lane);
    }
    lane.own = bytesPerSecond;
  }

  /** Uploads of the destination running on other hosts now (their share of its own rate). */
  setPeerUploads(destination: string, uploads: number): void {
    const lane = this.#lanes.get(destination);
    if (lane !== undefined) lane.peers = uploads;
  }

  /** Whether the destination has a lane of its own (it has, or had, a limit of its own). */
  hasOwnLane(destination: string): boolean {
    return this.#lanes.has(destination) && destination !== SHARED_LANE;
  }

  /** The limit the destination's uploads on this host are held to together now; null: none. */
  limitOf(destination: string): LaneRate {
    return this.#laneOf(destination).share;
  }

  /** An upload starts sending: the lanes are shared again before its first byte. */
  async begin(destination: Destination, uploads = 1): Promise<Flow> {
    const lane = this.#laneOf(destination.name);
    let kind: "rclone" | "direct" = "rclone";
    lane.rclone += uploads;
    await this.rebalance();
    let released = false;
    return {
      take: async (bytes, signal) => {
        if (kind === "rclone") {
          // The transport sends this upload itself: it draws from the lane's bucket from now on.
          kind = "direct";
          lane.rclone -= uploads;
          lane.direct += uploads;
          await this.rebalance();
        }
        await lane.bucket.take(bytes, signal);
      },
      release: () => {
        if (released) return;
        released = true;
        lane[kind] -= uploads;
        if (lane.rclone + lane.direct > 0) {
          void this.rebalance();
          return;
        }
        lane.lingerUntil = performance.now() + LINGER_MS;
        setTimeout(() => void this.rebalance(), LINGER_MS + 10).unref();
      },
    };
  }

  /** Shares the global rate among the lanes again and sets what changed; resolves once set. */
  rebalance(): Promise<void> {
    this.#applying = this.#applying.then(() => this.#applyAll());
    return this.#applying;
  }

  #laneOf(destination: string): Lane {
    return this.#lanes.get(destination) ?? (this.#lanes.get(SHARED_LANE) as Lane);
  }

  async #applyAll(): Promise<void> {
    const lanes = [...this.#lanes.entries()];
    const now = performance.now();
    const shares = shareBandwidth(
      this.#global ?? null,
      lanes.map(([name, lane]) => ({
        lane: name,
        own: ownOnThisHost(lane),
        active: lane.rclone + lane.direct > 0 || now < lane.lingerUntil,
      })),
    );
    for (const [name, lane] of lanes) {
      lane.share = shares.get(name) ?? null;
      const running = lane.rclone + lane.direct;
      // Split by uploads between the lane's rclone and its bucket; idle, each may use it all.
      const part = (count: number) =>
        lane.share === null || running === 0 ? lane.share : (lane.share * count) / running;
      lane.bucket.setRate(part(lane.direct));
      const target = part(lane.rclone);
      if (target === lane.applied || this.#apply === undefined) continue;
      // Never set anywhere: leave the shared rclone alone (RCLONE_BWLIMIT may be in use).
      if (name === SHARED_LANE && target === null && lane.applied === undefined && this.#global === undefined)
        continue;
      try {
        await this.#apply(lane.destination, target);
        lane.applied = target;
        this.#logger.info({ lane: name, bandwidth: target }, "bandwidth limit set");
      } catch (error) {
        // Tried again at the next rebalance (every poll).
        lane.applied = undefined;
        this.#logger.warn(
          { lane: name, err: toSyncError(error).message },
          "bandwidth limit could not be set; trying again",
        );
      }
    }
  }
}

function newLane(destination: Destination | undefined): Lane {
  return {
    destination,
    own: null,
    rclone: 0,
    direct: 0,
    peers: 0,
    bucket: new TokenBucket(),
    applied: undefined,
    share: null,
    lingerUntil: 0,
  };
}

/** A destination's rate is for all hosts together: this host's part, by uploads running. */
function ownOnThisHost(lane: Lane): LaneRate {
  if (lane.own === null || lane.peers === 0) return lane.own;
  const mine = Math.max(1, lane.rclone + lane.direct);
  return (lane.own * mine) / (mine + lane.peers);
}
