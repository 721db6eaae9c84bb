/** Reading from the person or program at standard input: a secret without echo, or a pipe. */
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

/** Reads one line from the terminal with echo off; refuses when stdin is not a terminal. */
export async function askSecret(
  question: string,
  stream: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    throw new SyncError(
      "USAGE",
      say("remote.error.noTerminal", { what: question.replace(/[:：]\s*$/, "") }),
      {
        hint: say("remote.error.noTerminalHint"),
      },
    );
  }
  stream.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding("utf8");
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = "";
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === "\r" || char === "\n") {
            input.off("data", onData);
            resolve(value);
            return;
          }
          if (char === "\u0003") {
            input.off("data", onData);
            reject(new SyncError("USAGE", say("remote.error.cancelled")));
            return;
          }
          if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
          else value += char;
        }
      };
      input.on("data", onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    stream.write("\n");
  }
}

/** Everything piped into standard input, as text (to its end). */
export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The value of environment variable `name`, which must be set and not empty. */
export function secretFromEnv(name: string, what: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new SyncError("USAGE", say("remote.error.envUnset", { name, what }));
  }
  return value;
}
