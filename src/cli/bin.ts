#!/usr/bin/env node
/**
 * The `junmai-sync` executable. Node ≥ 22.1 can keep the compiled code of the CLI between runs
 * (`module.enableCompileCache`, in the OS temp folder): compiling is most of a command's start,
 * so it is turned on before the CLI is loaded. Node 20 has no such cache and starts without it.
 */
import nodeModule from "node:module";

const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
try {
  enableCompileCache?.();
} catch {
  // A cache folder that cannot be written only costs speed.
}
await import("./main.js");
