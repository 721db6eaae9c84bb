/**
 * The two resumable destinations for the resume benchmark: the tests' own s3rver and Debian
 * OpenSSH sshd fixtures (random loopback ports, stopped by PID), seen through one shape — a
 * connection string through a given port, where the bench puts its byte-counting proxy.
 */
import { startS3rver } from "../test/fixtures/s3rver-process.js";
import { startSshd } from "../test/fixtures/sshd.js";

export interface BenchServer {
  readonly port: number;
  /** The connection string through `port` (a byte-counting proxy in front of the server). */
  remote(port: number): string;
  stop(): Promise<void>;
}

export async function startS3rverServer(dir: string): Promise<BenchServer> {
  const s3 = await startS3rver(dir, "bench");
  return { port: s3.port, remote: (through) => s3.remote("S3RVER", through), stop: () => s3.stop() };
}

export async function startSshdServer(dir: string, root: string): Promise<BenchServer> {
  const sshd = await startSshd(dir);
  return { port: sshd.port, remote: (through) => sshd.remote(root, through), stop: () => sshd.stop() };
}
