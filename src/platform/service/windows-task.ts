/**
 * Windows: a per-user Task Scheduler task started at logon (`schtasks /Create /XML`), restarted
 * when it fails. A task that runs node.exe directly opens a console window; the task runs a
 * small VBScript instead, which starts the daemon hidden (window style 0) and waits for it, so
 * the task stays "Running" and its exit code is the daemon's. Both files live in the data dir.
 *
 * Task Scheduler reads its XML as UTF-16 and WSH reads a script as Unicode only with a BOM:
 * both are written UTF-16LE with a BOM, so Japanese folder names survive.
 */
import path from "node:path";
import { xml } from "./launchd-plist.js";
import {
  commandLine,
  SERVICE_LABEL,
  type ServiceDefinition,
  type ServiceForm,
  serviceEnvironment,
} from "./service-definition.js";

export const TASK_NAME = SERVICE_LABEL;

export function windowsTaskForm(definition: ServiceDefinition, systemRoot: string): ServiceForm {
  const folder = path.win32.join(definition.dataDir, "service");
  const taskFile = path.win32.join(folder, `${TASK_NAME}-task.xml`);
  const launcher = path.win32.join(folder, `${TASK_NAME}-daemon.vbs`);
  const wscript = path.win32.join(systemRoot, "System32", "wscript.exe");
  return {
    os: "windows",
    mainFile: taskFile,
    files: [
      { path: launcher, content: utf16(renderLauncher(definition)), role: "hidden launcher (VBScript)" },
      {
        path: taskFile,
        content: utf16(renderTaskXml(definition, wscript, launcher)),
        role: "Task Scheduler task",
      },
    ],
    install: [
      { command: "schtasks", args: ["/End", "/TN", TASK_NAME], mayFail: true },
      { command: "schtasks", args: ["/Create", "/TN", TASK_NAME, "/XML", taskFile, "/F"] },
      { command: "schtasks", args: ["/Run", "/TN", TASK_NAME] },
    ],
    uninstall: [
      { command: "schtasks", args: ["/End", "/TN", TASK_NAME], mayFail: true },
      { command: "schtasks", args: ["/Delete", "/TN", TASK_NAME, "/F"], mayFail: true },
    ],
    status: { command: "schtasks", args: ["/Query", "/TN", TASK_NAME, "/FO", "LIST", "/V"], mayFail: true },
    parseStatus(output, exitCode) {
      if (exitCode !== 0) return "stopped";
      const status = /^Status:\s*(.+)$/m.exec(output)?.[1]?.trim();
      if (status === "Running") return "running";
      const result = /^Last Result:\s*(-?\d+)/m.exec(output)?.[1];
      if (result !== undefined && result !== "0" && result !== "267011") return "failed";
      return status === undefined ? "unknown" : "stopped";
    },
  };
}

export function renderTaskXml(definition: ServiceDefinition, wscript: string, launcher: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    "<!-- Written by `junmai-sync service install`; run it again to update, `service uninstall` to remove. -->",
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    "  <RegistrationInfo>",
    `    <Description>${xml(`junmai-sync daemon (data ${definition.dataDir})`)}</Description>`,
    `    <URI>\\${TASK_NAME}</URI>`,
    "  </RegistrationInfo>",
    "  <Triggers>",
    "    <LogonTrigger>",
    "      <Enabled>true</Enabled>",
    `      <UserId>${xml(definition.user)}</UserId>`,
    "    </LogonTrigger>",
    "  </Triggers>",
    "  <Principals>",
    '    <Principal id="Author">',
    `      <UserId>${xml(definition.user)}</UserId>`,
    "      <LogonType>InteractiveToken</LogonType>",
    "      <RunLevel>LeastPrivilege</RunLevel>",
    "    </Principal>",
    "  </Principals>",
    "  <Settings>",
    "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>",
    "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
    "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>",
    "    <StartWhenAvailable>true</StartWhenAvailable>",
    "    <RestartOnFailure>",
    "      <Interval>PT1M</Interval>",
    "      <Count>999</Count>",
    "    </RestartOnFailure>",
    "    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>",
    "    <Enabled>true</Enabled>",
    "  </Settings>",
    '  <Actions Context="Author">',
    "    <Exec>",
    `      <Command>${xml(wscript)}</Command>`,
    `      <Arguments>${xml(`//B //NoLogo "${launcher}"`)}</Arguments>`,
    `      <WorkingDirectory>${xml(definition.workingDir)}</WorkingDirectory>`,
    "    </Exec>",
    "  </Actions>",
    "</Task>",
    "",
  ].join("\r\n");
}

/** The VBScript that starts the daemon without a window, with its output appended to the log. */
export function renderLauncher(definition: ServiceDefinition): string {
  const environment = Object.entries(serviceEnvironment(definition)).map(
    ([name, value]) => `env(${vbs(name)}) = ${vbs(value)}`,
  );
  // cmd /c ""a" "b" >> "log" 2>&1": cmd strips the outer quotes and keeps the inner ones.
  const inner = `${commandLine(definition)
    .map((part) => `"${part}"`)
    .join(" ")} >> "${definition.logFile}" 2>&1`;
  return [
    "' Written by `junmai-sync service install`: starts the daemon hidden and waits for it.",
    'Set shell = CreateObject("WScript.Shell")',
    'Set env = shell.Environment("PROCESS")',
    ...environment,
    `shell.CurrentDirectory = ${vbs(definition.workingDir)}`,
    `WScript.Quit shell.Run(${vbs(`cmd.exe /d /c "${inner}"`)}, 0, True)`,
    "",
  ].join("\r\n");
}

/** A VBScript string literal: quotes doubled. */
function vbs(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
}
