/**
 * macOS: a LaunchAgent (~/Library/LaunchAgents/com.junmai-sync.daemon.plist), loaded into the
 * user's GUI session with `launchctl bootstrap gui/<uid>`, started at login and kept alive when
 * it fails. Reading Pictures or an external drive needs the user's consent: System Settings →
 * Privacy & Security → Full Disk Access → add the node binary the agent runs.
 */
import path from "node:path";
import {
  commandLine,
  type ServiceDefinition,
  type ServiceForm,
  serviceEnvironment,
} from "./service-definition.js";

export const LAUNCHD_LABEL = "com.junmai-sync.daemon";

export function launchdForm(definition: ServiceDefinition, home: string, uid: number): ServiceForm {
  const plistFile = path.posix.join(home, "Library", "LaunchAgents", `${LAUNCHD_LABEL}.plist`);
  const domain = `gui/${uid}`;
  return {
    os: "macos",
    mainFile: plistFile,
    files: [{ path: plistFile, content: renderLaunchdPlist(definition), role: "LaunchAgent" }],
    install: [
      // An earlier version may be loaded: bootstrap refuses a label that is already there.
      { command: "launchctl", args: ["bootout", `${domain}/${LAUNCHD_LABEL}`], mayFail: true },
      { command: "launchctl", args: ["bootstrap", domain, plistFile] },
      { command: "launchctl", args: ["enable", `${domain}/${LAUNCHD_LABEL}`] },
    ],
    uninstall: [{ command: "launchctl", args: ["bootout", `${domain}/${LAUNCHD_LABEL}`], mayFail: true }],
    status: { command: "launchctl", args: ["print", `${domain}/${LAUNCHD_LABEL}`], mayFail: true },
    parseStatus(output, exitCode) {
      if (exitCode !== 0) return "stopped";
      if (/^\s*state = running/m.test(output)) return "running";
      const lastExit = /last exit code = (-?\d+)/.exec(output);
      if (lastExit !== null && lastExit[1] !== "0") return "failed";
      return "stopped";
    },
  };
}

export function renderLaunchdPlist(definition: ServiceDefinition): string {
  const strings = (values: readonly string[]) => values.map((value) => `    <string>${xml(value)}</string>`);
  const environment = Object.entries(serviceEnvironment(definition)).flatMap(([name, value]) => [
    `    <key>${xml(name)}</key>`,
    `    <string>${xml(value)}</string>`,
  ]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    "<!-- Written by `junmai-sync service install`; run it again to update, `service uninstall` to remove. -->",
    '<plist version="1.0">',
    "<dict>",
    "  <key>Label</key>",
    `  <string>${LAUNCHD_LABEL}</string>`,
    "  <key>ProgramArguments</key>",
    "  <array>",
    ...strings(commandLine(definition)),
    "  </array>",
    "  <key>WorkingDirectory</key>",
    `  <string>${xml(definition.workingDir)}</string>`,
    "  <key>EnvironmentVariables</key>",
    "  <dict>",
    ...environment,
    "  </dict>",
    "  <key>RunAtLoad</key>",
    "  <true/>",
    // Restarted when it fails or is killed; a clean stop (exit 0) stays stopped.
    "  <key>KeepAlive</key>",
    "  <dict>",
    "    <key>SuccessfulExit</key>",
    "    <false/>",
    "  </dict>",
    "  <key>ThrottleInterval</key>",
    "  <integer>10</integer>",
    "  <key>ExitTimeOut</key>",
    "  <integer>90</integer>",
    "  <key>ProcessType</key>",
    "  <string>Background</string>",
    "  <key>StandardOutPath</key>",
    `  <string>${xml(definition.logFile)}</string>`,
    "  <key>StandardErrorPath</key>",
    `  <string>${xml(definition.logFile)}</string>`,
    "</dict>",
    "</plist>",
    "",
  ].join("\n");
}

/** Text as XML character data (also for attribute values in windows-task.ts). */
export function xml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}
