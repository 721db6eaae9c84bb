import type { resumeMessages as en } from "../en/resume.js";

export const resumeMessages = {
  "resume.transport": "  転送方式  {transport}",
  "resume.resumedFrom": "  再開      {bytes} から（{percent}% は送り直していません）",
  "resume.bytesSaved": "再開したアップロードのおかげで {bytes} を送り直さずに済みました",
} as const satisfies Record<keyof typeof en, string>;
