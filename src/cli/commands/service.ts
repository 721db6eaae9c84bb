/** `junmai-sync service install|uninstall|status|logs`: the daemon as this user's login service. */
import { type Command, Option } from "commander";
import type { ServicePlan } from "../../app/login-service.js";
import { SyncError } from "../../domain/errors.js";
import { say } from "../../i18n/message.js";
import type { Translator } from "../../i18n/translator.js";
import { type CommandResult, runServiceCommand, showCommand } from "../../platform/service/run-command.js";
import type { ServiceOs } from "../../platform/service/service-definition.js";
import { type CommandContext, printJson } from "../context.js";
import { CLI_ENTRY } from "../entry.js";
import { EXIT } from "../exit-codes.js";
import { inReaderWords } from "../render/reader-words.js";

interface ServiceFlags {
  readonly dryRun?: boolean;
  readonly os?: ServiceOs;
  readonly json?: boolean;
  readonly lines?: string;
}

type Run = (work: (context: CommandContext) => Promise<number>) => Promise<void>;

export function registerService(program: Command, run: Run, tr: Translator): void {
  const service = program.command("service").description(tr.t("service.description"));
  const osOption = () =>
    new Option("--os <os>", tr.t("service.option.os")).choices(["linux", "macos", "windows"]);
  for (const [name, work] of [
    ["install", install],
    ["uninstall", uninstall],
  ] as const) {
    service
      .command(name)
      .description(tr.t(`service.${name}.description`))
      .option("--dry-run", tr.t(`service.${name}.option.dryRun`))
      .addOption(osOption())
      .action((flags: ServiceFlags) => run((context) => work(context, flags)));
  }
  service
    .command("status")
    .description(tr.t("service.status.description"))
    .option("--json", tr.t("cli.option.json"))
    .action((flags: ServiceFlags) => run((context) => status(context, flags)));
  service
    .command("logs")
    .description(tr.t("service.logs.description"))
    .option("-n, --lines <n>", tr.t("service.logs.option.lines"), "50")
    .action((flags: ServiceFlags) => run((context) => logs(context, flags)));
}

/** Loaded on use: it reads the config file, and main.ts imports this file for every command. */
const loginService = () => import("../../app/login-service.js");

async function plan(context: CommandContext, flags: ServiceFlags): Promise<ServicePlan> {
  const { planServiceFor, thisOs } = await loginService();
  if (flags.os !== undefined && flags.os !== thisOs() && !flags.dryRun) {
    throw new SyncError("USAGE", say("service.otherOs", { os: flags.os }));
  }
  return planServiceFor({
    configPath: context.globals.config,
    dataDir: context.globals.dataDir,
    rcloneConfig: context.globals.rcloneConfig,
    cliEntry: CLI_ENTRY,
    os: flags.os,
  });
}

async function install(context: CommandContext, flags: ServiceFlags): Promise<number> {
  const chosen = await plan(context, flags);
  const { out } = context;
  if (flags.dryRun) {
    out.write(`${context.tr.t("service.dryRun", { os: chosen.form.os })}\n\n`);
    for (const file of chosen.form.files) {
      out.write(`${context.tr.t("service.fileHeader", { role: file.role, file: file.path })}\n`);
      out.write(`${asText(file.content).replace(/\r\n/g, "\n").trimEnd()}\n\n`);
    }
    out.write(`${context.tr.t("service.wouldRun")}\n`);
    for (const command of chosen.form.install) out.write(`  ${showCommand(command)}\n`);
    out.write(`\n${context.tr.t("service.log", { file: chosen.definition.logFile })}\n`);
    for (const note of chosen.notes) out.write(`${inReaderWords(context.tr, note, "service.")}\n`);
    return EXIT.OK;
  }
  const result = await (await loginService()).installService(chosen, runServiceCommand);
  for (const file of result.files)
    out.write(`${context.tr.t("service.wrote", { role: file.role, file: file.path })}\n`);
  writeRan(context, result.ran);
  out.write(
    `${context.colors.green(
      result.alreadyInstalled
        ? context.tr.t("service.updated", { file: chosen.form.mainFile })
        : context.tr.t("service.installed", { file: chosen.form.mainFile }),
    )}\n`,
  );
  out.write(`${context.tr.t("service.log", { file: chosen.definition.logFile })}\n`);
  for (const note of chosen.notes) out.write(`${inReaderWords(context.tr, note, "service.")}\n`);
  return EXIT.OK;
}

