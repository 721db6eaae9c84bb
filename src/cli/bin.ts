#!/usr/bin/env node
/**
 * The `junmai-sync` executable. Node ≥ 22.1 can keep the compiled code of the CLI between runs
 * (`module.enableCompileCache`, in the OS temp folder): compiling is most of a command's start,
 * so it is turned on before the CLI is loaded. Node 20 has no such cache and starts without it.
 *
 * `daemon` and `watch` run from the fully bundled copy (dist/daemon/, see
 * scripts/bundle-cli.mjs), which holds less memory for as long as they run; every other
 * command from the lean one beside this file, which starts sooner.
 */
import nodeModule from "node:module";
import { isLoopCommand } from "./loop-command.js";

const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
try {
  enableCompileCache?.();
} catch {
  // A cache folder that cannot be written only costs speed.
}
if (!isLoopCommand(process.argv.slice(2)) || !(await loadDaemonBundle())) await import("./main.js");

/** False when there is no daemon bundle (running tsc's output directly). */
async function loadDaemonBundle(): Promise<boolean> {
  try {
    // Built by the bundler next to dist/bin/; a path it must not follow.
    await import(new URL("../daemon/main.js", import.meta.url).href);
    return true;
  } catch (error: unknown) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return false;
    throw error;
  }
}
