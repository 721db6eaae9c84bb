/**
 * Asks this data directory's running daemon for the status report over its local API, so
 * `status` need not open the queue, read the config or load the store's code: the daemon has
 * all of it open already.
 *
 * Every way this can fail is quiet and ends in `undefined`, and the caller reads the queue
 * itself: no daemon (or a stale lock), a daemon whose server is off, its port now taken by
 * another program (the answer must be a report from that very daemon: its pid), a refusal,
 * or no answer within `timeoutMs`.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import type { BatchSummary } from "../domain/batch.js";
import type { Job } from "../domain/job.js";
import { API_TOKEN_FILE } from "./api-token.js";
import { readDaemonLock } from "./daemon-lock.js";
import type { QueueStatus } from "./queue-status.js";
import type { StatusReport } from "./status-report.js";

/** Long enough for a busy daemon on a loaded machine, short enough not to be felt. */
export const DAEMON_STATUS_TIMEOUT_MS = 300;

export const STATUS_REPORT_PATH = "/api/v1/status/report";

export async function askDaemonStatus(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = DAEMON_STATUS_TIMEOUT_MS,
): Promise<StatusReport | undefined> {
  let url: URL;
  let pid: number;
  try {
    const lock = readDaemonLock(dataDir);
    if (lock.kind !== "held" || lock.holder.dashboard === undefined) return undefined;
    url = new URL(STATUS_REPORT_PATH, lock.holder.dashboard);
    pid = lock.holder.pid;
  } catch {
    return undefined;
  }
  const body = await get(url, apiToken(dataDir, env), timeoutMs);
  if (body === undefined) return undefined;
  try {
    const report = JSON.parse(body) as Partial<StatusReport> | null;
    // Whatever else listens on that port now, or another daemon's answer, is not this queue's.
    if (
      report === null ||
      typeof report !== "object" ||
      report.status?.daemon?.pid !== pid ||
      !Array.isArray(report.batches) ||
      !Array.isArray(report.failed) ||
      !Array.isArray(report.retrying)
    ) {
      return undefined;
    }
    return fromApi(report as ApiStatusReport);
  } catch {
    return undefined;
  }
}

/** The API's report carries `percent` on batches and moving jobs, which `status` shows without. */
interface ApiStatusReport extends Omit<StatusReport, "status" | "batches"> {
  readonly status: Omit<QueueStatus, "active"> & {
    readonly active: readonly {
      readonly job: Job & { readonly percent?: number };
      readonly host: string | null;
    }[];
  };
  readonly batches: readonly (BatchSummary & { readonly percent?: number })[];
}

function fromApi(report: ApiStatusReport): StatusReport {
  return {
    ...report,
    status: {
      ...report.status,
      active: report.status.active.map(({ job: { percent: _percent, ...job }, host }) => ({ job, host })),
    },
    batches: report.batches.map(({ percent: _percent, ...batch }) => batch),
  };
}

/** The token, for a server that asks one even for reads (beyond loopback); never created here. */
function apiToken(dataDir: string, env: NodeJS.ProcessEnv): string | undefined {
  const given = env.JUNMAI_SYNC_API_TOKEN?.trim();
  if (given !== undefined && given !== "") return given;
  try {
    return readFileSync(path.join(dataDir, API_TOKEN_FILE), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

function get(url: URL, token: string | undefined, timeoutMs: number): Promise<string | undefined> {
  if (url.protocol !== "http:") return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (value: string | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve(value);
    };
    const request = http.get(
      url,
      {
        headers: {
          accept: "application/json",
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        agent: false,
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          finish(undefined);
          return;
        }
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => finish(Buffer.concat(chunks).toString("utf8")));
        response.on("error", () => finish(undefined));
      },
    );
    request.on("error", () => finish(undefined));
    // One bound on the whole exchange: connecting, the daemon's work and the body.
    timer = setTimeout(() => finish(undefined), timeoutMs);
  });
}
