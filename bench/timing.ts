/** Running a command to completion and timing it; medians. */
import { spawn } from "node:child_process";

/** Runs to completion and returns the wall time; `profileDir` (node commands only) adds --cpu-prof. */
export async function timeCommand(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  profileDir?: string,
): Promise<number> {
  const argv = profileDir === undefined ? args : ["--cpu-prof", "--cpu-prof-dir", profileDir, ...args];
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, argv, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr.slice(-500)}`)),
    );
  });
  return performance.now() - started;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
