/**
 * The CLI's executable, for what is written to run it later (login services, export actions):
 * `dist/bin/junmai-sync.js`. Found from this module, which sits one folder below the package's
 * build as tsc emits it (dist/cli/) and as the bundle does (dist/bin/).
 */
import { fileURLToPath } from "node:url";

export const CLI_ENTRY = fileURLToPath(new URL("../bin/junmai-sync.js", import.meta.url));
