/**
 * Renditions: 20 JPEGs of 24 MP (6000 × 4000, Adobe RGB embedded) → long edge 2048, JPEG q80,
 * sRGB — through the product (queued, made, uploaded to a local folder, verified) against
 * ImageMagick doing the same work in the same run (`convert … -profile sRGB.icc -resize
 * 2048x2048 -quality 80`, one process per file, as many at once as there are CPUs). Peak RSS of
 * our process is read from /proc (VmHWM) while it runs.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { median } from "./timing.js";

const FILES = Number(process.env.BENCH_RENDITION_FILES ?? 20);
const WIDTH = 6000;
const HEIGHT = 4000;
const RUNS = 2;
/** Ghostscript's Adobe RGB (1998)-compatible profile (Debian: libgs-common, pulled in by ImageMagick). */
const ADOBE_RGB = "/usr/share/color/icc/ghostscript/a98.icc";
/** Debian's ImageMagick, by full path: another `convert` may come first on PATH. */
const CONVERT = process.env.BENCH_CONVERT ?? "/usr/bin/convert";

export interface RenditionBench {
  readonly files: number;
  readonly megapixels: number;
  readonly oursMs: number;
  readonly oursRunsMs: readonly number[];
  readonly imageMagickMs: number;
  readonly imageMagickRunsMs: readonly number[];
  readonly imageMagickProcesses: number;
  readonly ratio: number;
  readonly peakRssMb: number;
  readonly loadAverageAtStart: readonly number[];
}

export async function measureRenditions(root: string, cli: string): Promise<RenditionBench> {
  const loadAverageAtStart = os.loadavg();
  const source = path.join(root, "renditions-src");
  await makeSources(source);
  const srgb = path.join(root, "sRGB.icc");
  writeFileSync(srgb, await srgbProfile());
  const config = path.join(root, "renditions-config.json");
  const out = path.join(root, "renditions-ours");
  writeFileSync(
    config,
    JSON.stringify({
      destinations: [
        {
          name: "web",
          remote: out,
          rendition: { longEdge: 2048, format: "jpeg", quality: 80, colorSpace: "srgb", metadata: "all" },
        },
      ],
      store: { type: "sqlite" },
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  const ours: number[] = [];
  const magick: number[] = [];
  let peakRssMb = 0;
  const processes = os.availableParallelism();
  for (let run = 0; run < RUNS; run += 1) {
    const imOut = path.join(root, `renditions-im-${run}`);
    mkdirSync(imOut, { recursive: true });
    magick.push(await imageMagick(source, imOut, srgb, processes));
    expectCount(imOut, "ImageMagick");
    rmSync(imOut, { recursive: true, force: true });

    rmSync(out, { recursive: true, force: true });
    const dataDir = path.join(root, `renditions-queue-${run}`);
    const result = await timed(
      process.execPath,
      [cli, "--config", config, "--data-dir", dataDir, "upload", source, "--to", "web", "--wait"],
      env,
    );
    ours.push(result.ms);
    peakRssMb = Math.max(peakRssMb, result.peakRssMb);
    expectCount(path.join(out, path.basename(source)), "junmai-sync");
  }
  const oursMs = median(ours);
  const imageMagickMs = median(magick);
  return {
    files: FILES,
    megapixels: (WIDTH * HEIGHT) / 1e6,
    oursMs,
    oursRunsMs: ours,
    imageMagickMs,
    imageMagickRunsMs: magick,
    imageMagickProcesses: processes,
    ratio: oursMs / imageMagickMs,
    peakRssMb,
    loadAverageAtStart,
  };
}

export interface RenditionMemory {
  readonly files: number;
  readonly ms: number;
  readonly peakRssMb: number;
}

/**
 * Memory over a long batch (`npm run bench -- --only rendition-memory`, BENCH_RENDITION_FILES
 * files, default 500): the product alone, peak RSS of the process doing the work.
 */
export async function measureRenditionMemory(root: string, cli: string): Promise<RenditionMemory> {
  const files = Number(process.env.BENCH_RENDITION_FILES ?? 500);
  const source = path.join(root, "memory-src");
  await makeSources(source, files);
  const config = path.join(root, "memory-config.json");
  writeFileSync(
    config,
    JSON.stringify({
      destinations: [
        { name: "web", remote: path.join(root, "memory-out"), rendition: { longEdge: 2048, quality: 80 } },
      ],
      store: { type: "sqlite" },
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.JUNMAI_SYNC_PG_URL;
  const result = await timed(
    process.execPath,
    [cli, "--config", config, "--data-dir", path.join(root, "memory-queue"), "upload", source, "--wait"],
    env,
  );
  return { files, ms: result.ms, peakRssMb: result.peakRssMb };
}

export function renditionMemoryLines(memory: RenditionMemory): string[] {
  return [
    `renditions: ${memory.files} × 24 MP → 2048 px, one upload --wait: ${(memory.ms / 1000).toFixed(0)} s, peak RSS ${memory.peakRssMb.toFixed(0)} MB`,
  ];
}

export function renditionLines(bench: RenditionBench): string[] {
  return [
    `renditions: ${bench.files} × ${bench.megapixels} MP JPEG (Adobe RGB) → 2048 px JPEG q80 sRGB`,
    `  junmai-sync upload --wait (made, uploaded, verified)   ${(bench.oursMs / 1000).toFixed(2)} s  (runs ${bench.oursRunsMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} s)`,
    `  ImageMagick convert × ${bench.imageMagickProcesses} in parallel              ${(bench.imageMagickMs / 1000).toFixed(2)} s  (runs ${bench.imageMagickRunsMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} s)`,
    `  ours ÷ ImageMagick = ${bench.ratio.toFixed(2)} (target ≤ 0.5) · peak RSS of junmai-sync ${bench.peakRssMb.toFixed(0)} MB · load average at start ${bench.loadAverageAtStart.map((load) => load.toFixed(2)).join(" ")}`,
  ];
}

function expectCount(dir: string, way: string): void {
  const count = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".jpg")).length : 0;
  if (count < FILES) throw new Error(`${way}: ${count} of ${FILES} renditions made; the timing is void`);
}

/** Photo-like content: smooth gradients with fine noise, so the JPEGs are of a camera's size. */
async function makeSources(dir: string, files: number = FILES): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const base = await sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      background: { r: 90, g: 120, b: 150 },
      noise: { type: "gaussian", mean: 128, sigma: 18 },
    },
  })
    .blur(1.2)
    .withIccProfile(ADOBE_RGB)
    .jpeg({ quality: 92 })
    .toBuffer();
  for (let index = 0; index < files; index += 1) {
    // A comment of its own makes every file's content (and so its cache key) different: each
    // rendition is really made, none reused from another file.
    const comment = Buffer.from(`frame ${index}`, "latin1");
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(comment.length + 2, 2);
    const file = Buffer.concat([base.subarray(0, 2), segment, comment, base.subarray(2)]);
    writeFileSync(path.join(dir, `DSC_${String(index).padStart(4, "0")}.jpg`), file);
  }
}

