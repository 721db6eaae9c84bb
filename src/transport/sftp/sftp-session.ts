/**
 * One SSH connection with its SFTP channel, as promises: what the resumable SFTP upload needs
 * (stat, open, in-order writes, fsync, posix-rename, unlink, mkdir, and exec for hashes).
 */
import type { Client, ConnectConfig, SFTPWrapper } from "ssh2";
import { SyncError } from "../../domain/errors.js";
import { redactSecrets } from "../../domain/redact.js";
import { say } from "../../i18n/message.js";

export interface ExecResult {
  readonly code: number | null;
  readonly stdout: string;
}

const SFTP_NO_SUCH_FILE = 2;
const NETWORK =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|Timed out|No response|Not connected|closed|ended/i;

export function sftpError(error: unknown, what: string): SyncError {
  if (error instanceof SyncError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const detail = redactSecrets(text);
  const level = (error as { level?: string } | null)?.level;
  if (
    level === "client-authentication" ||
    /authentication methods failed|Permission denied \(publickey/i.test(text)
  ) {
    return new SyncError("AUTH_FAILED", say("transport.sftpAuth", { what }), {
      cause: error,
      detail,
    });
  }
  if (/no space|quota|disk full/i.test(text)) {
    return new SyncError("QUOTA_EXCEEDED", say("transport.sftpQuota", { what }), {
      cause: error,
      detail,
    });
  }
  if (/permission denied/i.test(text)) {
    return new SyncError("PERMISSION_DENIED", say("transport.sftpPermission", { what }), {
      cause: error,
      detail,
    });
  }
  if (NETWORK.test(text) || level === "client-socket" || level === "client-timeout") {
    return new SyncError("REMOTE_UNREACHABLE", say("transport.sftpUnreachable", { what }), {
      cause: error,
      detail,
    });
  }
  return new SyncError("TRANSFER_FAILED", say("transport.sftpFailed", { what }), { cause: error, detail });
}

function isNoSuchFile(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === SFTP_NO_SUCH_FILE;
}

export class SftpSession {
  readonly #client: Client;
  readonly #sftp: SFTPWrapper;

  private constructor(client: Client, sftp: SFTPWrapper) {
    this.#client = client;
    this.#sftp = sftp;
  }

  static async open(config: ConnectConfig, signal: AbortSignal): Promise<SftpSession> {
    // Loaded on first use, so CLI commands that never upload over SFTP do not pay for it.
    const ssh2 = await import("ssh2");
    const client: Client = new (ssh2.Client ?? ssh2.default.Client)();
    return new Promise<SftpSession>((resolve, reject) => {
      const onAbort = () => {
        client.end();
        reject(new SyncError("TRANSFER_INTERRUPTED", say("stored.transferHalted")));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      client.once("error", (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(sftpError(error, "connecting"));
      });
      client.once("ready", () => {
        client.sftp((error, sftp) => {
          signal.removeEventListener("abort", onAbort);
          if (error) {
            client.end();
            reject(sftpError(error, "opening SFTP"));
            return;
          }
          // Later socket errors surface through the pending request that meets them.
          client.on("error", () => undefined);
          resolve(new SftpSession(client, sftp));
        });
      });
      client.connect({ readyTimeout: 20_000, keepaliveInterval: 10_000, ...config });
    });
  }

  /** The file's size, or null when there is none. */
  size(path: string): Promise<number | null> {
    return new Promise((resolve, reject) => {
      this.#sftp.stat(path, (error, stats) => {
        if (error) return isNoSuchFile(error) ? resolve(null) : reject(sftpError(error, `reading ${path}`));
        resolve(stats.size);
      });
    });
  }

  openFile(path: string, flags: "w" | "r+"): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.#sftp.open(path, flags, (error, handle) =>
        error ? reject(sftpError(error, `opening ${path}`)) : resolve(handle),
      );
    });
  }

  write(handle: Buffer, data: Buffer, position: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#sftp.write(handle, data, 0, data.length, position, (error) =>
        error ? reject(sftpError(error, "writing")) : resolve(),
      );
    });
  }

  /** Cuts the open file to `size` bytes. */
  truncate(handle: Buffer, size: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#sftp.fsetstat(handle, { size }, (error) =>
        error ? reject(sftpError(error, "truncating")) : resolve(),
      );
    });
  }

  /** fsync@openssh.com where offered: the bytes we count as sent are on the server's disk. */
  fsync(handle: Buffer): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.#sftp.ext_openssh_fsync(handle, () => resolve());
      } catch {
        resolve();
      }
    });
  }

  closeFile(handle: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#sftp.close(handle, (error) => (error ? reject(sftpError(error, "closing")) : resolve()));
    });
  }

  /** posix-rename@openssh.com (atomic, replaces `to`) where offered, else remove + rename. */
  async rename(from: string, to: string): Promise<void> {
    const posix = await new Promise<boolean>((resolve, reject) => {
      try {
        this.#sftp.ext_openssh_rename(from, to, (error) =>
          error ? reject(sftpError(error, `renaming ${from}`)) : resolve(true),
        );
      } catch {
        resolve(false);
      }
    });
    if (posix) return;
    await this.unlink(to);
    await new Promise<void>((resolve, reject) => {
      this.#sftp.rename(from, to, (error) =>
        error ? reject(sftpError(error, `renaming ${from}`)) : resolve(),
      );
    });
  }

  /** Free bytes for us where the file lives (statvfs@openssh.com), or null when the server does not say. */
  freeBytes(path: string): Promise<number | null> {
    return new Promise((resolve) => {
      try {
        this.#sftp.ext_openssh_statvfs(
          path,
          (error, info: { f_bavail?: number | bigint; f_frsize?: number | bigint }) => {
            if (error || info?.f_bavail === undefined || info.f_frsize === undefined) return resolve(null);
            resolve(Number(info.f_bavail) * Number(info.f_frsize));
          },
        );
      } catch {
        resolve(null);
      }
    });
  }

  /** Removes a file; one that is not there is not an error. */
  unlink(path: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#sftp.unlink(path, (error) =>
        error && !isNoSuchFile(error) ? reject(sftpError(error, `removing ${path}`)) : resolve(),
      );
    });
  }

  /** Creates the folder and its parents (like rclone does before an upload). */
  async mkdirs(dir: string): Promise<void> {
    if (dir === "" || dir === "." || dir === "/") return;
    const parts = dir.split("/");
    for (let index = 1; index <= parts.length; index += 1) {
      const prefix = parts.slice(0, index).join("/");
      if (prefix === "" || prefix === ".") continue;
      if ((await this.#isDir(prefix)) === true) continue;
      await new Promise<void>((resolve, reject) => {
        this.#sftp.mkdir(prefix, (error) =>
          error ? reject(sftpError(error, `creating ${prefix}`)) : resolve(),
        );
      });
    }
  }

  #isDir(path: string): Promise<boolean | null> {
    return new Promise((resolve) => {
      this.#sftp.stat(path, (error, stats) => resolve(error ? null : stats.isDirectory()));
    });
  }

  /** Runs a shell command on the server; null when exec is refused. */
  exec(command: string, signal: AbortSignal): Promise<ExecResult | null> {
    return new Promise((resolve) => {
      this.#client.exec(command, (error, stream) => {
        if (error) return resolve(null);
        let stdout = "";
        const onAbort = () => stream.close();
        signal.addEventListener("abort", onAbort, { once: true });
        stream.on("data", (chunk: Buffer) => {
          stdout += chunk.toString("utf8");
        });
        stream.stderr.on("data", () => undefined);
        stream.on("close", (code: number | null) => {
          signal.removeEventListener("abort", onAbort);
          resolve({ code, stdout });
        });
      });
    });
  }

  close(): void {
    this.#client.end();
  }
}
