/**
 * `junmai-sync daemon` (and `npm start`): the main job. Watches the configured folders, uploads
 * everything queued by any process, and runs until SIGINT/SIGTERM. `junmai-sync watch` is the
 * same loop in the foreground, with a live status line.
 */
import type { Command } from "commander";
import { acquireDaemonLock } from "../../app/daemon-lock.js";
import { resolvePaths } from "../../config/paths.js";
import type { MessageKey } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, withService } from "../context.js";

interface LoopFlags {
  readonly poll?: boolean;
  readonly listen?: string;
}

const LOOPS = [
  {
    name: "daemon",
    live: false,
    description: "daemon.description" satisfies MessageKey,
  },
  {
    name: "watch",
    live: true,
    description: "daemon.watchDescription" satisfies MessageKey,
  },
] as const;

export function registerDaemon(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
  tr: Translator,
): void {
  for (const loop of LOOPS) {
    program
      .command(loop.name)
      .description(tr.t(loop.description))
      .option("--poll", tr.t("daemon.option.poll"))
      .option("--listen <host:port>", tr.t("daemon.option.listen"))
      .action((flags: LoopFlags) =>
        run(async (context) => {
          // Before the queue is opened: a second daemon on this data dir stops here, at once.
          const { config, dataDir } = context.globals;
          const lock = acquireDaemonLock(resolvePaths({ configFlag: config, dataDirFlag: dataDir }).dataDir);
          try {
            return await withService(
              context,
              // Loaded only for these two: the server and notifications cost other commands start-up time.
              async (service) =>
                (await import("./run-loop.js")).runLoop(context, service, {
                  title: `junmai-sync ${loop.name}`,
                  live: loop.live,
                  onDashboard: (url) => lock.setDashboard(url),
                  ...(flags.poll ? { usePolling: true } : {}),
                  ...(flags.listen === undefined ? {} : { listen: flags.listen }),
                }),
              // Both work on the queue for as long as they run: `upload --wait` follows them.
              "daemon",
            );
          } finally {
            lock.release();
          }
        }),
      );
  }
}
