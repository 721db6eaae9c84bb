/**
 * commander's own parse errors (an unknown option or command, a missing or extra argument, a
 * value outside an option's choices) as USAGE errors with catalogue sentences, so they are
 * printed like every other error: in the reader's language, with a hint, and as JSON under
 * `--json`. commander prints nothing itself (main.ts turns its error output off) and names the
 * error by a stable `code`; its English text is read only for the names in it, and a text this
 * does not know (a newer commander) is shown as commander wrote it.
 */
import type { Command, CommanderError } from "commander";
import { SyncError } from "../domain/errors.js";
import { type MessageRef, say } from "../i18n/message.js";

/** A parse error of the command `path` ("status", "remote add"; "" for the program itself). */
export class CommandParseError extends Error {
  override readonly name = "CommandParseError";
  constructor(
    readonly error: CommanderError,
    readonly path: string,
  ) {
    super(error.message, { cause: error });
  }
}

/** What commander exits with after printing help or the version: not a parse error. */
const HELP_CODES = new Set(["commander.help", "commander.helpDisplayed", "commander.version"]);

/**
 * Makes every command of `program` throw its parse errors as CommandParseError naming the
 * command; help and the version are thrown as commander throws them.
 */
export function throwParseErrors(program: Command, path: readonly string[] = []): void {
  program.exitOverride((error: CommanderError) => {
    throw HELP_CODES.has(error.code) ? error : new CommandParseError(error, path.join(" "));
  });
  for (const command of program.commands) throwParseErrors(command, [...path, command.name()]);
}

/** The USAGE error saying what `failure` means, in words the reader's edge renders. */
export function parseErrorToSyncError(failure: CommandParseError): SyncError {
  const { code, message } = failure.error;
  const text = message.replace(/^error: /, "");
  const quoted = (pattern: RegExp) => pattern.exec(text)?.[1];
  const suggestion = /\(Did you mean (?:one of )?(.+?)\?\)/.exec(text)?.[1];
  const hint: MessageRef =
    suggestion !== undefined
      ? failure.path === ""
        ? say("cli.parse.didYouMean", { suggestion })
        : say("cli.parse.didYouMeanIn", { suggestion, command: failure.path })
      : failure.path === ""
        ? say("errors.USAGE.hint")
        : say("cli.parse.commandHelp", { command: failure.path });
  const usage = (sentence: MessageRef | undefined) =>
    new SyncError("USAGE", sentence ?? text.split("\n")[0] ?? text, { hint, cause: failure.error });
  switch (code) {
    case "commander.unknownOption": {
      const option = quoted(/^unknown option '(.+?)'/);
      return usage(option === undefined ? undefined : say("cli.parse.unknownOption", { option }));
    }
    case "commander.unknownCommand": {
      const command = quoted(/^unknown command '(.+?)'/);
      return usage(command === undefined ? undefined : say("cli.parse.unknownCommand", { command }));
    }
    case "commander.missingArgument": {
      const argument = quoted(/^missing required argument '(.+?)'/);
      return usage(argument === undefined ? undefined : say("cli.parse.missingArgument", { argument }));
    }
    case "commander.optionMissingArgument": {
      const option = quoted(/^option '(.+?)' argument missing/);
      return usage(option === undefined ? undefined : say("cli.parse.optionNeedsValue", { option }));
    }
    case "commander.missingMandatoryOptionValue": {
      const option = quoted(/^required option '(.+?)' not specified/);
      return usage(option === undefined ? undefined : say("cli.parse.optionRequired", { option }));
    }
    case "commander.excessArguments": {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(text);
      return usage(
        counts === null
          ? undefined
          : say("cli.parse.tooManyArguments", {
              command: failure.path === "" ? "junmai-sync" : `junmai-sync ${failure.path}`,
              expected: Number(counts[1]),
              got: Number(counts[2]),
            }),
      );
    }
    case "commander.invalidArgument": {
      const choice = /^option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+)\.$/.exec(text);
      return usage(
        choice === null
          ? undefined
          : say("cli.parse.notAChoice", {
              option: choice[1] ?? "",
              value: choice[2] ?? "",
              choices: choice[3] ?? "",
            }),
      );
    }
    default:
      return usage(undefined);
  }
}

export function isCommandParseError(error: unknown): error is CommandParseError {
  return error instanceof CommandParseError;
}
