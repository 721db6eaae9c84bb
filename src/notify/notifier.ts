/**
 * Sends one message per finished batch to every configured channel that wants its outcome.
 * It listens to the service's `batchCompleted` (announced once across every worker sharing the
 * queue), works off to the side of the uploads, retries a failed send (2 s, 4 s, 8 s), logs what
 * it could not deliver, and never lets a channel slow down or stop an upload.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { buildBatchReport } from "../app/batch-report.js";
import type { SyncService } from "../app/sync-service.js";
import type { NamedNotifyChannel } from "../config/resolve.js";
import { backoffDelay } from "../domain/backoff.js";
import type { BatchSummary } from "../domain/batch.js";
import type { BatchReport } from "../domain/batch-report.js";
import { type SyncError, toSyncError } from "../domain/errors.js";
import type { Logger } from "../engine/events.js";
import { sendToChannel } from "./send-channel.js";

export const NOTIFY_RETRIES = 3;
/** At shutdown, messages still being sent get this long before they are given up. */
const CLOSE_GRACE_MS = 10_000;

export interface NotifyOutcome {
  readonly channel: string;
  readonly batchId: number;
  readonly ok: boolean;
  readonly attempts: number;
  readonly error?: SyncError;
}

export interface NotifierOptions {
  readonly logger: Logger;
  readonly env?: NodeJS.ProcessEnv;
  /** Told after each channel's last attempt (the daemon prints it). */
  readonly onOutcome?: (outcome: NotifyOutcome) => void;
  /** Between retries; injected so tests need not wait. */
  readonly delay?: (attempt: number) => number;
}

export class Notifier {
  readonly #service: SyncService;
  readonly #channels: readonly NamedNotifyChannel[];
  readonly #options: NotifierOptions;
  readonly #stop = new AbortController();
  readonly #sending = new Set<Promise<void>>();
  readonly #listener = (summary: BatchSummary) => this.#track(this.#announce(summary));

  constructor(service: SyncService, options: NotifierOptions) {
    this.#service = service;
    this.#channels = service.config.notify;
    this.#options = options;
    if (this.#channels.length > 0) service.on("batchCompleted", this.#listener);
  }

  /** Sends `report` to every channel (or the named one) now; used by `notify test`. */
  async sendNow(report: BatchReport, channelName?: string): Promise<NotifyOutcome[]> {
    const channels = this.#channels.filter(
      (channel) => channelName === undefined || channel.name === channelName,
    );
    return Promise.all(channels.map((channel) => this.#deliver(channel, report)));
  }

  async close(): Promise<void> {
    this.#service.off("batchCompleted", this.#listener);
    const pending = Promise.allSettled([...this.#sending]);
    const timer = setTimeout(() => this.#stop.abort(), CLOSE_GRACE_MS);
    await pending;
    clearTimeout(timer);
  }

  #track(work: Promise<void>): void {
    this.#sending.add(work);
    void work.finally(() => this.#sending.delete(work));
  }

  async #announce(summary: BatchSummary): Promise<void> {
    const outcome =
      summary.status === "failed" ? "failed" : summary.status === "completed" ? "completed" : undefined;
    if (outcome === undefined) return;
    const channels = this.#channels.filter((channel) => channel.on.includes(outcome));
    if (channels.length === 0) return;
    let report: BatchReport;
    try {
      report = await buildBatchReport(this.#service, summary);
    } catch (error: unknown) {
      this.#options.logger.error(
        { batch: summary.batch.id, code: toSyncError(error).code },
        "cannot read the batch for its notification",
      );
      return;
    }
    await Promise.all(channels.map((channel) => this.#deliver(channel, report)));
  }

  async #deliver(channel: NamedNotifyChannel, report: BatchReport): Promise<NotifyOutcome> {
    const { logger } = this.#options;
    const delay = this.#options.delay ?? ((attempt: number) => backoffDelay(attempt));
    let attempt = 0;
    for (;;) {
      attempt += 1;
      try {
        await sendToChannel(channel, report, this.#options.env);
        logger.info({ channel: channel.name, batch: report.batch.id, attempt }, "notification sent");
        return this.#done({ channel: channel.name, batchId: report.batch.id, ok: true, attempts: attempt });
      } catch (caught: unknown) {
        const error = toSyncError(caught, "NOTIFY_FAILED");
        const last = !error.temporary || attempt > NOTIFY_RETRIES || this.#stop.signal.aborted;
        // Only code and our own message: the cause may carry the webhook's secret address.
        logger.warn(
          { channel: channel.name, batch: report.batch.id, attempt, code: error.code, err: error.message },
          last ? "notification not delivered" : "notification failed; retrying",
        );
        const gaveUp = {
          channel: channel.name,
          batchId: report.batch.id,
          ok: false,
          attempts: attempt,
          error,
        };
        if (last) return this.#done(gaveUp);
        try {
          await sleep(delay(attempt), undefined, { signal: this.#stop.signal });
        } catch {
          // Shutting down: what was not sent by now is given up.
          return this.#done(gaveUp);
        }
      }
    }
  }

  #done(outcome: NotifyOutcome): NotifyOutcome {
    this.#options.onOutcome?.(outcome);
    return outcome;
  }
}
