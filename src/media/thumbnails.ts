/**
 * Small previews for the dashboard, from the same pipeline as renditions (oriented, sRGB, no
 * metadata), cached in the data directory by the source's path, size and modification time —
 * cheap to key, and a re-export gets a fresh one. The cache keeps the newest `maxFiles`.
 */
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { SyncError } from "../domain/errors.js";
import { type RenditionSettings, readableFormat } from "../domain/rendition.js";
import { say } from "../i18n/message.js";
import { writeAtomically } from "./atomic-write.js";
import { sha256Text } from "./file-hash.js";
import { Limiter } from "./limiter.js";
import { renderImage } from "./render.js";

export const THUMBNAIL_SETTINGS: RenditionSettings = Object.freeze({
  longEdge: 320,
  width: null,
  height: null,
  format: "jpeg",
  quality: 70,
  colorSpace: "srgb",
  sharpen: "screen",
  metadata: "none",
  removeLocation: true,
  watermark: null,
});

export interface ThumbnailOptions {
  readonly dir: string;
  readonly maxPixels: number;
  /** Thumbnails kept; the oldest go first. */
  readonly maxFiles?: number;
}

const DEFAULT_MAX_FILES = 1000;

export class Thumbnails {
  readonly #options: ThumbnailOptions;
  // One at a time: previews must never compete with renditions for the CPU.
  readonly #limiter = new Limiter(1);
  #written = 0;

  constructor(options: ThumbnailOptions) {
    this.#options = options;
  }

  /** The JPEG preview of `source`, made on first request. */
  async of(source: string): Promise<Buffer> {
    if (readableFormat(path.basename(source)) === null) {
      throw new SyncError(
        "RENDITION_UNSUPPORTED",
        say("rendition.error.noPreview", { file: path.basename(source) }),
        {
          hint: say("rendition.error.noPreviewHint"),
        },
      );
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(source);
    } catch (error: unknown) {
      throw new SyncError("SOURCE_MISSING", say("rendition.error.sourceMissing", { file: source }), {
        cause: error,
      });
    }
    const key = sha256Text(`${source}\n${info.size}\n${info.mtimeMs}`).slice(0, 40);
    const file = path.join(this.#options.dir, `${key}.jpg`);
    const cached = await readFile(file).catch(() => null);
    if (cached !== null) return cached;
    return this.#limiter.run(async () => {
      const made = await renderImage(source, THUMBNAIL_SETTINGS, { maxPixels: this.#options.maxPixels });
      await mkdir(this.#options.dir, { recursive: true });
      await writeAtomically(file, made.bytes);
      this.#written += 1;
      if (this.#written % 50 === 0) await this.#trim();
      return made.bytes;
    });
  }

  async #trim(): Promise<void> {
    const names = await readdir(this.#options.dir).catch(() => [] as string[]);
    const max = this.#options.maxFiles ?? DEFAULT_MAX_FILES;
    if (names.length <= max) return;
    const aged = await Promise.all(
      names.map(async (name) => {
        const info = await stat(path.join(this.#options.dir, name)).catch(() => null);
        return { name, at: info?.mtimeMs ?? 0 };
      }),
    );
    aged.sort((a, b) => a.at - b.at);
    for (const { name } of aged.slice(0, aged.length - max)) {
      await rm(path.join(this.#options.dir, name), { force: true });
    }
  }
}
