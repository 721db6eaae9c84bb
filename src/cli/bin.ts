#!/usr/bin/env node
/**
 * The `junmai-sync` executable.
 *
 * `daemon` and `watch` run from the fully bundled copy (dist/daemon/, see
 * scripts/bundle-cli.mjs), which holds less memory for as long as they run. Every other command
 * runs from one CommonJS bundle (dist/bin/cli.cjs) through V8's code cache (code-cache.ts):
 * compiling is a third of a command's start, and Node 20 keeps no compiled code between runs.
 * Node ≥ 22.1 also caches what the daemon bundle compiles (`module.enableCompileCache`).
 *
 * The bundler makes this file CommonJS too (dist/bin/package.json says so): an ES module entry
 * starts Node's module loader, a tenth of `node -e 0` again. So no top-level await here.
 */
import nodeModule from "node:module";
import { fileURLToPath } from "node:url";
import { runCliBundle } from "./code-cache.js";
import { isLoopCommand } from "./loop-command.js";

const argv = process.argv.slice(2);

/** False when there is no daemon bundle (running tsc's output directly). */
async function loadDaemonBundle(): Promise<boolean> {
  const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
  try {
    enableCompileCache?.();
  } catch {
    // A cache folder that cannot be written only costs speed.
  }
  try {
    // Built by the bundler next to dist/bin/; a path it must not follow.
    await import(new URL("../daemon/main.js", import.meta.url).href);
    return true;
  } catch (error: unknown) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return false;
    throw error;
  }
}

async function start(): Promise<void> {
  if (isLoopCommand(argv) && (await loadDaemonBundle())) return;
  // From dist/bin/ (the bundle) and dist/cli/ (tsc's output) alike.
  const bundle = fileURLToPath(new URL("../bin/cli.cjs", import.meta.url));
  // Paths the bundler must not follow: without the bundle, tsc's output runs as it is.
  if (!runCliBundle(bundle, argv)) await import(new URL("./main.js", import.meta.url).href);
}

start().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
