/**
 * Destinations a running daemon does not know (its config is older, or refused the change): it
 * would never start their jobs, so `upload` says so instead of waiting at 0 %.
 */
import { firstUnknownToDaemon } from "../../app/config-state-record.js";
import type { SyncService } from "../../app/sync-service.js";
import { SyncError } from "../../domain/errors.js";
import { say, t } from "../../i18n/message.js";
import type { CommandContext } from "../context.js";

/** Queued without waiting: the jobs stay, but a daemon that does not know the destination is worth a warning. */
export async function warnUnknownToDaemon(
  context: CommandContext,
  service: SyncService,
  destinations: readonly string[],
): Promise<void> {
  const daemon = await service.findDaemon().catch(() => undefined);
  if (daemon === undefined) return;
  try {
    await refuseUnknownToDaemon(service, daemon.pid, destinations);
  } catch (error: unknown) {
    if (!(error instanceof SyncError)) throw error;
    context.err.write(`${context.errColors.yellow("warning")} ${error.message}\n  hint: ${error.hint}\n`);
  }
}

/** The daemon would never start these jobs: say so (and why) instead of waiting at 0 %. */
export async function refuseUnknownToDaemon(
  service: SyncService,
  pid: number,
  destinations: readonly string[],
): Promise<void> {
  const unknown = await firstUnknownToDaemon(service.paths.dataDir, pid, destinations);
  if (unknown === undefined) return;
  const { name, record } = unknown;
  const lines = [
    t("config.daemonDoesNotKnow", { pid, name, known: record.destinations.join(", ") || "none" }),
    ...(record.fault === null ? [] : [t("config.daemonFault", { message: record.fault.message })]),
  ];
  throw new SyncError("UNKNOWN_DESTINATION", lines.join("\n"), {
    hint: say("config.daemonWillPickUp", { name, pid }),
  });
}
