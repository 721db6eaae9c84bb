import type { notifyMessages as en } from "../en/notify.js";

export const notifyMessages = {
  "notify.description": "バッチの通知（Webhook、Slack、Discord、ntfy、メール）。",
  "notify.test.description":
    "設定したすべての通知チャンネル（または 1 つ）にバッチ通知の見本を送り、それぞれの結果を表示します。",
  "notify.test.option.channel": "このチャンネルだけ（`name`、または slack#1 のような 種類#番号）",
  "notify.test.sent": "{channel}: 送信しました",
  "notify.error.none": "通知チャンネルが設定されていません。",
  "notify.error.unknown": "「{name}」という名前のチャンネルはありません（あるもの: {known}）。",
  "notify.error.hint":
    "設定ファイルの `notify` にチャンネルを追加してください。種類ごとの書き方は docs/notifications.md にあります。",
} as const satisfies Record<keyof typeof en, string>;
