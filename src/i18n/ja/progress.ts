import type { progressMessages as en } from "../en/progress.js";

export const progressMessages = {
  "progress.batch": "バッチ",
  "progress.identical": "同じファイルがすでにあります",
  "progress.retrying": "（{reason} {total} 回中 {attempt} 回目）",
  "progress.retryingIn": "（{reason} {total} 回中 {attempt} 回目、{wait}後に再試行）",
  "progress.file": "{done}/{total} | {speed}/秒",
  "progress.fileEta": "{done}/{total} | {speed}/秒 | 残り {eta}",
  "progress.overall": "{done}/{total} ファイル | {bytes}/{totalBytes}",
} as const satisfies Record<keyof typeof en, string>;
