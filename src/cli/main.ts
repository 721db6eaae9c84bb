#!/usr/bin/env node
/**
 * The `junmai-sync` command. The only place that exits the process: every command returns an
 * exit code, and every error that escapes is printed as code + message + hint, never a stack.
 */
import { Command, CommanderError, Option } from "commander";
import { validateOnce } from "../config/validation-mode.js";
import { isSyncError, toSyncError } from "../domain/errors.js";
import { LANGUAGES } from "../i18n/language.js";
import type { Translator } from "../i18n/translator.js";
import { VERSION } from "../platform/version.js";
import { registerBwlimit } from "./commands/bwlimit.js";
import { registerDaemon } from "./commands/daemon.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerIntegrate } from "./commands/integrate.js";
import { registerNotify } from "./commands/notify.js";
import { registerPause } from "./commands/pause.js";
import { registerRemote } from "./commands/remote.js";
import { registerRepair } from "./commands/repair.js";
import { registerCancel, registerRetry } from "./commands/retry.js";
import { registerService } from "./commands/service.js";
import { registerStatus } from "./commands/status.js";
import { registerToken } from "./commands/token.js";
import { registerUpload } from "./commands/upload.js";
import { type CommandContext, createContext, type GlobalOptions, LOG_LEVELS } from "./context.js";
import { EXIT, exitCodeFor, exitCodesHelp } from "./exit-codes.js";
import { isLoopCommand } from "./loop-command.js";
import { isCommandParseError, parseErrorToSyncError, throwParseErrors } from "./parse-errors.js";
import { cliReader } from "./reader.js";
import { colorsFor, errorLines } from "./render/format.js";
import { helpLayout } from "./render/help-layout.js";
import { loadTextWidth } from "./render/text-width.js";

function exit(code: number): never {
  process.exit(code);
}

