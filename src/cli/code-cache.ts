/**
 * Runs the CLI's CommonJS bundle (dist/bin/cli.cjs, see scripts/bundle-cli.mjs) through
 * `vm.Script` with V8's code cache: compiling ~2.7 MB of JavaScript, and the functions a command
 * then compiles as it runs, is a third of a command's start on Node 20, which has no
 * `module.enableCompileCache()`. The cache holds the compiled code of one command's run (one
 * file per command, build and Node version) in the user's cache folder; it is made once after a
 * run that had none, written atomically, and V8 ignores one that does not fit (a different
 * Node, V8 flags or build). Nothing here may fail a command: an unreadable or unwritable cache
 * only costs speed. JUNMAI_SYNC_CODE_CACHE=off turns it off.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import nodeModule from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";

type CommonJsWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

/** Runs `bundle`; false when there is none (tsc's output run directly) and nothing ran. */
export function runCliBundle(bundle: string, argv: readonly string[]): boolean {
  let source: string;
  let build: string;
  try {
    // ASCII by construction (the bundler escapes the rest): latin1 skips a UTF-8 decode of 2.7 MB.
    source = readFileSync(bundle, "latin1");
    // The bundler writes the bundle's content hash beside it: V8 checks only the source's length.
    build = readFileSync(`${bundle}.build`, "utf8").trim();
  } catch {
    return false;
  }
  const cacheFile = process.env.JUNMAI_SYNC_CODE_CACHE === "off" ? undefined : cacheFileFor(build, argv);
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = new vm.Script(nodeModule.wrap(source.replace(/^#!/, "//")), {
    filename: bundle,
    ...(cachedData === undefined ? {} : { cachedData }),
    // No dynamic import callback: functions restored from the cache lose it, so the bundle
    // requires what it loads on use instead (scripts/bundle-cli.mjs refuses an import() in it).
  });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    // At exit the cache also holds the functions this run compiled, not only the top level.
    process.once("exit", () => writeCache(script, cacheFile, build));
  }
  const run = script.runInThisContext() as CommonJsWrapper;
  const module = { exports: {} };
  run.call(
    module.exports,
    module.exports,
    nodeModule.createRequire(bundle),
    module,
    bundle,
    path.dirname(bundle),
  );
  return true;
}

/** One cache per command: each command compiles its own functions. */
function cacheFileFor(build: string, argv: readonly string[]): string | undefined {
  try {
    const command = argv.find((arg) => /^[a-z][a-z-]{0,19}$/.test(arg)) ?? "none";
    const name = `${build}-${command}-${process.version}-${process.arch}.v8`;
    return path.join(userCacheDir(), "code-cache", name);
  } catch {
    return undefined;
  }
}

/**
 * The per-user cache folder, as env-paths names it (config/paths.ts uses env-paths): not
 * imported here, because its `import process from "node:process"` makes Node build that
 * module's ES facade, which opens stdin — 10 ms of every start.
 */
function userCacheDir(): string {
  const home = os.homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Caches", "junmai-sync");
  if (process.platform === "win32") {
    return path.join(process.env.LOCALAPPDATA ?? path.join(home, "AppData", "Local"), "junmai-sync", "Cache");
  }
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(home, ".cache"), "junmai-sync");
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(script: vm.Script, file: string, build: string): void {
  try {
    const folder = path.dirname(file);
    mkdirSync(folder, { recursive: true });
    // Another build's caches are of no further use.
    for (const old of readdirSync(folder)) {
      if (!old.startsWith(`${build}-`)) rmSync(path.join(folder, old), { force: true });
    }
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, file);
  } catch {
    // A read-only home or a full disk: the next run compiles again.
  }
}
