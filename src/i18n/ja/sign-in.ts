import type { signInMessages as en } from "../en/sign-in.js";

export const signInMessages = {
  "signIn.tokenInvalid":
    "これは rclone の {type} のトークンではありません: `rclone authorize` が表示する access_token 入りの JSON が必要です。rclone.conf には何も書き込んでいません。",
  "signIn.tokenHint":
    "Web ブラウザーのあるコンピューターで {command} を実行し、表示されたものをすべて貼り付けてください（---> と <---End paste の間だけでも十分です）。",
  "signIn.busy": "サインインがすでに待機中です（リモート「{name}」）。先にそちらを終えるか閉じてください。",
  "signIn.noUrl": "rclone が {seconds} 秒以内に {type} のサインインページを用意しませんでした。",
  "signIn.refused": "「{name}」のサインインは成功しませんでした: {reason}。何も保存していません。",
  "signIn.timedOut":
    "「{name}」のサインインが {minutes} 分以内に終わらなかったため、取り消しました。何も保存していません。",
  "signIn.badName":
    "リモート名は英字か数字で始め、英字・数字・_ . - だけを使ってください（指定値: 「{name}」）。空白や / は使えません。",
  "signIn.badType": "ダッシュボードからのサインインは {types} で使えます（指定値: 「{type}」）。",
  "signIn.done": "リモート {name}（{type}）を {file} に保存しました。",
} as const satisfies Record<keyof typeof en, string>;
