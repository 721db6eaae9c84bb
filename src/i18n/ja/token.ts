import type { tokenMessages as en } from "../en/token.js";

export const tokenMessages = {
  "token.description": "ダッシュボードと API が求める API トークンを表示します（初回に作成されます）。",
  "token.option.url": "トークン付きのダッシュボードのアドレスを表示する（ブラウザーで開く用）",
} as const satisfies Record<keyof typeof en, string>;
