import type { storeMessages as en } from "../en/store.js";

export const storeMessages = {
  "store.unreachable": "キューのデータベース {where} に接続できません。",
  "store.busy": "キューのデータベース {where} が混み合っていました。もう一度試してください。",
  "store.loginRefused": "キューのデータベース {where} がログインを拒否しました。",
  "store.loginHint": "接続 URL のユーザーとパスワード（PGPASSWORD または ~/.pgpass）を確認してください。",
  "store.noDatabase": "{where} で指定したデータベースがありません。",
  "store.noDatabaseHint":
    "データベースを作成する（`createdb NAME`）か、接続 URL のデータベース名を直してください。",
  "store.failed": "キューのデータベース {where} でエラーが起きました: {detail}",
  "store.stayedLocked": "キューのデータベース {file} は別のプロセスにロックされたままです。",
  "store.notWritable": "キューのデータベース {file} を書き込み用に開けません。",
  "store.dataDirNotCreated": "データディレクトリ {path} を作成できません。",
} as const satisfies Record<keyof typeof en, string>;
