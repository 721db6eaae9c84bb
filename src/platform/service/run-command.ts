/**
 * Runs the service manager's commands (systemctl, launchctl, schtasks) and reports each one's
 * result the same way, whether it ran, failed or does not exist here — the caller decides.
 */
import { execFile } from "node:child_process";
import type { ServiceCommand } from "./service-definition.js";

export interface CommandResult {
  readonly command: ServiceCommand;
  /** null when it could not run at all (not installed) or was killed. */
  readonly exitCode: number | null;
  readonly output: string;
}

export type CommandRunner = (command: ServiceCommand) => Promise<CommandResult>;

export const runServiceCommand: CommandRunner = (command) =>
  new Promise((resolve) => {
    execFile(
      command.command,
      [...command.args],
      { timeout: 60_000, windowsHide: true, encoding: "utf8" },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (error === null) {
          resolve({ command, exitCode: 0, output });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        resolve({
          command,
          exitCode: typeof code === "number" ? code : null,
          output: output === "" ? error.message : output,
        });
      },
    );
  });

/** How a command reads on a terminal: arguments with spaces quoted. */
export function showCommand(command: ServiceCommand): string {
  return [command.command, ...command.args]
    .map((part) => (/^[\w@%+=:,./\\-]+$/.test(part) ? part : `"${part.replaceAll('"', '\\"')}"`))
    .join(" ");
}
