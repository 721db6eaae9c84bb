/**
 * One `rclone rcd` child: loopback only, a port the kernel picks (read back from rclone's own
 * log line, so there is no free-port race), and random credentials passed through the
 * environment so they never show in `ps`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import type { RcEndpoint } from "./rc-client.js";
import { rcdEnvironment } from "./rcd-environment.js";

export interface RcdOptions {
  readonly binary: string;
  /** rclone.conf to use; undefined lets rclone find its own (RCLONE_CONFIG or its default). */
  readonly configPath?: string | undefined;
  readonly startTimeoutMs?: number;
  /** Called with each line rclone logs (NOTICE and worse). */
  readonly onLog?: (line: string) => void;
}

const SERVING = /Serving remote control on (http:\/\/[^\s/]+)\//;

export interface RcdExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class RcdProcess {
  readonly endpoint: RcEndpoint;
  readonly pid: number;
  /** Settles when the process has exited, for any reason. */
  readonly exited: Promise<RcdExit>;
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess, endpoint: RcEndpoint, exited: Promise<RcdExit>) {
    this.#child = child;
    this.endpoint = endpoint;
    this.pid = child.pid ?? -1;
    this.exited = exited;
  }

  static start(options: RcdOptions): Promise<RcdProcess> {
    const user = `junmai-${randomBytes(6).toString("hex")}`;
    const pass = randomBytes(24).toString("base64url");
    const inherited = rcdEnvironment(process.env);
    const args = [
      "rcd",
      "--rc-addr",
      "127.0.0.1:0",
      // Our retry layer decides about whole-operation retries; rclone keeps its low-level
      // retries and pacer, which handle a dropped connection inside one transfer (10, unless
      // the user tunes them with rclone's own RCLONE_LOW_LEVEL_RETRIES).
      "--retries",
      "1",
      ...(process.env.RCLONE_LOW_LEVEL_RETRIES === undefined ? ["--low-level-retries", "10"] : []),
      "--log-level",
      "NOTICE",
      ...(options.configPath === undefined ? [] : ["--config", options.configPath]),
      ...inherited.args,
    ];
    const child = spawn(options.binary, args, {
      env: { ...inherited.env, RCLONE_RC_USER: user, RCLONE_RC_PASS: pass },
      stdio: ["ignore", "ignore", "pipe"],
      windowsHide: true,
    });
    const exited = new Promise<RcdExit>((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
      child.once("error", () => resolve({ code: null, signal: null }));
    });

    return new Promise((resolve, reject) => {
      let buffered = "";
      let settled = false;
      const timer = setTimeout(() => {
        fail(new SyncError("RCLONE_FAILED", say("rclone.startTimeout")));
        child.kill("SIGKILL");
      }, options.startTimeoutMs ?? 20_000);
      const fail = (error: SyncError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      child.once("error", (error) => {
        const missing = "code" in error && error.code === "ENOENT";
        fail(
          missing
            ? new SyncError("RCLONE_MISSING", say("rclone.notFound", { binary: options.binary }))
            : new SyncError("RCLONE_FAILED", say("rclone.startFailed", { reason: error.message }), {
                cause: error,
              }),
        );
      });
      child.stderr?.setEncoding("utf8");
      child.stderr?.on("data", (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf("\n");
        while (newline !== -1) {
          const line = buffered.slice(0, newline).trimEnd();
          buffered = buffered.slice(newline + 1);
          options.onLog?.(line);
          const match = SERVING.exec(line);
          if (match?.[1] !== undefined && !settled) {
            settled = true;
            clearTimeout(timer);
            resolve(new RcdProcess(child, { url: match[1], user, pass }, exited));
          }
          newline = buffered.indexOf("\n");
        }
      });
      void exited.then(({ code, signal }) => {
        fail(
          new SyncError(
            "RCLONE_FAILED",
            say("rclone.exitedAtStart", { code: String(code), signal: String(signal) }),
            {
              detail: buffered.slice(-500),
            },
          ),
        );
      });
    });
  }

  /** Asks rclone to stop, then insists after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill("SIGTERM");
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