async function uninstall(context: CommandContext, flags: ServiceFlags): Promise<number> {
  const chosen = await plan(context, flags);
  const { out } = context;
  if (flags.dryRun) {
    out.write(`${context.tr.t("service.wouldRun")}\n`);
    for (const command of chosen.form.uninstall) out.write(`  ${showCommand(command)}\n`);
    for (const file of chosen.form.files) out.write(`  rm ${file.path}\n`);
    return EXIT.OK;
  }
  const result = await (await loginService()).uninstallService(chosen, runServiceCommand);
  if (!result.wasInstalled) {
    out.write(`${context.tr.t("service.notInstalled", { file: chosen.form.mainFile })}\n`);
    return EXIT.OK;
  }
  writeRan(context, result.ran);
  for (const file of result.removed) out.write(`${context.tr.t("service.uninstalled", { file })}\n`);
  return EXIT.OK;
}

async function status(context: CommandContext, flags: ServiceFlags): Promise<number> {
  const chosen = await plan(context, {});
  const state = await (await loginService()).serviceStatus(chosen, runServiceCommand);
  if (flags.json) {
    printJson(context, { os: chosen.form.os, ...state });
    return EXIT.OK;
  }
  const { out } = context;
  out.write(
    `${
      state.installed
        ? context.tr.t("service.statusInstalled", { os: chosen.form.os, file: state.file })
        : context.tr.t("service.statusNotInstalled", { os: chosen.form.os, file: state.file })
    }\n`,
  );
  if (state.installed || state.daemon !== undefined) {
    const line = {
      running: context.tr.t("service.stateRunning"),
      failed: context.tr.t("service.stateFailed"),
      stopped: context.tr.t("service.stateStopped"),
      unknown: context.tr.t("service.stateUnknown"),
    }[state.state];
    out.write(`${state.state === "failed" ? context.colors.red(line) : line}\n`);
  }
  if (state.daemon !== undefined) {
    const since = context.tr.dateTime(Date.parse(state.daemon.since));
    out.write(
      `${
        state.daemon.dashboard === undefined
          ? context.tr.t("service.daemon", { pid: state.daemon.pid, since })
          : context.tr.t("service.daemonDashboard", {
              pid: state.daemon.pid,
              since,
              dashboard: state.daemon.dashboard,
            })
      }\n`,
    );
  }
  out.write(`${context.tr.t("service.log", { file: state.logFile })}\n`);
  return state.state === "failed" ? EXIT.FAILED : EXIT.OK;
}

async function logs(context: CommandContext, flags: ServiceFlags): Promise<number> {
  const chosen = await plan(context, {});
  const count = Number(flags.lines ?? "50");
  if (!Number.isInteger(count) || count < 1) {
    throw new SyncError("USAGE", say("service.badLines", { value: String(flags.lines) }));
  }
  const lines = (await loginService()).tailServiceLog(chosen, count);
  if (lines === undefined) {
    context.out.write(`${context.tr.t("service.noLog", { file: chosen.definition.logFile })}\n`);
    return EXIT.OK;
  }
  context.out.write(`${context.tr.t("service.log", { file: chosen.definition.logFile })}\n`);
  for (const line of lines) context.out.write(`${line}\n`);
  return EXIT.OK;
}

/** Each command the service manager was given, and how it ended. */
function writeRan(context: CommandContext, ran: readonly CommandResult[]): void {
  for (const { command, exitCode } of ran) {
    const shown = showCommand(command);
    context.out.write(
      `${
        exitCode === 0
          ? context.tr.t("service.ran", { command: shown })
          : context.tr.t("service.ranFailed", { command: shown, code: String(exitCode) })
      }\n`,
    );
  }
}

function asText(content: string | Buffer): string {
  if (typeof content === "string") return content;
  // UTF-16LE with a BOM (Windows files): shown as text.
  return content.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))
    ? content.subarray(2).toString("utf16le")
    : content.toString("utf8");
}
