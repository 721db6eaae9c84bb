/**
 * sharp, loaded on first use (most commands never make an image, and every command's start-up
 * counts) and set up once for a long-running daemon: a small operation cache, so memory stays
 * flat over a batch of hundreds of 24 MP files, and a bounded libvips thread pool per image —
 * images at once are bounded separately, by the rendition limiter.
 */
import os from "node:os";
import type { Sharp, SharpConstructor, SharpOptions } from "sharp";

type SharpModule = SharpConstructor;

let loaded: Promise<SharpModule> | undefined;

/** libvips threads one image may use; more adds memory and little speed for one JPEG. */
const THREADS_PER_IMAGE = Math.max(1, Math.min(4, os.availableParallelism()));

export function loadSharp(): Promise<SharpModule> {
  loaded ??= import("sharp").then(({ default: sharp }) => {
    // Each input is read once; caching decoded tiles across images only grows the heap.
    sharp.cache({ memory: 32, files: 0, items: 64 });
    sharp.concurrency(THREADS_PER_IMAGE);
    return sharp;
  });
  return loaded;
}

/** Opens `file` with the guards every read uses: a pixel limit, and truncated files refused. */
export async function openImage(file: string, maxPixels: number, extra: SharpOptions = {}): Promise<Sharp> {
  const sharp = await loadSharp();
  return sharp(file, { failOn: "truncated", limitInputPixels: maxPixels, sequentialRead: true, ...extra });
}
