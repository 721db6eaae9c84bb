/**
 * The two resumable destinations for the resume benchmark, as this process's own children on
 * random loopback ports, stopped by PID: s3rver (npm) and Debian's OpenSSH sshd.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface BenchServer {
  readonly port: number;
  /** The connection string through `port` (a byte-counting proxy in front of the server). */
  remote(port: number): string;
  stop(): Promise<void>;
}

function waitFor(child: ChildProcess, ready: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = ready.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${what} exited (${code}):\n${output}`)));
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
}

export async function startS3rverServer(dir: string): Promise<BenchServer> {
  mkdirSync(dir, { recursive: true });
  const require = createRequire(import.meta.url);
  const bin = path.join(path.dirname(require.resolve("s3rver/package.json")), "bin", "s3rver.js");
  const env = { ...process.env };
  delete env.AWS_CA_BUNDLE;
  const child = spawn(
    process.execPath,
    [bin, "-d", dir, "-a", "127.0.0.1", "-p", "0", "--silent", "--configure-bucket", "bench"],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const match = await waitFor(child, /listening on 127\.0\.0\.1:(\d+)/, "s3rver");
  const port = Number(match[1]);
  return {
    port,
    remote: (through) =>
      `:s3,provider=Other,endpoint='http://127.0.0.1:${through}',access_key_id=S3RVER,secret_access_key=S3RVER:bench`,
    stop: stopper(child),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startSshdServer(dir: string, root: string): Promise<BenchServer> {
  mkdirSync(dir, { recursive: true });
  mkdirSync("/run/sshd", { recursive: true });
  const hostKey = path.join(dir, "host_ed25519");
  const userKey = path.join(dir, "user_ed25519");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", userKey]);
  const authorized = path.join(dir, "authorized_keys");
  execFileSync("cp", [`${userKey}.pub`, authorized]);
  const port = await freePort();
  const config = path.join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${authorized}`,
      "UsePAM no",
      "StrictModes no",
      "PasswordAuthentication no",
      "PermitRootLogin prohibit-password",
      "Subsystem sftp internal-sftp",
      "",
    ].join("\n"),
  );
  const child = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", config], { stdio: ["ignore", "pipe", "pipe"] });
  await waitFor(child, /Server listening on 127\.0\.0\.1 port/, "sshd");
  const user = os.userInfo().username;
  return {
    port,
    remote: (through) => `:sftp,host=127.0.0.1,port=${through},user=${user},key_file='${userKey}':${root}`,
    stop: stopper(child),
  };
}
