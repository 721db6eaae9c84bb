/**
 * Gives up resumable uploads nobody will continue: their job was cancelled, completed another
 * way, or removed, or the upload began more than a week ago. S3 multipart uploads are aborted
 * (their parts cost storage until then) and SFTP partial files removed; a server that cannot
 * abort (s3rver, some S3-compatible stores) is named in the log, and its parts stay until the
 * bucket's lifecycle rule removes them. A failed job's upload is kept, so `retry` resumes it.
 */
import type { Destination } from "../domain/destination.js";
import { toSyncError } from "../domain/errors.js";
import type { JobStore } from "../store/job-store.js";
import type { Logger } from "./events.js";
import type { Transport } from "./transport.js";

/** A resumable upload older than this is given up (S3's own lifecycle rules use days too). */
export const RESUME_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;
const EVERY_MS = 30_000;
const BATCH = 20;

export class ResumeSweeper {
  readonly #store: JobStore;
  readonly #transport: Transport;
  readonly #destinations: readonly Destination[];
  readonly #log: Logger;
  readonly #clock: () => number;
  #lastAt = Number.NEGATIVE_INFINITY;
  #running: Promise<void> | undefined;

  constructor(
    store: JobStore,
    transport: Transport,
    destinations: readonly Destination[],
    log: Logger,
    clock: () => number,
  ) {
    this.#store = store;
    this.#transport = transport;
    this.#destinations = destinations;
    this.#log = log;
    this.#clock = clock;
  }

  /** Starts a sweep when the last one is old enough and none runs; never throws. */
  maybeSweep(): Promise<void> {
    if (this.#running !== undefined || this.#transport.discardResume === undefined) return Promise.resolve();
    if (this.#clock() - this.#lastAt < EVERY_MS) return Promise.resolve();
    this.#lastAt = this.#clock();
    this.#running = this.sweep()
      .catch((error: unknown) => {
        this.#log.warn({ err: toSyncError(error).message }, "stale resumable uploads could not be swept");
      })
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  async sweep(): Promise<void> {
    const discard = this.#transport.discardResume?.bind(this.#transport);
    if (discard === undefined) return;
    const stale = await this.#store.staleResumes(this.#clock() - RESUME_EXPIRY_MS, BATCH);
    for (const state of stale) {
      const destination = this.#destinations.find((candidate) => candidate.name === state.destination);
      const fields = { job: state.jobId, destination: state.destination, transport: state.transport };
      if (destination === undefined) {
        this.#log.info(fields, "resumable upload of a destination no longer configured forgotten");
      } else {
        try {
          const outcome = await discard(state, destination, AbortSignal.timeout(60_000));
          if (outcome === "unsupported") {
            this.#log.info(
              { ...fields, uploadId: state.uploadId },
              "the server cannot abort this multipart upload; its parts stay until the bucket's lifecycle rule removes them",
            );
          } else {
            this.#log.info({ ...fields, outcome }, "stale resumable upload aborted");
          }
        } catch (error) {
          // Unreachable now: tried again on a later sweep.
          this.#log.debug(
            { ...fields, err: toSyncError(error).message },
            "stale resumable upload not aborted yet",
          );
          continue;
        }
      }
      await this.#store.endResume(state.jobId);
    }
  }
}
