/** `junmai-sync daemon`: run the workers until SIGINT/SIGTERM; jobs queued by any process start within a second. */
import type { Command } from "commander";
import { type CommandContext, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { outcomeLine } from "../render/batch-view.js";

export function registerDaemon(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
): void {
  program
    .command("daemon")
    .description(
      "Upload queued jobs continuously until stopped (SIGINT/SIGTERM finish running transfers first).",
    )
    .action(() =>
      run((context) =>
        withService(
          context,
          async (service) => {
            const { out, colors } = context;
            const destinations = service.config.destinations
              .map((d) => `${d.name} → ${d.kind === "local" ? d.root : d.name}`)
              .join(", ");
            out.write(
              `junmai-sync daemon (pid ${process.pid}) · queue ${service.paths.dataDir} · ${destinations}\n`,
            );
            const controller = new AbortController();
            let interrupts = 0;
            const stop = (signal: string) => {
              interrupts += 1;
              if (interrupts > 1) context.exit(EXIT.INTERRUPTED);
              out.write(
                `${signal}: finishing running transfers (up to ${service.config.engine.shutdownGraceSeconds}s)…\n`,
              );
              controller.abort();
            };
            process.on("SIGINT", () => stop("SIGINT"));
            process.on("SIGTERM", () => stop("SIGTERM"));
            service.on("changed", (job) => {
              const line = outcomeLine(job, colors);
              if (line !== undefined) out.write(`${line}\n`);
            });
            service.on("batchCompleted", (summary) => {
              const { counts } = summary;
              out.write(
                `batch ${summary.batch.id} ${summary.status}: ${counts.completed} completed, ${counts.skipped} skipped, ${counts.failed} failed\n`,
              );
            });
            const result = await service.runWorkers(controller.signal);
            out.write(`stopped: ${result.succeeded} delivered, ${result.failed} failed this run\n`);
            return EXIT.OK;
          },
          "daemon",
        ),
      ),
    );
}
