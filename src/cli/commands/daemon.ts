/**
 * `junmai-sync daemon` (and `npm start`): the main job. Watches the configured folders, uploads
 * everything queued by any process, and runs until SIGINT/SIGTERM.
 */
import type { Command } from "commander";
import { type CommandContext, withService } from "../context.js";
import { runLoop } from "./run-loop.js";

interface LoopFlags {
  readonly poll?: boolean;
}

export function registerDaemon(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
): void {
  program
    .command("daemon")
    .description(
      "Watch the configured folders and upload everything queued, until stopped (SIGINT/SIGTERM let running transfers finish).",
    )
    .option("--poll", "watch folders by polling (network shares that send no change events)")
    .action((flags: LoopFlags) =>
      run((context) =>
        withService(
          context,
          (service) =>
            runLoop(context, service, {
              title: "junmai-sync daemon",
              live: false,
              ...(flags.poll ? { usePolling: true } : {}),
            }),
          "daemon",
        ),
      ),
    );
  program
    .command("watch")
    .description("Watch the configured folders and upload in the foreground, with a live status line.")
    .option("--poll", "watch folders by polling (network shares that send no change events)")
    .action((flags: LoopFlags) =>
      run((context) =>
        withService(
          context,
          (service) =>
            runLoop(context, service, {
              title: "junmai-sync watch",
              live: true,
              ...(flags.poll ? { usePolling: true } : {}),
            }),
          "daemon",
        ),
      ),
    );
}
