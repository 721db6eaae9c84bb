/**
 * The service's image caches in the data directory: renditions (made for the engine's prepare
 * step) and dashboard thumbnails, each built on first use from the current config.
 */
import os from "node:os";
import path from "node:path";
import type { ResolvedConfig } from "../config/resolve.js";
import { defaultRenditionConcurrency, RenditionCache } from "../media/rendition-cache.js";
import { Thumbnails } from "../media/thumbnails.js";

export class MediaCaches {
  readonly #dataDir: string;
  readonly #config: () => ResolvedConfig;
  #renditions: RenditionCache | undefined;
  #thumbnails: Thumbnails | undefined;

  constructor(dataDir: string, config: () => ResolvedConfig) {
    this.#dataDir = dataDir;
    this.#config = config;
  }

  renditions(): RenditionCache {
    const { engine } = this.#config();
    this.#renditions ??= new RenditionCache({
      dir: path.join(this.#dataDir, "renditions"),
      concurrency: engine.renditionConcurrency ?? defaultRenditionConcurrency(os.availableParallelism()),
      maxPixels: engine.renditionMaxMegapixels * 1_000_000,
    });
    return this.#renditions;
  }

  thumbnails(): Thumbnails {
    this.#thumbnails ??= new Thumbnails({
      dir: path.join(this.#dataDir, "thumbnails"),
      maxPixels: this.#config().engine.renditionMaxMegapixels * 1_000_000,
    });
    return this.#thumbnails;
  }
}
