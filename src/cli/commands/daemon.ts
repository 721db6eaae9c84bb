/**
 * `junmai-sync daemon` (and `npm start`): the main job. Watches the configured folders, uploads
 * everything queued by any process, and runs until SIGINT/SIGTERM. `junmai-sync watch` is the
 * same loop in the foreground, with a live status line.
 */
import type { Command } from "commander";
import { acquireDaemonLock } from "../../app/daemon-lock.js";
import { resolvePaths } from "../../config/paths.js";
import { type CommandContext, withService } from "../context.js";

interface LoopFlags {
  readonly poll?: boolean;
  readonly listen?: string;
}

const LOOPS = [
  {
    name: "daemon",
    live: false,
    description:
      "Watch the configured folders and upload everything queued, until stopped (SIGINT/SIGTERM let running transfers finish).",
  },
  {
    name: "watch",
    live: true,
    description: "Watch the configured folders and upload in the foreground, with a live status line.",
  },
] as const;

export function registerDaemon(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
): void {
  for (const loop of LOOPS) {
    program
      .command(loop.name)
      .description(loop.description)
      .option("--poll", "scan watched folders every 5 s instead of listening for changes (network shares)")
      .option(
        "--listen <host:port>",
        "where the dashboard and API listen (default: the config's server, 127.0.0.1:7420; `off` for none)",
      )
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
