#!/usr/bin/env node
/**
 * The `junmai-sync` command. The only place that exits the process: every command returns an
 * exit code, and every error that escapes is printed as code + message + hint, never a stack.
 */
import { Command, CommanderError, Option } from "commander";
import { isSyncError, toSyncError } from "../domain/errors.js";
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
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from "./exit-codes.js";
import { colorsFor, errorLines } from "./render/format.js";

function exit(code: number): never {
  process.exit(code);
}

function printError(error: unknown, json: boolean): number {
  const syncError = toSyncError(error, "USAGE");
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: syncError.toInfo() }, null, 2)}\n`);
  }
  const colors = colorsFor(process.stderr);
  // The detail is printed below as it is (it is not always rclone's).
  const { detail: _detail, ...shown } = syncError.toInfo();
  const [first, ...rest] = errorLines(shown, "");
  process.stderr.write(`${colors.red("error")} ${first}\n${rest.map((line) => `  ${line}`).join("\n")}\n`);
  if (syncError.detail !== undefined && syncError.detail !== syncError.message) {
    process.stderr.write(`  detail: ${syncError.detail}\n`);
  }
  return isSyncError(error) ? exitCodeFor(syncError.code) : EXIT.FAILED;
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = new Command("junmai-sync")
    .description("Durable, verified photo uploads to any cloud through rclone.")
    .version(VERSION, "-V, --version")
    .option("-c, --config <file>", "config file (default: JUNMAI_SYNC_CONFIG, then the OS config folder)")
    .option(
      "-d, --data-dir <dir>",
      "data directory holding the queue (default: JUNMAI_SYNC_DATA_DIR, then the OS data folder)",
    )
    .option(
      "--rclone-config <file>",
      "rclone.conf to use (default: the config's rclone.configPath, then RCLONE_CONFIG, then rclone's own)",
    )
    .addOption(new Option("--log-level <level>", "log level for stderr").choices(LOG_LEVELS).default("warn"))
    .addHelpText(
      "after",
      `${EXIT_CODES_HELP}\n\nColour is off when NO_COLOR is set or output is not a terminal.`,
    )
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  const run = async (work: (context: CommandContext) => Promise<number>) => {
    const globals = program.opts<GlobalOptions>();
    const context = createContext(globals, exit);
    try {
      exitCode = await work(context);
    } finally {
      context.flushLogs();
    }
  };
  registerUpload(program, run);
  registerStatus(program, run);
  registerRetry(program, run);
  registerCancel(program, run);
  registerPause(program, run);
  registerBwlimit(program, run);
  registerRemote(program, run);
  registerDoctor(program, run);
  registerRepair(program, run);
  registerDaemon(program, run);
  registerToken(program, run);
  registerNotify(program, run);
  registerService(program, run);
  registerIntegrate(program, run);
  for (const command of program.commands) command.exitOverride();

  const json = argv.includes("--json");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander has already printed its message.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    return printError(error, json);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Let stdout drain, then leave even if a handle (a socket, a timer) is still open.
    setImmediate(() => exit(code));
  },
  (error: unknown) => exit(printError(error, false)),
);
