/** The one shape of a config error: it names the key (and the file when known) and says why. */
import { SyncError } from "../domain/errors.js";

export function configError(key: string, why: string, source?: string): SyncError {
  const where = source ? ` in ${source}` : "";
  return new SyncError("CONFIG_INVALID", `Config key \`${key}\`${where} ${why}.`);
}
