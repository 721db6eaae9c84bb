/**
 * Reads a byte range of a local file in order, in chunks, each allowed by the bandwidth limiter
 * before it is handed on: what our transports send, at the pace the limits allow.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import type { BandwidthTap } from "../engine/transport.js";

export const CHUNK_BYTES = 256 * 1024;

export async function* readRange(
  file: string,
  start: number,
  end: number,
  limiter: BandwidthTap,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  const handle = await open(file, "r");
  try {
    let position = start;
    while (position < end) {
      signal.throwIfAborted();
      const length = Math.min(CHUNK_BYTES, end - position);
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      if (bytesRead === 0) throw new Error(`${file} ended at byte ${position}, before ${end}`);
      await limiter.take(bytesRead, signal);
      position += bytesRead;
      yield bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** A hash of a byte range of a local file (no limiter: it stays on this machine). */
export async function hashRange(
  file: string,
  algorithm: string,
  start: number,
  end: number,
  signal: AbortSignal,
): Promise<string> {
  const hash = createHash(algorithm);
  const free: BandwidthTap = { take: async () => undefined };
  for await (const chunk of readRange(file, start, end, free, signal)) hash.update(chunk);
  return hash.digest("hex");
}
