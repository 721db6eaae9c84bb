/**
 * Capture One: a process recipe's "Open With" hands each processed file to an application.
 * On macOS that must be an application bundle that accepts dropped files: an AppleScript
 * droplet (compiled with osacompile) that writes the files into a list and runs the same bash
 * script as Lightroom's action. On Windows, a .bat of the same shape as Lightroom's.
 */
import path from "node:path";
import { t } from "../../i18n/message.js";
import type { IntegrationOs, IntegrationPlan } from "./integration-plan.js";
import { renderPosixScript } from "./posix-script.js";
import type { UploadCall } from "./upload-call.js";
import { renderBatScript } from "./windows-script.js";

export const CAPTURE_ONE_NAME = "junmai-sync upload";

export function captureOneFolder(os: IntegrationOs, home: string, env: NodeJS.ProcessEnv): string {
  if (os === "windows") {
    const local = env.LOCALAPPDATA ?? path.win32.join(home, "AppData", "Local");
    return path.win32.join(local, "junmai-sync", "Capture One");
  }
  return path.posix.join(home, "Library", "Application Support", "junmai-sync", "Capture One");
}

export function captureOnePlan(
  call: UploadCall,
  os: IntegrationOs,
  folder: string,
  home: string,
): IntegrationPlan {
  const title = t("integrate.captureOneTitle");
  if (os === "windows") {
    const bat = path.win32.join(folder, `${CAPTURE_ONE_NAME}.bat`);
    return {
      folder,
      files: [
        {
          path: bat,
          content: renderBatScript(call, title),
          mode: 0o755,
          role: t("integrate.roleCaptureOne"),
        },
      ],
      after: [],
      text: [t("integrate.captureOneUseWindows", { file: bat }), t("integrate.watchAlternative")],
    };
  }
  const script = path.posix.join(folder, `${CAPTURE_ONE_NAME}.command`);
  const source = path.posix.join(folder, `${CAPTURE_ONE_NAME}.applescript`);
  const app = path.posix.join(home, "Applications", `${CAPTURE_ONE_NAME}.app`);
  return {
    folder,
    files: [
      { path: script, content: renderPosixScript(call, title), mode: 0o755, role: t("integrate.roleScript") },
      { path: source, content: renderDroplet(script), mode: 0o644, role: t("integrate.roleDroplet") },
    ],
    after: [{ command: "osacompile", args: ["-o", app, source] }],
    text: [t("integrate.captureOneUseMac", { app, source }), t("integrate.watchAlternative")],
  };
}

/** AppleScript: the dropped files go into a UTF-8 list, one per line, for the bash script. */
export function renderDroplet(script: string): string {
  return [
    '-- Capture One "Open With" target, written by `junmai-sync integrate capture-one`.',
    "on open theFiles",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
    '\tset listFile to do shell script "mktemp \\"${TMPDIR:-/tmp}/junmai-sync-list.XXXXXX\\""',
    "\tset out to open for access (POSIX file listFile) with write permission",
    "\trepeat with f in theFiles",
    "\t\twrite (POSIX path of f) & linefeed to out as «class utf8»",
    "\tend repeat",
    "\tclose access out",
    `\tdo shell script quoted form of ${appleString(script)} & " --from-file " & quoted form of listFile & "; rm -f " & quoted form of listFile`,
    "end open",
    "",
  ].join("\n");
}

function appleString(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
