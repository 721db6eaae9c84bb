/**
 * The daemon's main loop, shared by `daemon` and `watch`: watch the configured folders, run the
 * workers, report what happens, and on SIGINT/SIGTERM let running transfers finish.
 */
import { sampleReport } from "../../app/batch-report.js";
import { findOldQueue, oldQueueNotice } from "../../app/old-queue.js";
import { countsAsShown } from "../../app/queue-status.js";
import type { SyncService } from "../../app/sync-service.js";
import { withListen } from "../../config/resolve-server.js";
import { toSyncError } from "../../domain/errors.js";
import { Notifier } from "../../notify/notifier.js";
import { type DaemonServer, prepareServer, startDaemonServer } from "../../server/daemon-server.js";
import { watchFolders } from "../../watch/watch-folders.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { errorLines } from "../render/format.js";
import { createLiveLine } from "../render/live-line.js";
import { outcomeLine } from "../render/outcome-line.js";
import { watchNoticeLines } from "../render/watch-lines.js";
import { followConfig } from "./follow-config.js";

export interface LoopOptions {
  readonly title: string;
  /** Keep a live status line on a terminal (`watch`). */
  readonly live: boolean;
  /** Watch by polling (network shares that send no change events). */
  readonly usePolling?: boolean;
  /** `--listen HOST:PORT|off`: where the dashboard and API listen, instead of the config's `server`. */
  readonly listen?: string;
  /** Told where the dashboard listens once it does (recorded in the daemon's lock). */
  readonly onDashboard?: (url: string) => void;
}

export async function runLoop(
  context: CommandContext,
  service: SyncService,
  options: LoopOptions,
): Promise<number> {
  const { out, colors, tr } = context;
  // A damaged queue stops the daemon before it works on it (STORE_CORRUPT names `repair`).
  await service.checkQueue();
  await service.retryHeld();
  const view = createLiveLine(out, colors, tr);
  const print = options.live ? (line: string) => view.print(line) : (line: string) => out.write(`${line}\n`);
  const destinations = service.config.destinations
    .map((d) => `${d.name} → ${d.kind === "local" ? d.root : d.name}`)
    .join(", ");
  print(
    tr.t("daemon.started", {
      title: options.title,
      pid: process.pid,
      queue: service.paths.dataDir,
      destinations,
    }),
  );
  print(tr.t("daemon.log", { file: context.attachLogFile(service.paths.dataDir) }));
  const old = await findOldQueue(service.paths);
  if (old !== undefined)
    for (const line of oldQueueNotice(old, service.paths, tr))
      print(`${colors.yellow(tr.t("cli.noticeLabel"))} ${line}`);

  const server =
    options.listen === undefined
      ? service.config.server
      : withListen(service.config.server, options.listen, "--listen");
  // Before any work starts: a server that cannot be protected refuses to run at all.
  const token = server.enabled ? prepareServer(service, server) : undefined;

  const controller = new AbortController();
  let interrupts = 0;
  const stop = (signal: string) => {
    interrupts += 1;
    if (interrupts > 1) context.exit(EXIT.INTERRUPTED);
    view.stop();
    out.write(
      `${tr.t("daemon.stopping", { signal, seconds: service.config.engine.shutdownGraceSeconds })}\n`,
    );
    controller.abort();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  service.on("changed", (job) => {
    const line = outcomeLine(job, colors, tr);
    if (line !== undefined) print(line);
  });
  service.on("progress", (progress) => view.progress(progress));
  service.on("completed", (job) => view.finished(job.id));
  service.on("failed", (job) => view.finished(job.id));
  service.on("skipped", (job) => view.finished(job.id));
  service.on("retrying", (job) => view.finished(job.id));
  service.on("batchCompleted", (summary) => {
    const { counts } = summary;
    const name = summary.batch.name === null ? "" : ` "${summary.batch.name}"`;
    print(
      tr.t("daemon.batchDone", {
        batch: `${summary.batch.id}${name}`,
        status: tr.t(`batchStatus.${summary.status}`),
        completed: counts.completed,
        skipped: counts.skipped,
        failed: counts.failed,
      }),
    );
  });

  const startNotifier = () =>
    new Notifier(service, {
      logger: context.logger,
      onOutcome: (outcome) => {
        if (outcome.ok) print(tr.t("daemon.notified", { channel: outcome.channel, batch: outcome.batchId }));
        else
          print(
            `${colors.yellow(tr.t("cli.warningLabel"))} ${tr.t("daemon.notifyFailed", {
              channel: outcome.channel,
              batch: outcome.batchId,
              attempts: outcome.attempts,
              message: outcome.error?.message ?? "",
            })}`,
          );
      },
    });
  let notifier = startNotifier();
  const workers = service.runWorkers(controller.signal);
  const startFolders = () =>
    watchFolders(service, {
      onNotice: (notice) => {
        for (const line of watchNoticeLines(notice, colors, tr)) print(line);
      },
      ...(options.usePolling === undefined ? {} : { usePolling: options.usePolling }),
    });
  let folders = await startFolders();
  // Live config: the file is watched, SIGHUP reads it again; a valid change restarts the
  // folder watchers and notifications with the new rules, an invalid one is reported and ignored.
  const live = followConfig(tr, service, print, colors, async () => {
    await folders.close();
    folders = await startFolders();
    await notifier.close();
    notifier = startNotifier();
  });
  if (service.config.watch.length === 0) print(tr.t("daemon.noWatch"));
  let dashboard: DaemonServer | undefined;
  if (token !== undefined) {
    try {
      dashboard = await startDaemonServer(service, {
        server,
        token,
        logger: context.logger,
        // "Send test" on the notification settings: a sample message, one quick retry.
        notifyTest: async (channel) => {
          const tester = new Notifier(service, { logger: context.logger, delay: () => 1_000, follow: false });
          try {
            const outcomes = await tester.sendNow(sampleReport(), channel);
            return outcomes.map((o) => ({ channel: o.channel, ok: o.ok, error: o.error?.message ?? null }));
          } finally {
            await tester.close();
          }
        },
      });
      print(tr.t("daemon.dashboard", { url: `${dashboard.url}/`, api: `${dashboard.url}/api/v1` }));
      // A person at a terminal gets a link that signs their browser in (the dashboard's token
      // dialog points at it). Only on a terminal: output captured by a service or a pipe is a
      // log, and the token is a secret.
      if (out.isTTY) {
        print(
          tr.t("settings.signInLink", { url: `${dashboard.url}/#token=${encodeURIComponent(token.value)}` }),
        );
      }
      options.onDashboard?.(dashboard.url);
    } catch (error: unknown) {
      // Uploads matter more than the dashboard: say why it is missing and go on.
      const [first, ...rest] = errorLines(tr, toSyncError(error, "SERVER_FAILED"), "");
      print(`${colors.yellow(tr.t("cli.warningLabel"))} ${first}`);
      for (const line of rest) print(`  ${line}`);
    }
  }
  const refresh = options.live
    ? setInterval(() => {
        service
          .getQueueStatus()
          .then((status) => view.update(countsAsShown(status), folders.settling()))
          .catch(() => undefined);
      }, 1_000)
    : undefined;
  try {
    const result = await workers;
    out.write(`${tr.t("daemon.stopped", { delivered: result.succeeded, failed: result.failed })}\n`);
  } finally {
    if (refresh !== undefined) clearInterval(refresh);
    view.stop();
    live.close();
    await dashboard?.close();
    await folders.close();
    await notifier.close();
  }
  return EXIT.OK;
}