/** The code stays English (scripts match on it); the message and hint are the reader's. */
function printError(tr: Translator, error: unknown, json: boolean): number {
  const syncError = isCommandParseError(error) ? parseErrorToSyncError(error) : toSyncError(error, "USAGE");
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: syncError.toInfo() }, null, 2)}\n`);
  }
  const colors = colorsFor(process.stderr);
  // The detail is printed below as it is (it is not always rclone's).
  const [first, ...rest] = errorLines(tr, syncError, "", undefined, false);
  process.stderr.write(
    `${colors.red(tr.t("cli.errorLabel"))} ${first}\n${rest.map((line) => `  ${line}`).join("\n")}\n`,
  );
  if (syncError.detail !== undefined && syncError.detail !== syncError.message) {
    process.stderr.write(`  ${tr.t("cli.detail", { detail: syncError.detail })}\n`);
  }
  return isSyncError(error) || isCommandParseError(error) ? exitCodeFor(syncError.code) : EXIT.FAILED;
}

export async function main(argv: readonly string[], tr: Translator): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = new Command("junmai-sync")
    .description(tr.t("cli.description"))
    .version(VERSION, "-V, --version", tr.t("cli.option.version"))
    .helpOption("-h, --help", tr.t("cli.option.help"))
    .helpCommand("help [command]", tr.t("cli.option.helpCommand"))
    .option("-c, --config <file>", tr.t("cli.option.config"))
    .option("-d, --data-dir <dir>", tr.t("cli.option.dataDir"))
    .option("--rclone-config <file>", tr.t("cli.option.rcloneConfig"))
    .addOption(
      new Option("--log-level <level>", tr.t("cli.option.logLevel")).choices(LOG_LEVELS).default("warn"),
    )
    // Read before commander runs (reader.ts) so --help is already in this language; declared
    // here so it is accepted before or after the command name and listed in --help.
    .addOption(new Option("--lang <language>", tr.t("cli.option.lang")).choices(LANGUAGES))
    .addHelpText("after", `${exitCodesHelp(tr)}\n\n${tr.t("cli.help.colour")}`)
    .configureHelp({ ...helpLayout(tr), styleTitle: (title) => helpTitle(tr, title) })
    // A parse error is thrown (parse-errors.ts) and printed below like every other error, in
    // the reader's language: commander's own English line is not written.
    .configureOutput({ writeErr: (text) => process.stderr.write(text), outputError: () => {} });

  const run = async (work: (context: CommandContext) => Promise<number>) => {
    const globals = program.opts<GlobalOptions>();
    if (drawsColumns(argv)) await loadTextWidth();
    const context = createContext(globals, exit, tr);
    try {
      exitCode = await work(context);
    } finally {
      context.flushLogs();
    }
  };
  registerUpload(program, run, tr);
  registerStatus(program, run, tr);
  registerRetry(program, run, tr);
  registerCancel(program, run, tr);
  registerPause(program, run, tr);
  registerBwlimit(program, run, tr);
  registerRemote(program, run, tr);
  registerDoctor(program, run, tr);
  registerRepair(program, run, tr);
  registerDaemon(program, run, tr);
  registerToken(program, run, tr);
  registerNotify(program, run, tr);
  registerService(program, run, tr);
  registerIntegrate(program, run, tr);
  throwParseErrors(program);
  for (const command of program.commands) {
    command.helpOption("-h, --help", tr.t("cli.option.help"));
    command.configureHelp({ ...helpLayout(tr), styleTitle: (title) => helpTitle(tr, title) });
  }

  const json = argv.includes("--json");
  try {
    if (argv.some((arg) => arg === "-h" || arg === "--help" || arg === "help") || argv.length === 0)
      await loadTextWidth();
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander has already printed its message.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    return printError(tr, error, json);
  }
}

/**
 * Whether a command may pad or cut text other than ASCII to columns (tables, progress lines),
 * and so loads the exact width measure first. Machine output and a plain `upload` (one sentence
 * after queueing) never do, and start without it.
 */
function drawsColumns(argv: readonly string[]): boolean {
  if (argv.includes("--json")) return false;
  const command = argv.find(
    (arg, index) => !arg.startsWith("-") && !OPTION_VALUES.has(argv[index - 1] ?? ""),
  );
  return !(command === "upload" && !argv.includes("--wait") && !argv.includes("--dry-run"));
}

/** Global options whose value is the next argument (so it is not taken for the command's name). */
const OPTION_VALUES: ReadonlySet<string> = new Set([
  "-c",
  "--config",
  "-d",
  "--data-dir",
  "--rclone-config",
  "--log-level",
  "--lang",
]);

/**
 * `junmai-sync status | head -1`: the reader has gone, which is no failure of ours. A command
 * ends at once with 0 and says nothing; `daemon` and `watch` keep uploading and stop writing
 * there (their log file, if any, still has everything).
 */
function quietOnClosedPipe(args: readonly string[]): void {
  const keepRunning = isLoopCommand(args);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      if (!keepRunning) exit(EXIT.OK);
    });
  }
}

/** commander's section titles ("Usage:", "Options:" …) in the reader's language. */
function helpTitle(tr: Translator, title: string): string {
  switch (title) {
    case "Usage:":
      return tr.t("cli.help.usage");
    case "Arguments:":
      return tr.t("cli.help.arguments");
    case "Options:":
      return tr.t("cli.help.options");
    case "Global Options:":
      return tr.t("cli.help.globalOptions");
    case "Commands:":
      return tr.t("cli.help.commands");
    default:
      return title;
  }
}

const argv = process.argv.slice(2);
if (!isLoopCommand(argv)) validateOnce();
const { tr } = cliReader(argv);
quietOnClosedPipe(argv);
main(argv, tr).then(
  (code) => {
    process.exitCode = code;
    // Let stdout drain, then leave even if a handle (a socket, a timer) is still open.
    setImmediate(() => exit(code));
  },
  (error: unknown) => exit(printError(tr, error, false)),
);
