/** `junmai-sync integrate lightroom|capture-one|junmai-autodev`: hook an exporter up in one command. */
import { execFile } from "node:child_process";
import { Argument, type Command, Option } from "commander";
import type { IntegrationTarget } from "../../app/integrations/integrate.js";
import type { IntegrationOs } from "../../app/integrations/integration-plan.js";
import { SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import type { CommandContext } from "../context.js";
import { CLI_ENTRY } from "../entry.js";
import { EXIT } from "../exit-codes.js";
import { collectNames } from "../option-values.js";
import { inReaderWords } from "../render/reader-words.js";

interface IntegrateFlags {
  readonly to: string[];
  readonly subpath?: string;
  readonly dir?: string;
  readonly os?: IntegrationOs;
  readonly dryRun?: boolean;
}

export function registerIntegrate(
  program: Command,
  run: (work: (context: CommandContext) => Promise<number>) => Promise<void>,
  tr: Translator,
): void {
  program
    .command("integrate")
    .description(tr.t("integrate.description"))
    .addArgument(new Argument("<target>", tr.t("integrate.arg.target")).choices(TARGETS))
    .option("--to <name>", tr.t("integrate.option.to"), collectNames, [])
    .option("--subpath <path>", tr.t("integrate.option.subpath"))
    .option("--dir <folder>", tr.t("integrate.option.dir"))
    .addOption(new Option("--os <os>", tr.t("integrate.option.os")).choices(["macos", "windows", "linux"]))
    .option("--dry-run", tr.t("integrate.option.dryRun"))
    .action((target: IntegrationTarget, flags: IntegrateFlags) =>
      run((context) => integrate(context, target, flags)),
    );
}

/**
 * app/integrations' INTEGRATION_TARGETS, written out: that module reads the config, and main.ts
 * imports this file for every command (a test checks the two lists agree).
 */
export const TARGETS: readonly IntegrationTarget[] = ["lightroom", "capture-one", "junmai-autodev"];

async function integrate(
  context: CommandContext,
  target: IntegrationTarget,
  flags: IntegrateFlags,
): Promise<number> {
  // Loaded on use (see TARGETS).
  const { planIntegration, runnableAfter } = await import("../../app/integrations/integrate.js");
  const { writeIntegration } = await import("../../app/integrations/integration-plan.js");
  const plan = planIntegration({
    target,
    configPath: context.globals.config,
    dataDir: context.globals.dataDir,
    cliEntry: CLI_ENTRY,
    to: flags.to,
    subpath: flags.subpath,
    dir: flags.dir,
    os: flags.os,
  });
  const { out } = context;
  // The app writes its sentences in English; ours are shown in the reader's language.
  const readerWords = (line: string) => inReaderWords(context.tr, line, "integrate.");
  if (flags.dryRun && plan.files.length > 0) {
    out.write(`${context.tr.t("integrate.dryRun")}\n\n`);
    for (const file of plan.files) {
      out.write(
        `${context.tr.t("integrate.fileHeader", { role: readerWords(file.role), file: file.path })}\n`,
      );
      out.write(`${file.content.replace(/\r\n/g, "\n").trimEnd()}\n\n`);
    }
    for (const step of plan.after)
      out.write(
        `${context.tr.t("integrate.wouldRun", { command: [step.command, ...step.args].map(quoted).join(" ") })}\n`,
      );
  } else if (plan.files.length > 0) {
    const written = writeIntegration(plan);
    if (written.createdFolder)
      out.write(`${context.tr.t("integrate.createdFolder", { folder: plan.folder })}\n`);
    for (const file of written.written)
      out.write(`${context.tr.t("integrate.wrote", { role: readerWords(file.role), file: file.path })}\n`);
    const runnable = runnableAfter(plan);
    for (const step of plan.after) {
      const line = [step.command, ...step.args].map(quoted).join(" ");
      if (!runnable.includes(step)) {
        out.write(`${context.tr.t("integrate.notRun", { command: step.command, line })}\n`);
        continue;
      }
      await runStep(step.command, step.args);
      out.write(`${context.tr.t("integrate.ran", { command: line })}\n`);
    }
  }
  for (const line of plan.text) out.write(`${readerWords(line)}\n`);
  if (plan.log !== undefined) out.write(`${context.tr.t("integrate.log", { file: plan.log })}\n`);
  return EXIT.OK;
}

function runStep(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else
        reject(
          new SyncError("INTEGRATION_FAILED", say("integrate.stepFailed", { command }), {
            cause: error,
            detail: `${stderr}`.trim() || error.message,
          }),
        );
    });
  });
}

function quoted(part: string): string {
  return /^[\w@%+=:,./-]+$/.test(part) ? part : `"${part.replaceAll('"', '\\"')}"`;
}
