import type { repairMessages as en } from "../en/repair.js";

export const repairMessages = {
  "repair.description":
    "壊れたキューのデータベースを復旧します: 壊れたファイルはデータフォルダーに残し、読めるジョブをすべて新しいデータベースにコピーします。",
} as const satisfies Record<keyof typeof en, string>;
