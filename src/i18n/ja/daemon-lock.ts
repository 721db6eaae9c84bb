import type { daemonLockMessages as en } from "../en/daemon-lock.js";

export const daemonLockMessages = {
  "daemonLock.held": "別の junmai-sync デーモン（pid {pid}、{since} から）がすでに {dataDir} を使っています",
  "daemonLock.heldWithDashboard":
    "別の junmai-sync デーモン（pid {pid}、{since} から、ダッシュボード {dashboard}）がすでに {dataDir} を使っています",
  "daemonLock.heldElsewhere":
    "別の junmai-sync デーモン（{host} の pid {pid}、{since} から）がすでに {dataDir} を使っています",
  "daemonLock.heldElsewhereHint":
    "そのコンピューターでもう動いていないなら {file} を削除してください。スタジオのコンピューターはそれぞれ自分のデータフォルダーを持つようにしてください。",
  "daemonLock.readOnly":
    "データフォルダー {dataDir} はユーザー {user} からは読み取り専用です。デーモンはそこにロックを作れません。",
  "daemonLock.cannotCreate": "デーモンはデータフォルダー {dataDir} にロックファイルを作れません。",
  "daemonLock.unreadable": "デーモンのロックファイル {file} を読めません。",
  "daemonLock.contended":
    "デーモンのロックファイル {file} が変わり続けています。別のデーモンがそこで起動中です。",
} as const satisfies Record<keyof typeof en, string>;
