import type { serverMessages as en } from "../en/server.js";

export const serverMessages = {
  "server.loopbackOnly": "このサーバーはループバックのホスト名にだけ応答します。",
  "server.tokenNeeded": "この呼び出しには API トークンが必要です。",
  "server.tokenNotValid": "API トークンが正しくありません。",
  "server.nothingAtRoute": "{method} {path} には何もありません。",
  "server.nothingAt": "{path} には何もありません。",
  "server.portInUse":
    "{host}:{port} でダッシュボードを開けません: ポートが使用中です（別の junmai-sync か、別のプログラム）。",
  "server.noSuchAddress":
    "{host}:{port} でダッシュボードを開けません: このコンピューターにそのアドレスはありません。",
  "server.portNotAllowed":
    "{host}:{port} でダッシュボードを開けません: このユーザーはそのポートを使えません。",
  "server.cannotListen": "{host}:{port} でダッシュボードを開けません: {reason}。",
} as const satisfies Record<keyof typeof en, string>;
