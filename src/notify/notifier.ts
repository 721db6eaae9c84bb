/**
 * Sends one message per finished batch to every configured channel that wants its outcome.
 * It listens to the service's `batchCompleted`, works off to the side of the uploads, retries a
 * failed send (2 s, 4 s, 8 s), logs what it could not deliver, and never lets a channel slow
 * down or stop an upload.
 *
 * What is owed is kept in the queue (NotificationLedger): a batch is claimed before sending and
 * marked sent after, so one daemon sends it even on a shared queue, and a batch whose message
 * did not go out (the daemon was stopped, or only a CLI worker ran) is sent by the next daemon
 * within a day. At least once: a kill between sending and marking sends it again.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { buildBatchReport } from "../app/batch-report.js";
import type { NotificationLedger } from "../app/notification-ledger.js";
import type { SyncService } from "../app/sync-service.js";
import type { NamedNotifyChannel } from "../config/resolve.js";
import { backoffDelay } from "../domain/backoff.js";
import type { BatchSummary } from "../domain/batch.js";
import { type BatchReport, isBatchReport, type Notice } from "../domain/batch-report.js";
import type { DestinationStatus } from "../domain/destination-health.js";
import type { DestinationReport } from "../domain/destination-report.js";
import { type SyncError, toSyncError } from "../domain/errors.js";
import type { Logger } from "../engine/events.js";
import { chooseLanguage, osLocale } from "../i18n/language.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import { hostId } from "../platform/host.js";
import { DestinationAlerts } from "./destination-alerts.js";
import { sendToChannel } from "./send-channel.js";

export const NOTIFY_RETRIES = 3;
/** At shutdown, messages still being sent get this long before they are given up. */
const CLOSE_GRACE_MS = 10_000;
/** A sender holds a batch this long; if it dies, another daemon sends the batch after it. */
const CLAIM_MS = 10 * 60_000;
/** Owed messages older than this are not sent late (a backlog from before channels existed). */
const OWED_WITHIN_MS = 24 * 60 * 60_000;
const CATCH_UP_EVERY_MS = 60_000;

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
  /**
   * Follow finished batches and send what is owed (the daemon; default). False for a one-off
   * sender such as `notify test`, which must not send real batches' messages.
   */
  readonly follow?: boolean;
}

export class Notifier {
  readonly #service: SyncService;
  readonly #channels: readonly NamedNotifyChannel[];
  readonly #options: NotifierOptions;
  readonly #stop = new AbortController();
  readonly #sending = new Set<Promise<void>>();
  readonly #ledger: NotificationLedger;
  readonly #tr: Translator;
  readonly #listener = (summary: BatchSummary) => this.#track(this.#announce(summary));
  readonly #alerts: DestinationAlerts;
  readonly #onDestination = (status: DestinationStatus) => this.#alerts.observe(status);
  #catchUpTimer: NodeJS.Timeout | undefined;
  #catchingUp: Promise<void> | undefined;

