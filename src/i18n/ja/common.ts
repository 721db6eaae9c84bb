import type { commonMessages as en } from "../en/common.js";

export const commonMessages = {
  "common.seeDocs": "{doc} を参照してください。",
} as const satisfies Record<keyof typeof en, string>;
