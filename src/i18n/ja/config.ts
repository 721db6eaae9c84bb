import type { configMessages as en } from "../en/config.js";

export const configMessages = {
  "config.reloaded": "{file} から設定を読み直しました{changes}",
  "config.reloadedAdded": "。新しい保存先: {names}",
  "config.reloadedRemoved": "。削除した保存先（キューのジョブは待機します）: {names}",
  "config.refused": "設定の変更を受け付けませんでした。前の設定のまま動いています: {message}",
  "config.refusedAt": "{file} の {line} 行目 {column} 文字目、`{key}`",
  "config.refusedAtLine": "{file} の {line} 行目 {column} 文字目",
  "config.sighup": "SIGHUP: 設定を読み直しています",
  "config.daemonDoesNotKnow":
    "動いているデーモン（pid {pid}）は保存先「{name}」を知りません。その設定にあるのは {known} です。",
  "config.daemonFault": "デーモンは設定ファイルの最新版を受け付けませんでした: {message}",
  "config.daemonWillPickUp":
    "ファイルはキューに残り、デーモンの設定に「{name}」が入ればアップロードされます（正しい変更なら 2 秒以内に読み直します。`kill -HUP {pid}` ですぐ読み直します）。",
  "config.destinationRemoved": "設定から削除された保存先",
  "config.statusFault": "設定ファイルが受け付けられていません（デーモンは前の設定で動いています）: {message}",
  "config.doctorRunningFault": "動いているデーモンはこのファイルの最新版を受け付けませんでした: {message}",
} as const satisfies Record<keyof typeof en, string>;