/** sRGB as libvips embeds it, for ImageMagick's `-profile`. */
async function srgbProfile(): Promise<Buffer> {
  const made = await sharp({ create: { width: 1, height: 1, channels: 3, background: "white" } })
    .withIccProfile("srgb")
    .jpeg()
    .toBuffer();
  const icc = (await sharp(made).metadata()).icc;
  if (icc === undefined) throw new Error("sharp embedded no sRGB profile");
  return icc;
}

async function imageMagick(source: string, out: string, srgb: string, processes: number): Promise<number> {
  const names = readdirSync(source).filter((name) => name.endsWith(".jpg"));
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next] as string;
      next += 1;
      await timed(CONVERT, [
        path.join(source, name),
        "-profile",
        srgb,
        "-resize",
        "2048x2048",
        "-quality",
        "80",
        path.join(out, name),
      ]);
    }
  };
  await Promise.all(Array.from({ length: processes }, worker));
  return performance.now() - started;
}

/** Runs to completion; wall time and the process's peak RSS (VmHWM, polled while it runs). */
async function timed(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ms: number; peakRssMb: number }> {
  const started = performance.now();
  let peakRssMb = 0;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const poll = setInterval(() => {
      peakRssMb = Math.max(peakRssMb, highWaterMb(child.pid));
    }, 50);
    child.once("error", (error) => {
      clearInterval(poll);
      reject(error);
    });
    child.once("exit", (code) => {
      clearInterval(poll);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr.slice(-500)}`));
    });
  });
  return { ms: performance.now() - started, peakRssMb };
}

function highWaterMb(pid: number | undefined): number {
  if (pid === undefined || process.platform !== "linux") return 0;
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
