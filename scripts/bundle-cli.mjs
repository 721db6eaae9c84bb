/**
 * Bundles the CLI (as tsc emitted it in dist/) twice:
 *
 * - dist/bin/: every command. One file per command path instead of ~500 module files
 *   (kysely alone is 263), which halves a command's start-up; each dynamic import() is its own
 *   chunk, so `upload` and `status` never load the server, the watcher or notifications. The
 *   daemon's HTTP stack stays in node_modules here: bundled, its OpenAPI layer's use of zod
 *   would put all of zod (750 KB) in the chunk every command loads for its config, where the
 *   config schemas use 180 KB of it.
 * - dist/daemon/: the same CLI with everything bundled, for `daemon` and `watch` (bin.ts picks
 *   it): one zod and no module files to keep is 14 MB less memory for as long as they run.
 *
 * Native addons and what is loaded by name at run time (pino and its streams, pg) stay in
 * node_modules. Chunks sit beside their entry, two folders below the package, so code that
 * finds package.json or assets/ by a relative path (../../) finds them as from dist/cli/.
 */
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const NATIVE_OR_BY_NAME = [
  ...["better-sqlite3", "@parcel/watcher", "sharp", "@img/*", "pg", "pg-native", "pino", "pino-pretty"],
  // ssh2 loads its optional native crypto (and cpu-features) by path; the AWS SDK is large and
  // only loaded when a large file goes to S3: both stay in node_modules, loaded on first use.
  ...["ssh2", "cpu-features", "@aws-sdk/*"],
];

async function bundle(outdir, entryPoints, external) {
  // Chunk names carry a content hash: an earlier build's chunks would pile up.
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints,
    outdir,
    chunkNames: "[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "bundle",
    external,
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    legalComments: "none",
    logLevel: "warning",
    // BUNDLE_META=file: what went into which chunk, to see what a command loads.
    metafile: process.env.BUNDLE_META !== undefined,
  });
  return result.metafile;
}

const meta = await bundle("dist/bin", { "junmai-sync": "dist/cli/bin.js" }, [
  ...NATIVE_OR_BY_NAME,
  ...["hono", "@hono/*", "@asteasolutions/zod-to-openapi"],
]);
await bundle("dist/daemon", { main: "dist/cli/main.js" }, NATIVE_OR_BY_NAME);
if (process.env.BUNDLE_META !== undefined) writeFileSync(process.env.BUNDLE_META, JSON.stringify(meta));
chmodSync("dist/bin/junmai-sync.js", 0o755);
