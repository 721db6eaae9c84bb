/** Public links for delivered files (destinations with `link: true`), kept with their jobs. */
import type { Destination } from "../domain/destination.js";
import { toSyncError } from "../domain/errors.js";
import type { Job } from "../domain/job.js";
import type { JobStore } from "../store/job-store.js";
import type { Logger } from "./events.js";
import type { Transport } from "./transport.js";

export class ShareLinks {
  readonly #store: JobStore;
  readonly #transport: Transport;
  readonly #logger: Logger;
  /**
   * Per destination, whether its backend makes links, settled by the first request: the others
   * wait for it, so "cannot make links" is said once, not for every file uploaded meanwhile.
   */
  readonly #supported = new Map<string, Promise<boolean>>();

  constructor(store: JobStore, transport: Transport, logger: Logger) {
    this.#store = store;
    this.#transport = transport;
    this.#logger = logger;
  }

  /** Asks for the link of a completed job; a failure is logged, and the delivery stands. */
  async make(job: Job, destination: Destination): Promise<void> {
    if (!destination.link || job.state !== "completed" || this.#transport.publicLink === undefined) return;
    const known = this.#supported.get(destination.name);
    let settle: (supported: boolean) => void = () => undefined;
    if (known === undefined) {
      this.#supported.set(destination.name, new Promise((resolve) => (settle = resolve)));
    } else if (!(await known)) {
      return;
    }
    try {
      const url = await this.#transport.publicLink(destination, job.remotePath, AbortSignal.timeout(60_000));
      settle(true);
      await this.#store.setShareLink(job.id, url);
    } catch (error) {
      const syncError = toSyncError(error);
      settle(syncError.code !== "LINK_UNSUPPORTED");
      this.#logger.warn(
        { job: job.id, destination: destination.name, code: syncError.code, err: syncError.message },
        "no share link",
      );
    }
  }
}
