import type { progressMessages as en } from "../en/progress.js";

export const progressMessages = {
  "progress.batch": "バッチ",
  "progress.identical": "同じファイルがすでにあります",
  "progress.retrying": "（{reason} {total} 回中 {attempt} 回目）",
  "progress.retryingIn": "（{reason} {total} 回中 {attempt} 回目、{wait}後に再試行）",
  "progress.file": "{done}/{total} | {speed}/秒",
  "progress.fileEta": "{done}/{total} | {speed}/秒 | 残り {eta}",
  "progress.overall": "{done}/{total} ファイル | {bytes}/{totalBytes}",
  "progress.files": "{done}/{total} ファイル",
  "progress.failed": "失敗 {count}",
  "progress.cancelled": "取り消し {count}",
  "progress.speed": "{rate}/秒",
  "progress.eta": "残り {duration}",
  "progress.more": "ほか {count}",
  "progress.summary": "{percent}% · {total} 中 {bytes} · {files}",
  "progress.followDaemon": "デーモン（pid {pid}）がバッチ {batch} をアップロードしています…",
  "progress.followDaemonQueue":
    "デーモン（pid {pid}）がバッチ {batch} をアップロードしています。サーバーが応答しないため、進み具合は {seconds} 秒ごとにキューから読みます。",
  "progress.statusTransfers": "送信中 {running} 件、rclone の順番待ち {waiting} 件",
} as const satisfies Record<keyof typeof en, string>;
