import type { reportMessages as en } from "../en/report.js";

export const reportMessages = {
  "report.batch": "バッチ {id}",
  "report.test": "［テスト］{title}",
  "report.completed.one": "✓ {name}: {count} 個のファイルを {where} にアップロードしました",
  "report.completed.other": "✓ {name}: {count} 個のファイルを {where} にアップロードしました",
  "report.failed.one": "✗ {name}: {count} 個中 {failed} 個のファイルが失敗しました（{where}）",
  "report.failed.other": "✗ {name}: {count} 個中 {failed} 個のファイルが失敗しました（{where}）",
  "report.summary.one": "{count} 個中 {delivered} 個を送信 · {bytes} · {duration} · {host} から",
  "report.summary.other": "{count} 個中 {delivered} 個を送信 · {bytes} · {duration} · {host} から",
  "report.cancelled": "取り消し {count} 個",
  "report.failure": "{path} → {destination}: {code}: {message}（{hint}）",
  "report.moreFailed": "… ほかに {count} 個が失敗",
  "report.retry": "ダッシュボードから再試行するか、`junmai-sync retry --all` を実行してください。",
  "report.onHost": "{host} から",
  "report.signature": "— junmai-sync",
} as const satisfies Record<keyof typeof en, string>;
