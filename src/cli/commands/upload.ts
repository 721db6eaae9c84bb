/** `junmai-sync upload <path…>`: queue files and folders; with --wait, see them through. */
import path from "node:path";
import type { Command } from "commander";
import type { HeldBy } from "../../app/held-batch.js";
import { SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandContext, printJson, withService } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { collectNames } from "../option-values.js";
import { warnUnknownToDaemon } from "./unknown-to-daemon.js";
import { dryRun } from "./upload-dry-run.js";
import { listedPaths } from "./upload-paths.js";
import { reportBatch, reportHeld } from "./upload-report.js";
import { waitForBatch } from "./upload-wait.js";

interface UploadFlags {
  readonly to: string[];
  readonly subpath?: string;
  readonly batch?: string;
  readonly wait?: boolean;
  readonly json?: boolean;
  readonly concurrency?: string;
  readonly fromStdin?: boolean;
  readonly fromFile?: string;
  readonly priority?: string;
  readonly dryRun?: boolean;
}

export function registerUpload(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
  tr: Translator,
): void {
  program
    .command("upload")
    .description(tr.t("upload.description"))
    .argument("[paths...]", tr.t("upload.arg.paths"))
    .option("--from-stdin", tr.t("upload.option.fromStdin"))
    .option("--from-file <list>", tr.t("upload.option.fromFile"))
    .option("--to <name>", tr.t("upload.option.to"), collectNames, [])
    .option("--subpath <path>", tr.t("upload.option.subpath"))
    .option("--batch <name>", tr.t("upload.option.batch"))
    .option("--priority <p>", tr.t("upload.option.priority"))
    .option("--wait", tr.t("upload.option.wait"))
    .option("--concurrency <n>", tr.t("upload.option.concurrency"))
    .option("--json", tr.t("upload.option.json"))
    .option("--dry-run", tr.t("upload.option.dryRun"))
    .action((paths: string[], flags: UploadFlags) => run((context) => upload(context, paths, flags)));
}

async function upload(context: CommandContext, args: string[], flags: UploadFlags): Promise<number> {
  const paths = await listedPaths(args, flags);
  if (paths.length === 0) {
    throw new SyncError("USAGE", say("upload.error.noPaths"), { hint: say("upload.error.noPathsHint") });
  }
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new SyncError("USAGE", say("upload.error.concurrency", { value: flags.concurrency ?? "" }));
  }
  return withService(
    context,
    async (service) => {
      if (flags.dryRun) {
        const options = {
          to: flags.to.length > 0 ? flags.to : undefined,
          subpath: flags.subpath,
          batchName: flags.batch,
        };
        return dryRun(context, service, paths, options, flags.json);
      }
      const queued = await service.uploadBatch(paths, {
        to: flags.to.length > 0 ? flags.to : undefined,
        subpath: flags.subpath,
        batchName: flags.batch,
        priority: flags.priority,
      });
      const { tr } = context;
      for (const odd of queued.skipped) {
        // One line each, named by its path as given: `skipped pipe.jpg: NOT_A_FILE …`.
        const name = path.relative(process.cwd(), odd.path) || odd.path;
        context.err.write(
          `${context.errColors.yellow(tr.t("faults.skipped", { name, code: odd.code, message: odd.message }))}\n`,
        );
      }
      for (const missing of queued.missing) {
        context.err.write(
          `${context.errColors.yellow(tr.t("cli.warningLabel"))} SOURCE_MISSING: ${tr.t("upload.missing", { path: missing })}\n`,
        );
        context.err.write(`  ${tr.t("cli.hint", { hint: tr.t("upload.missingHint") })}\n`);
      }
      if (!flags.wait) {
        if (flags.json) {
          printJson(context, {
            batch: queued.batch,
            jobs: queued.jobIds.length,
            destinations: queued.destinations,
            missing: queued.missing,
            skipped: queued.skipped,
          });
        } else {
          context.out.write(
            `${tr.plural("upload.queued", queued.jobIds.length, {
              batch: queued.batch.id,
              destinations: queued.destinations.join(", "),
            })}\n`,
          );
        }
        await warnUnknownToDaemon(context, service, queued.destinations);
        return EXIT.OK;
      }
      const started = Date.now();
      const found: { held: HeldBy[] | null } = { held: null };
      const summary = await waitForBatch(context, service, queued, flags.json, concurrency, (held) => {
        found.held = held;
      });
      // Our own run also ends when only held work is left: say why, as the watcher would have.
      found.held ??= await service.batchHeldBy(queued.batch.id, started);
      if (found.held !== null) return reportHeld(context, queued.batch.id, found.held, flags.json);
      return reportBatch(context, service, summary, flags.json, Date.now() - started);
    },
    "cli",
  );
}
