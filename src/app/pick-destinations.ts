/** The destinations a caller names, checked against the config: an unknown name is a typed error. */
import type { ResolvedConfig } from "../config/resolve.js";
import type { Destination } from "../domain/destination.js";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";
import { ALL_DESTINATIONS } from "../store/job-store.js";

/** The named destinations; none named: the config's default one. */
export function pickDestinations(
  config: ResolvedConfig,
  to: string | readonly string[] | undefined,
): Destination[] {
  const names = to === undefined ? [config.defaultDestination] : typeof to === "string" ? [to] : [...to];
  return names.map((name) => {
    const destination = config.destinations.find((candidate) => candidate.name === name);
    if (destination === undefined) {
      const known = config.destinations.map((candidate) => candidate.name).join(", ");
      throw new SyncError("UNKNOWN_DESTINATION", say("errors.noDestination", { name, known }));
    }
    return destination;
  });
}

/** The scope of a pause or a live limit: one (known) destination, or all of them. */
export function scopeOf(config: ResolvedConfig, destination: string | undefined): string {
  if (destination === undefined) return ALL_DESTINATIONS;
  pickDestinations(config, destination);
  return destination;
}
