/**
 * Bundles the CLI (as tsc emitted it in dist/) twice:
 *
 * - dist/bin/: `junmai-sync.js`, the small executable (cli/bin.ts), and `cli.cjs`, every
 *   command but the long-running ones in one CommonJS file, which bin.ts runs through V8's code
 *   cache (cli/code-cache.ts; `vm.Script` takes scripts, not ES modules). One file instead of
 *   ~500 module files (kysely alone is 263) halves a command's start; the code cache takes off
 *   most of the rest of the compiling. What a command imports on use (the server, the watcher,
 *   notifications) is wrapped by esbuild to run only when imported, so `upload` and `status`
 *   still never run it. The daemon's HTTP stack stays in node_modules here: bundled, its
 *   OpenAPI layer's use of zod would put all of zod (750 KB) in the file every command loads.
 *   `cli.cjs.build` holds the bundle's content hash, the code cache's key.
 * - dist/daemon/: the same CLI with everything bundled (ES modules), for `daemon` and `watch`
 *   (bin.ts picks it): one zod and no module files to keep is 14 MB less memory for as long as
 *   they run.
 *
 * Native addons and what is loaded by name at run time (pino and its streams, pg) stay in
 * node_modules. Both sit two folders below the package, so code that finds package.json or
 * assets/ by a relative path (../../) finds them as from dist/cli/.
 */
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

const LEAN_EXTERNAL = [...NATIVE_OR_BY_NAME, ...["hono", "@hono/*", "@asteasolutions/zod-to-openapi"]];
rmSync("dist/bin", { recursive: true, force: true });
mkdirSync("dist/bin", { recursive: true });
// CommonJS, as the folder's package.json says: an ES module entry would start Node's module loader.
writeFileSync("dist/bin/package.json", `${JSON.stringify({ type: "commonjs" })}\n`);
await build({
  entryPoints: { "junmai-sync": "dist/cli/bin.js" },
  outdir: "dist/bin",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  legalComments: "none",
  logLevel: "warning",
});
const cli = await build({
  entryPoints: { cli: "dist/cli/main.js" },
  outdir: "dist/bin",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  packages: "bundle",
  external: LEAN_EXTERNAL,
  // A script has no import.meta: its URL is the bundle's own (package.json, assets/ are found from it).
  define: { "import.meta.url": "__bundleUrl" },
  // Pure ASCII, so bin.ts reads it as latin1: decoding 2.7 MB of UTF-8 costs 15 ms a start.
  charset: "ascii",
  banner: {
    js: [
      'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;',
      "var __requireOnUse = (id) => Promise.resolve().then(() => { const m = require(id); return m && m.__esModule ? m : Object.assign(Object.create(null), m, { default: m }); });",
    ].join("\n"),
  },
  legalComments: "none",
  logLevel: "warning",
  metafile: process.env.BUNDLE_META !== undefined,
});
// esbuild leaves comments and regular expressions as written: escape what is left, so the
// file is ASCII and latin1 reads it right (\uXXXX means the same in a pattern; in a comment nothing).
// A package left in node_modules and loaded on use (sharp, ssh2, the AWS SDK, the watcher) is
// required, not imported: functions V8 restores from the code cache have lost the script's
// dynamic import callback, so an import() there fails ("A dynamic import callback was not
// specified") once the cache exists. All four are CommonJS; the result is shaped as import()'s.
const cliText = readFileSync("dist/bin/cli.cjs", "utf8")
  .replace(/\bimport\(("[^"./][^"]*")\)/g, (_, name) => `__requireOnUse(${name})`)
  .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
// (A bundled package's `typeof require == "function" ? require(x) : import(x)` never reaches its import.)
const leftImport = /\bimport\(\s*["'`]/.exec(cliText);
if (leftImport !== null) {
  throw new Error(
    `dist/bin/cli.cjs still calls import() at ${leftImport.index}: the code cache would break it`,
  );
}
writeFileSync("dist/bin/cli.cjs", cliText);
const hash = createHash("sha256").update(cliText).digest("hex").slice(0, 16);
writeFileSync("dist/bin/cli.cjs.build", `${hash}\n`);
await bundle("dist/daemon", { main: "dist/cli/main.js" }, NATIVE_OR_BY_NAME);
if (process.env.BUNDLE_META !== undefined)
  writeFileSync(process.env.BUNDLE_META, JSON.stringify(cli.metafile));
chmodSync("dist/bin/junmai-sync.js", 0o755);
