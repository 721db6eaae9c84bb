/**
 * Which Transport moves a job's bytes. The engine asks here and nowhere else. Every job goes
 * through the one transport the engine was given; in the service that is rclone behind our
 * resumable transport (transport/resumable-transport.ts), which moves files above a
 * destination's `resumableAbove` to S3 or SFTP itself and everything else through rclone — one
 * Transport, so the global bandwidth limit the schedule gate sets reaches both. A job such a
 * transport moves on its own (`transfersAlone`) never travels in a group.
 *
 * The schedule gate, health board and share links keep the engine's transport: the global
 * bandwidth limit, free space and public links are rclone's business whatever moves the bytes.
 */
import type { Destination } from "../domain/destination.js";
import type { Job } from "../domain/job.js";
import type { GroupTransport, Transport } from "./transport.js";

export class TransportChooser {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** The transport one job of `destination` runs through (its checks, transfer and verification). */
  forJob(_job: Job, _destination: Destination): Transport {
    return this.#transport;
  }

  /** The group transport claimed jobs of `destination` may travel through together, if any. */
  groupsFor(destination: Destination): GroupTransport | undefined {
    // Files of a destination that connects anew for each folder go one by one (transport.ts);
    // until its traits are known, a group finds out itself (run-group.ts).
    if (this.#transport.knownTraits?.(destination)?.connectsPerFolder === true) return undefined;
    // Read at each claim, not once: a transport may gain or lose its group transport.
    return this.#transport.group;
  }
}
