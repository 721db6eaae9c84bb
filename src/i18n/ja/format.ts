import type { formatMessages as en } from "../en/format.js";

export const formatMessages = {
  "format.seconds": "{s}秒",
  "format.minutesSeconds": "{m}分{s}秒",
  "format.hoursMinutes": "{h}時間{m}分",
} as const satisfies Record<keyof typeof en, string>;