  constructor(service: SyncService, options: NotifierOptions) {
    this.#service = service;
    this.#channels = service.config.notify;
    this.#options = options;
    this.#ledger = service.notificationLedger();
    this.#tr = notificationReader(service.config);
    this.#alerts = new DestinationAlerts({
      offlineNotifyMs: service.config.engine.offlineNotifyMinutes * 60_000,
      host: hostId(),
      clock: Date.now,
      send: (report) => this.#track(this.#alert(report)),
    });
    if (this.#channels.length > 0 && options.follow !== false) {
      service.on("batchCompleted", this.#listener);
      service.on("destination", this.#onDestination);
      this.#track(this.catchUp());
      this.#catchUpTimer = setInterval(() => this.#track(this.catchUp()), CATCH_UP_EVERY_MS);
      this.#catchUpTimer.unref();
    }
  }

  /** Sends what is owed: batches finished within a day whose message has not gone out. */
  catchUp(): Promise<void> {
    this.#catchingUp ??= this.#sendOwed().finally(() => {
      this.#catchingUp = undefined;
    });
    return this.#catchingUp;
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
    this.#service.off("destination", this.#onDestination);
    this.#alerts.close();
    if (this.#catchUpTimer !== undefined) clearInterval(this.#catchUpTimer);
    const pending = Promise.allSettled([...this.#sending]);
    const timer = setTimeout(() => this.#stop.abort(), CLOSE_GRACE_MS);
    await pending;
    clearTimeout(timer);
  }

  #track(work: Promise<void>): void {
    this.#sending.add(work);
    void work.finally(() => this.#sending.delete(work));
  }

  async #sendOwed(): Promise<void> {
    try {
      for (const batchId of await this.#ledger.owed(OWED_WITHIN_MS, 20)) {
        if (this.#stop.signal.aborted) return;
        await this.#announce(await this.#service.getBatchStatus(batchId));
      }
    } catch (error: unknown) {
      this.#storeTrouble(error, "cannot read which notifications are owed");
    }
  }

  async #announce(summary: BatchSummary): Promise<void> {
    const batchId = summary.batch.id;
    try {
      // Another daemon sends it, or it went out already.
      if (!(await this.#ledger.claim(batchId, CLAIM_MS))) return;
      const outcomes = await this.#send(summary);
      // Stopped mid-send: leave it owed, so the next start sends it rather than nobody.
      if (this.#stop.signal.aborted && outcomes.some((outcome) => !outcome.ok)) return;
      await this.#ledger.sent(batchId);
    } catch (error: unknown) {
      this.#storeTrouble(error, "cannot record the batch's notification", batchId);
    }
  }

  async #send(summary: BatchSummary): Promise<NotifyOutcome[]> {
    const outcome =
      summary.status === "failed" ? "failed" : summary.status === "completed" ? "completed" : undefined;
    if (outcome === undefined) return [];
    const channels = this.#channels.filter((channel) => channel.on.includes(outcome));
    if (channels.length === 0) return [];
    const report = await buildBatchReport(this.#service, summary);
    return Promise.all(channels.map((channel) => this.#deliver(channel, report)));
  }

  /** A destination in trouble: once per episode (DestinationAlerts decides), to channels that want it. */
  async #alert(report: DestinationReport): Promise<void> {
    this.#options.logger.warn(
      { destination: report.destination, event: report.event, code: report.code },
      "destination needs a person",
    );
    const channels = this.#channels.filter((channel) => channel.on.includes("destination"));
    await Promise.all(channels.map((channel) => this.#deliver(channel, report)));
  }

  #storeTrouble(error: unknown, message: string, batchId?: number): void {
    this.#options.logger.warn(
      { ...(batchId === undefined ? {} : { batch: batchId }), code: toSyncError(error, "STORE_FAILED").code },
      message,
    );
  }

  async #deliver(channel: NamedNotifyChannel, report: Notice): Promise<NotifyOutcome> {
    const { logger } = this.#options;
    const delay = this.#options.delay ?? ((attempt: number) => backoffDelay(attempt));
    let attempt = 0;
    // Destination notices have no batch: 0 in the outcome, the destination in the log.
    const batchId = isBatchReport(report) ? report.batch.id : 0;
    const about = isBatchReport(report) ? { batch: batchId } : { destination: report.destination };
    for (;;) {
      attempt += 1;
      try {
        await sendToChannel(channel, report, this.#tr, this.#options.env);
        logger.info({ channel: channel.name, ...about, attempt }, "notification sent");
        return this.#done({ channel: channel.name, batchId, ok: true, attempts: attempt });
      } catch (caught: unknown) {
        const error = toSyncError(caught, "NOTIFY_FAILED");
        const last = !error.temporary || attempt > NOTIFY_RETRIES || this.#stop.signal.aborted;
        // Only code and our own message: the cause may carry the webhook's secret address.
        logger.warn(
          { channel: channel.name, ...about, attempt, code: error.code, err: error.message },
          last ? "notification not delivered" : "notification failed; retrying",
        );
        const gaveUp = {
          channel: channel.name,
          batchId,
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

/**
 * Who reads the notifications: the config's `language`, else this computer's locale as the OS
 * reports it (not LANG: a service started at login has no terminal locale worth trusting), in
 * the config's time zone.
 */
export function notificationReader(
  config: { readonly language: "en" | "ja" | undefined; readonly timeZone: string },
  os: string | (() => string | undefined) = osLocale,
): Translator {
  const choice = chooseLanguage({ configLanguage: config.language, env: {}, osLocale: os });
  // An empty zone is "this computer's" (resolved lazily by the config).
  const timeZone = config.timeZone === "" ? undefined : config.timeZone;
  return createTranslator(choice.language, { locale: choice.locale, timeZone });
}
