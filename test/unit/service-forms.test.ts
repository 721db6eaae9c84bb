/**
 * The login service's three forms, parsed the way their service managers read them: the systemd
 * unit as INI with systemd's quoting (and `systemd-analyze verify` where it exists), the
 * LaunchAgent as a plist, the Windows task as UTF-16 XML with its hidden VBScript launcher.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { planService } from "../../src/app/login-service.js";
import { resolvePaths } from "../../src/config/paths.js";
import { findExecutable } from "../../src/platform/find-executable.js";
import { launchdForm } from "../../src/platform/service/launchd-plist.js";
import { commandLine, type ServiceDefinition } from "../../src/platform/service/service-definition.js";
import { systemdForm } from "../../src/platform/service/systemd-unit.js";
import { windowsTaskForm } from "../../src/platform/service/windows-task.js";
import { parsePlist, parseSystemdUnit, parseTaskXml, splitSystemdWords } from "../fixtures/service-files.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function posixDefinition(root: string): ServiceDefinition {
  const dataDir = path.join(root, "写真 data 100% $HOME");
  return {
    node: process.execPath,
    cli: CLI,
    args: ["--config", path.join(root, 'my "config".json'), "--data-dir", dataDir, "daemon"],
    workingDir: root,
    path: "/opt/homebrew/bin:/usr/bin:/bin",
    rclone: "/opt/homebrew/bin/rclone",
    dataDir,
    logFile: path.join(dataDir, "logs", "service.log"),
    user: "yamada",
  };
}

describe("systemd user unit", () => {
  it("runs node, the CLI and the same config and data dir, restarts on failure, logs to the data dir", () => {
    const root = makeTempDir("junmai svc 写真 ");
    const definition = posixDefinition(root);
    const form = systemdForm(definition, path.join(root, "config-home"));
    expect(form.mainFile).toBe(path.join(root, "config-home", "systemd", "user", "junmai-sync.service"));
    const unit = parseSystemdUnit(String(form.files[0]?.content));
    const service = unit.Service ?? {};
    expect(splitSystemdWords(service.ExecStart?.[0] ?? "")).toEqual(commandLine(definition));
    expect(service.WorkingDirectory).toEqual([root]);
    expect(service.Restart).toEqual(["on-failure"]);
    expect((service.Environment ?? []).map((value) => splitSystemdWords(value, false)[0])).toEqual([
      "PATH=/opt/homebrew/bin:/usr/bin:/bin",
      `JUNMAI_SYNC_SERVICE_LOG=${definition.logFile}`,
      "NO_COLOR=1",
    ]);
    expect(service.StandardOutput).toEqual([`append:${definition.logFile.replaceAll("%", "%%")}`]);
    expect(unit.Install?.WantedBy).toEqual(["default.target"]);
    expect(form.install.map((command) => command.args.join(" "))).toEqual([
      "--user daemon-reload",
      "--user enable junmai-sync.service",
      "--user restart junmai-sync.service",
    ]);
  });

  it.runIf(findExecutable("systemd-analyze") !== undefined)("passes systemd-analyze verify", () => {
    const root = makeTempDir("junmai svc 写真 ");
    const form = systemdForm(posixDefinition(root), root);
    const file = path.join(root, "junmai-sync.service");
    writeFileSync(file, String(form.files[0]?.content));
    // Throws (exit ≠ 0) on any error; prints warnings for what it cannot check here.
    const output = execFileSync("systemd-analyze", ["verify", file], { encoding: "utf8", stdio: "pipe" });
    expect(output).not.toMatch(/bad unit file setting|fatal/i);
  });

  it("reads systemctl is-active", () => {
    const form = systemdForm(posixDefinition("/tmp"), "/tmp");
    expect(form.parseStatus("active\n", 0)).toBe("running");
    expect(form.parseStatus("failed\n", 3)).toBe("failed");
    expect(form.parseStatus("inactive\n", 3)).toBe("stopped");
    expect(form.parseStatus("Failed to connect to bus", 1)).toBe("unknown");
  });
});

describe("macOS LaunchAgent", () => {
  it("is a plist that launchd reads: arguments, KeepAlive on failure, PATH with rclone's folder, log file", () => {
    const definition = posixDefinition("/Users/yamada/Junmai 写真 & <co>");
    const form = launchdForm(definition, "/Users/yamada", 501);
    expect(form.mainFile).toBe("/Users/yamada/Library/LaunchAgents/com.junmai-sync.daemon.plist");
    const plist = parsePlist(String(form.files[0]?.content)) as Record<string, unknown>;
    expect(plist).toMatchObject({
      Label: "com.junmai-sync.daemon",
      ProgramArguments: [...commandLine(definition)],
      WorkingDirectory: definition.workingDir,
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      StandardOutPath: definition.logFile,
      StandardErrorPath: definition.logFile,
      EnvironmentVariables: { PATH: "/opt/homebrew/bin:/usr/bin:/bin", NO_COLOR: "1" },
    });
    expect(form.install.map((command) => `${command.command} ${command.args.join(" ")}`)).toEqual([
      "launchctl bootout gui/501/com.junmai-sync.daemon",
      `launchctl bootstrap gui/501 ${form.mainFile}`,
      "launchctl enable gui/501/com.junmai-sync.daemon",
    ]);
  });

  it("reads launchctl print", () => {
    const form = launchdForm(posixDefinition("/tmp"), "/Users/y", 501);
    expect(form.parseStatus("{\n\tstate = running\n}", 0)).toBe("running");
    expect(form.parseStatus("{\n\tstate = not running\n\tlast exit code = 1\n}", 0)).toBe("failed");
    expect(form.parseStatus("Could not find service", 113)).toBe("stopped");
  });
});

describe("Windows logon task", () => {
  const definition: ServiceDefinition = {
    node: "C:\\Program Files\\nodejs\\node.exe",
    cli: "C:\\Users\\山田 太郎\\junmai-sync\\dist\\cli\\main.js",
    args: ["--data-dir", "C:\\Users\\山田 太郎\\AppData\\Local\\junmai-sync\\Data", "daemon"],
    workingDir: "C:\\Users\\山田 太郎\\junmai-sync",
    path: "C:\\Program Files\\rclone;C:\\Program Files\\nodejs;C:\\Windows\\System32",
    rclone: "C:\\Program Files\\rclone\\rclone.exe",
    dataDir: "C:\\Users\\山田 太郎\\AppData\\Local\\junmai-sync\\Data",
    logFile: "C:\\Users\\山田 太郎\\AppData\\Local\\junmai-sync\\Data\\logs\\service.log",
    user: "STUDIO\\山田",
  };
  const form = windowsTaskForm(definition, "C:\\Windows");

  it("is UTF-16 task XML: at this user's logon, interactive, restarted on failure, no time limit", () => {
    const taskFile = form.files.find((file) => file.path.endsWith(".xml"));
    const task = (parseTaskXml(taskFile?.content as Buffer).Task ?? {}) as Record<
      string,
      Record<string, unknown>
    >;
    expect(task.Triggers).toEqual({ LogonTrigger: { Enabled: "true", UserId: "STUDIO\\山田" } });
    expect(task.Principals?.Principal).toMatchObject({
      UserId: "STUDIO\\山田",
      LogonType: "InteractiveToken",
    });
    expect(task.Settings).toMatchObject({
      ExecutionTimeLimit: "PT0S",
      MultipleInstancesPolicy: "IgnoreNew",
      RestartOnFailure: { Interval: "PT1M", Count: "999" },
    });
    const launcher = form.files.find((file) => file.path.endsWith(".vbs"))?.path;
    expect(task.Actions?.Exec).toEqual({
      Command: "C:\\Windows\\System32\\wscript.exe",
      Arguments: `//B //NoLogo "${launcher}"`,
      WorkingDirectory: definition.workingDir,
    });
    expect(form.install.map((command) => `${command.command} ${command.args.join(" ")}`)).toEqual([
      "schtasks /End /TN junmai-sync",
      `schtasks /Create /TN junmai-sync /XML ${taskFile?.path} /F`,
      "schtasks /Run /TN junmai-sync",
    ]);
  });

  it("launches the daemon hidden (window style 0), waits for it, and appends its output to the log", () => {
    const content = form.files.find((file) => file.path.endsWith(".vbs"))?.content as Buffer;
    expect([...content.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const script = content.subarray(2).toString("utf16le");
    const run = /^WScript\.Quit shell\.Run\("((?:[^"]|"")*)", 0, True\)\r$/m.exec(script);
    expect(run).not.toBeNull();
    const commandText = (run?.[1] ?? "").replaceAll('""', '"');
    const inner = /^cmd\.exe \/d \/c "(.*)"$/.exec(commandText)?.[1] ?? "";
    const words = [...inner.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]);
    expect(words).toEqual([...commandLine(definition), ">>", definition.logFile, "2>&1"]);
    expect(script).toContain(`env("PATH") = "${definition.path}"`);
    expect(script).toContain(`shell.CurrentDirectory = "${definition.workingDir}"`);
  });

  it("reads schtasks /Query", () => {
    expect(form.parseStatus("Status:         Running\r\nLast Result:  267009\r\n", 0)).toBe("running");
    expect(form.parseStatus("Status:         Ready\r\nLast Result:  1\r\n", 0)).toBe("failed");
    expect(form.parseStatus("ERROR: The system cannot find the file specified.", 1)).toBe("stopped");
  });
});

describe("planService", () => {
  it("finds rclone by absolute path and puts its folder first on the service's PATH", () => {
    const root = makeTempDir("junmai svc ");
    const bin = path.join(root, "homebrew bin");
    mkdirSync(bin);
    const rclone = path.join(bin, "rclone");
    writeFileSync(rclone, "#!/bin/sh\n");
    chmodSync(rclone, 0o755);
    const paths = resolvePaths({ dataDirFlag: path.join(root, "data"), env: {}, cwd: root });
    const plan = planService({
      paths,
      cliEntry: CLI,
      rcloneBinary: "rclone",
      os: "macos",
      env: { PATH: `${bin}:/usr/bin` },
      cwd: root,
    });
    expect(plan.definition.rclone).toBe(rclone);
    expect(plan.definition.path.split(":")[0]).toBe(bin);
    expect(plan.definition.args).toEqual(["--data-dir", path.join(root, "data"), "daemon"]);
    expect(plan.notes.join("\n")).toContain("Full Disk Access");

    const missing = planService({
      paths,
      cliEntry: CLI,
      rcloneBinary: "rclone",
      os: "linux",
      env: { PATH: root },
      cwd: root,
    });
    expect(missing.definition.rclone).toBeUndefined();
    expect(missing.notes.join("\n")).toMatch(/`rclone` was not found on PATH/);
    expect(missing.notes.join("\n")).toContain("loginctl enable-linger");
  });
});
