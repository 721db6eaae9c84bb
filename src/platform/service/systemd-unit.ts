/**
 * Linux: a systemd *user* unit (~/.config/systemd/user/junmai-sync.service), started at login
 * by `systemctl --user enable --now` and restarted when it fails. A headless machine needs
 * `loginctl enable-linger` so user units start at boot without a login.
 */
import path from "node:path";
import {
  commandLine,
  SERVICE_LABEL,
  type ServiceDefinition,
  type ServiceForm,
  serviceEnvironment,
} from "./service-definition.js";

export const SYSTEMD_UNIT_NAME = `${SERVICE_LABEL}.service`;

export function systemdForm(definition: ServiceDefinition, configHome: string): ServiceForm {
  const unitFile = path.posix.join(configHome, "systemd", "user", SYSTEMD_UNIT_NAME);
  return {
    os: "linux",
    mainFile: unitFile,
    files: [{ path: unitFile, content: renderSystemdUnit(definition), role: "systemd user unit" }],
    install: [
      { command: "systemctl", args: ["--user", "daemon-reload"] },
      { command: "systemctl", args: ["--user", "enable", SYSTEMD_UNIT_NAME] },
      // restart, not start: an update must replace a daemon that runs the old unit.
      { command: "systemctl", args: ["--user", "restart", SYSTEMD_UNIT_NAME] },
    ],
    uninstall: [
      { command: "systemctl", args: ["--user", "disable", "--now", SYSTEMD_UNIT_NAME], mayFail: true },
      { command: "systemctl", args: ["--user", "daemon-reload"], mayFail: true },
    ],
    status: { command: "systemctl", args: ["--user", "is-active", SYSTEMD_UNIT_NAME], mayFail: true },
    parseStatus(output) {
      const state = output.trim().split("\n")[0] ?? "";
      if (state === "active" || state === "activating" || state === "reloading") return "running";
      if (state === "failed") return "failed";
      if (state === "inactive" || state === "deactivating") return "stopped";
      return "unknown";
    },
  };
}

export function renderSystemdUnit(definition: ServiceDefinition): string {
  const environment = Object.entries(serviceEnvironment(definition)).map(
    ([name, value]) => `Environment=${quote(`${name}=${value}`, false)}`,
  );
  return [
    "# Written by `junmai-sync service install`; run it again to update, `service uninstall` to remove.",
    "[Unit]",
    `Description=junmai-sync daemon (data ${escapeSpecifiers(definition.dataDir)})`,
    "",
    "[Service]",
    "Type=simple",
    `WorkingDirectory=${escapeSpecifiers(definition.workingDir)}`,
    ...environment,
    `ExecStart=${commandLine(definition)
      .map((part) => quote(part, true))
      .join(" ")}`,
    "Restart=on-failure",
    "RestartSec=10",
    // An invalid config (exit 2) will not fix itself by restarting.
    "RestartPreventExitStatus=2",
    "TimeoutStopSec=90",
    `StandardOutput=append:${escapeSpecifiers(definition.logFile)}`,
    "StandardError=inherit",
    "",
    "[Install]",
    "WantedBy=default.target",
    "",
  ].join("\n");
}

/** systemd's quoting: double quotes, C escapes; `%` is a specifier, and in ExecStart `$` a variable. */
function quote(value: string, exec: boolean): string {
  const escaped = value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
  return `"${escapeSpecifiers(exec ? escaped.replaceAll("$", () => "$$") : escaped)}"`;
}

function escapeSpecifiers(value: string): string {
  return value.replaceAll("%", "%%");
}
