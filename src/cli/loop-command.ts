/** Whether argv runs `daemon` or `watch`, read before commander is loaded (see bin.ts). */

/** Global options that take a value (main.ts): their value is not the command. */
const VALUED = new Set(["-c", "--config", "-d", "--data-dir", "--rclone-config", "--log-level"]);

export function isLoopCommand(argv: readonly string[]): boolean {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (VALUED.has(arg)) {
      index += 1;
      continue;
    }
    if (arg.startsWith("-")) continue;
    return arg === "daemon" || arg === "watch";
  }
  return false;
}
