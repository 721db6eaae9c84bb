/** The rcd watchdog's settings and reports, from the engine config (kept out of sync-service.ts). */
import type { EngineSettings } from "../config/schema.js";
import type { Logger } from "../engine/events.js";
import { t } from "../i18n/message.js";
import type { RcdSupervisorOptions } from "../rclone/rcd-supervisor.js";

export function rcdHealthOptions(
  engine: EngineSettings,
  log: Logger,
): Pick<RcdSupervisorOptions, "check" | "onHung" | "onCrashLoop"> {
  return {
    check: { everyMs: engine.rcdCheckSeconds * 1000, timeoutMs: engine.rcdTimeoutMs },
    onHung: (pid) =>
      log.error({ code: "RCLONE_FAILED", pid }, t("faults.rcdHung", { ms: engine.rcdTimeoutMs })),
    onCrashLoop: (count, delayMs) =>
      log.error(
        { code: "RCLONE_FAILED", exits: count, delayMs },
        t("faults.rcdCrashLoop", { count, seconds: Math.round(delayMs / 1000) }),
      ),
  };
}
