/**
 * Bundles the CLI (`dist/cli/bin.js`, as tsc emitted it) into dist/bin/: one file per command
 * path instead of ~500 module files (kysely alone is 263), which halves a command's start-up.
 * Each dynamic import() becomes its own chunk, so `upload` and `status` never load the
 * server, the watcher or notifications. Native addons and what is loaded by file name at run
 * time (pino and its streams, pg) stay in node_modules.
 */
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const ENTRY = "dist/bin/junmai-sync.js";

// Chunk names carry a content hash: an earlier build's chunks would pile up.
rmSync("dist/bin", { recursive: true, force: true });
const result = await build({
  entryPoints: { "junmai-sync": "dist/cli/bin.js" },
  outdir: "dist/bin",
  // Chunks sit beside the entry: code that finds package.json or assets/ by a relative path
  // (../../) finds them from dist/bin/ as from dist/cli/.
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "bundle",
  external: [
    ...["better-sqlite3", "@parcel/watcher", "pg", "pg-native", "pino", "pino-pretty"],
    // The daemon's HTTP stack stays as installed: bundled, the OpenAPI layer's use of zod would
    // put all of zod (750 KB) in the chunk every command loads for its config, instead of the
    // 180 KB the config schemas use.
    ...["hono", "@hono/*", "@asteasolutions/zod-to-openapi"],
  ],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  legalComments: "none",
  logLevel: "warning",
  // BUNDLE_META=file: what went into which chunk, to see what a command loads.
  metafile: process.env.BUNDLE_META !== undefined,
});
if (process.env.BUNDLE_META !== undefined)
  writeFileSync(process.env.BUNDLE_META, JSON.stringify(result.metafile));
chmodSync(ENTRY, 0o755);
