/**
 * Decides when a destination's trouble is worth a message: once when it needs attention, once
 * when it is full (with free/needed space when known), once when it has been offline longer than
 * `engine.offlineNotifyMinutes`. The episode ends when the destination is online again; the next
 * trouble is a new message. Rate-limiting and short outages never notify.
 */
import type { DestinationStatus } from "../domain/destination-health.js";
import {
  type DestinationEvent,
  type DestinationReport,
  destinationReport,
} from "../domain/destination-report.js";

export interface DestinationAlertsOptions {
  readonly offlineNotifyMs: number;
  readonly host: string;
  readonly clock: () => number;
  readonly send: (report: DestinationReport) => void;
}

export class DestinationAlerts {
  readonly #options: DestinationAlertsOptions;
  /** What was sent per destination in its current episode. */
  readonly #sent = new Map<string, Set<DestinationEvent>>();
  readonly #offlineTimers = new Map<string, NodeJS.Timeout>();

  constructor(options: DestinationAlertsOptions) {
    this.#options = options;
  }

  observe(status: DestinationStatus): void {
    const name = status.destination;
    if (status.condition !== "offline") this.#clearTimer(name);
    switch (status.condition) {
      case "online":
        this.#sent.delete(name);
        return;
      case "needs-attention":
        this.#once("destination.needs-attention", status);
        return;
      case "full":
        this.#once("destination.full", status);
        return;
      case "offline": {
        if (this.#offlineTimers.has(name)) return;
        const wait = Math.max(0, status.since + this.#options.offlineNotifyMs - this.#options.clock());
        const timer = setTimeout(() => {
          this.#offlineTimers.delete(name);
          this.#once("destination.offline", status);
        }, wait);
        timer.unref();
        this.#offlineTimers.set(name, timer);
        return;
      }
      default:
        return;
    }
  }

  close(): void {
    for (const timer of this.#offlineTimers.values()) clearTimeout(timer);
    this.#offlineTimers.clear();
  }

  #once(event: DestinationEvent, status: DestinationStatus): void {
    const sent = this.#sent.get(status.destination) ?? new Set<DestinationEvent>();
    if (sent.has(event)) return;
    sent.add(event);
    this.#sent.set(status.destination, sent);
    this.#options.send(
      destinationReport(event, status, spaceOf(status), this.#options.host, this.#options.clock()),
    );
  }

  #clearTimer(name: string): void {
    const timer = this.#offlineTimers.get(name);
    if (timer !== undefined) clearTimeout(timer);
    this.#offlineTimers.delete(name);
  }
}

function spaceOf(status: DestinationStatus): { freeBytes: number | null; neededBytes: number | null } {
  return { freeBytes: status.space?.freeBytes ?? null, neededBytes: status.space?.neededBytes ?? null };
}
