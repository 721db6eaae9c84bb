/**
 * Lightroom Classic: a post-process action in its Export Actions folder. Lightroom lists the
 * folder's items under Export → Post-Processing → After Export and runs the chosen one with
 * every exported file as an argument.
 */
import path from "node:path";
import { t } from "../../i18n/message.js";
import type { IntegrationOs, IntegrationPlan } from "./integration-plan.js";
import { renderPosixScript } from "./posix-script.js";
import type { UploadCall } from "./upload-call.js";
import { renderBatScript } from "./windows-script.js";

export const LIGHTROOM_SCRIPT_NAME = "junmai-sync upload";

/** Where Lightroom Classic looks for export actions, per system. */
export function lightroomFolder(os: IntegrationOs, home: string, env: NodeJS.ProcessEnv): string {
  if (os === "windows") {
    const appData = env.APPDATA ?? path.win32.join(home, "AppData", "Roaming");
    return path.win32.join(appData, "Adobe", "Lightroom", "Export Actions");
  }
  return path.posix.join(home, "Library", "Application Support", "Adobe", "Lightroom", "Export Actions");
}

export function lightroomPlan(call: UploadCall, os: IntegrationOs, folder: string): IntegrationPlan {
  const title = t("integrate.lightroomTitle");
  const windows = os === "windows";
  const file = windows
    ? path.win32.join(folder, `${LIGHTROOM_SCRIPT_NAME}.bat`)
    : path.posix.join(folder, `${LIGHTROOM_SCRIPT_NAME}.command`);
  return {
    folder,
    files: [
      {
        path: file,
        content: windows ? renderBatScript(call, title) : renderPosixScript(call, title),
        mode: 0o755,
        role: t("integrate.roleLightroom"),
      },
    ],
    after: [],
    text: [t("integrate.lightroomUse", { name: LIGHTROOM_SCRIPT_NAME }), t("integrate.watchAlternative")],
  };
}
