/**
 * Prometheus metrics at /metrics. Queue-wide numbers (jobs by state, the oldest pending job's
 * age, destination health) are read from the store at scrape time, so they hold for every host
 * on a shared queue; bytes, durations and retries count what this daemon did since it started.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { QueueReader } from "../app/queue-reader.js";
import { subscribe } from "../app/service-events.js";
import { JOB_STATES } from "../domain/job.js";

export class Metrics {
  readonly registry = new Registry();
  readonly #unsubscribe: () => void;
  #defaults = false;

  constructor(service: QueueReader, clock: () => number = Date.now) {
    const registers = [this.registry];
    const bytes = new Counter({
      name: "junmai_uploaded_bytes_total",
      help: "Bytes delivered and verified by this daemon, by destination.",
      labelNames: ["destination"],
      registers,
    });
    const durations = new Histogram({
      name: "junmai_transfer_duration_seconds",
      help: "From a job's start to its verified completion, by destination.",
      labelNames: ["destination"],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
      registers,
    });
    const retries = new Counter({
      name: "junmai_retries_total",
      help: "Failed attempts that will be retried, by error code.",
      labelNames: ["code"],
      registers,
    });
    const failures = new Counter({
      name: "junmai_failures_total",
      help: "Jobs that failed for good, by error code.",
      labelNames: ["code"],
      registers,
    });
    new Gauge({
      name: "junmai_jobs",
      help: "Jobs in the queue by state (all hosts sharing it).",
      labelNames: ["state"],
      registers,
      async collect() {
        const counts = await service.getCounts();
        for (const state of JOB_STATES) this.set({ state }, counts[state]);
      },
    });
    new Gauge({
      name: "junmai_oldest_pending_age_seconds",
      help: "How long the oldest pending job has waited; 0 when none waits.",
      registers,
      async collect() {
        const [oldest] = await service.listJobs({ states: ["pending"], limit: 1 });
        this.set(oldest === undefined ? 0 : Math.max(0, (clock() - oldest.createdAt) / 1000));
      },
    });
    // prom-client collects every metric at once; both destination gauges share one status read.
    let statusRead: { at: number; status: ReturnType<QueueReader["getQueueStatus"]> } | undefined;
    const destinations = async () => {
      if (statusRead === undefined || clock() - statusRead.at > 1_000) {
        statusRead = { at: clock(), status: service.getQueueStatus() };
      }
      return (await statusRead.status).destinations;
    };
    new Gauge({
      name: "junmai_destination_up",
      help: "1 unless the workers find the destination offline.",
      labelNames: ["destination"],
      registers,
      async collect() {
        for (const d of await destinations())
          this.set({ destination: d.name }, d.health?.condition === "offline" ? 0 : 1);
      },
    });
    new Gauge({
      name: "junmai_destination_held",
      help: "1 while the destination starts no uploads by pause, window, daily cap or free space.",
      labelNames: ["destination"],
      registers,
      async collect() {
        for (const d of await destinations()) this.set({ destination: d.name }, d.hold === null ? 0 : 1);
      },
    });

    this.#unsubscribe = subscribe(service, {
      completed: (job) => {
        if (job.sizeBytes !== null) bytes.inc({ destination: job.destination }, job.sizeBytes);
        if (job.startedAt !== null && job.finishedAt !== null) {
          durations.observe(
            { destination: job.destination },
            Math.max(0, job.finishedAt - job.startedAt) / 1000,
          );
        }
      },
      retrying: (job) => retries.inc({ code: job.lastError?.code ?? "TRANSFER_FAILED" }),
      failed: (job) => failures.inc({ code: job.lastError?.code ?? "TRANSFER_FAILED" }),
    });
  }

  text(): Promise<string> {
    // Node's own metrics (memory, handles, event loop lag, GC) start with the first scrape:
    // their event loop monitor wakes the process a hundred times a second, which an idle
    // daemon nobody scrapes should not pay; a scraped one measures lag every 100 ms.
    if (!this.#defaults) {
      this.#defaults = true;
      collectDefaultMetrics({
        register: this.registry,
        prefix: "junmai_",
        eventLoopMonitoringPrecision: 100,
      });
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  close(): void {
    this.#unsubscribe();
    this.registry.clear();
  }
}
