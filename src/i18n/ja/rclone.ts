import type { rcloneMessages as en } from "../en/rclone.js";

export const rcloneMessages = {
  "rclone.notOnPath": "rclone が見つかりません（PATH 上で `{binary}` を探しました）。",
  "rclone.notFound": "rclone が見つかりません（`{binary}` を探しました）。",
  "rclone.noVersion": "`{binary} version` が rclone のバージョンを表示しませんでした。",
  "rclone.tooOld": "rclone {version} は古すぎます。junmai-sync には {needed} 以降が必要です。",
  "rclone.startTimeout": "rclone rcd が制限時間内に起動しませんでした。",
  "rclone.startFailed": "rclone rcd を起動できませんでした: {reason}",
  "rclone.exitedAtStart": "rclone rcd が起動中に終了しました（コード {code}、シグナル {signal}）。",
  "rclone.shutDown": "rclone は終了しています。",
  "rclone.noPublicLinks": "{destination} は公開リンクを作れません。",
  "rclone.dnsHint":
    "リモートの URL またはホストのサーバー名（`junmai-sync remote list`）と、このコンピューターのネットワークと DNS を確認してください。",
} as const satisfies Record<keyof typeof en, string>;
