/** `rclone serve webdav` on a random loopback port for the benchmark; stopped by its PID. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";

export interface WebdavServer {
  /** rclone connection string for the server's root, ending in `:`. */
  readonly remote: string;
  stop(): Promise<void>;
}

export async function startWebdavServer(root: string): Promise<WebdavServer> {
  const child: ChildProcess = spawn(
    "rclone",
    // No directory cache: the destination is cleaned on disk between runs, and a real WebDAV
    // server does not answer from a stale listing (rclone copy would skip every file).
    [
      "serve",
      "webdav",
      root,
      "--addr",
      "127.0.0.1:0",
      "--user",
      "bench",
      "--pass",
      "bench",
      "--dir-cache-time",
      "0s",
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => reject(new Error(`rclone serve webdav did not start:\n${output}`)),
      20_000,
    );
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /started on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`rclone serve webdav exited (${code}):\n${output}`)));
  });
  const pass = execFileSync("rclone", ["obscure", "bench"], { encoding: "utf8" }).trim();
  return {
    remote: `:webdav,url='http://127.0.0.1:${port}',vendor=other,user=bench,pass=${pass}:`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
