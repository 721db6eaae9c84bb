/**
 * The daemon's side of live config: follow the config file (and SIGHUP), report each change
 * or refusal on its own line, and restart what reads the config once at start (folder
 * watchers, notifications) when a valid change took over.
 */
import type { ConfigFault } from "../../app/config-fault.js";
import type { SyncService } from "../../app/sync-service.js";
import type { ResolvedConfig } from "../../config/resolve.js";
import type { Translator } from "../../i18n/translator.js";
import { faultLines } from "../render/config-fault.js";
import type { Colors } from "../render/format.js";

export function followConfig(
  tr: Translator,
  service: SyncService,
  print: (line: string) => void,
  colors: Colors,
  restart: () => Promise<void>,
): { close(): void } {
  let known = new Set(service.config.destinations.map((d) => d.name));
  let restarting = Promise.resolve();
  const onChanged = (config: ResolvedConfig) => {
    const now = new Set(config.destinations.map((d) => d.name));
    const added = [...now].filter((name) => !known.has(name));
    const removed = [...known].filter((name) => !now.has(name));
    known = now;
    const changes =
      (added.length > 0 ? tr.t("config.reloadedAdded", { names: added.join(", ") }) : "") +
      (removed.length > 0 ? tr.t("config.reloadedRemoved", { names: removed.join(", ") }) : "");
    print(tr.t("config.reloaded", { file: config.source, changes }));
    restarting = restarting.then(restart).catch((error: unknown) => {
      print(`${colors.yellow("warning")} ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const onFault = (fault: ConfigFault) => {
    for (const line of faultLines(tr, fault)) print(`${colors.yellow(tr.t("cli.warningLabel"))} ${line}`);
  };
  const onHangUp = () => {
    print(tr.t("config.sighup"));
    service.reloadConfig();
  };
  service.on("configChanged", onChanged);
  service.on("configFault", onFault);
  process.on("SIGHUP", onHangUp);
  service.watchConfig();
  return {
    close: () => {
      process.off("SIGHUP", onHangUp);
      service.off("configChanged", onChanged);
      service.off("configFault", onFault);
    },
  };
}
