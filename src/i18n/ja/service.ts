import type { serviceMessages as en } from "../en/service.js";

export const serviceMessages = {
  "service.dryRun": "--dry-run: 何も書き込まず、何も実行しません。{os} 用に書き込む予定のもの:",
  "service.fileHeader": "── {role}: {file}",
  "service.wouldRun": "そして実行するもの:",
  "service.installed": "インストールしました: {file}",
  "service.updated": "インストール済みのため更新しました: {file}",
  "service.wrote": "{role} を書き込みました: {file}",
  "service.ran": "実行しました: {command}",
  "service.ranFailed": "実行しました: {command}（終了コード {code}、続行します）",
  "service.log": "ログ: {file}",
  "service.notInstalled": "インストールされていません。削除するものはありません（{file} がありません）",
  "service.uninstalled": "アンインストールしました: {file} を削除しました",
  "service.statusInstalled": "インストール済み（{os}）: {file}",
  "service.statusNotInstalled": "インストールされていません（{os}）: {file} がありません",
  "service.stateRunning": "状態: 動作中",
  "service.stateFailed": "状態: 失敗",
  "service.stateStopped": "状態: 停止中",
  "service.stateUnknown": "状態: 不明（サービスマネージャーが応答しませんでした）",
  "service.daemon": "デーモン: pid {pid}、{since} から",
  "service.daemonDashboard": "デーモン: pid {pid}、{since} から、ダッシュボード {dashboard}",
  "service.badLines": "--lines には 1 以上の整数を指定してください（指定値: `{value}`）。",
  "service.noLog": "{file} にはまだログがありません",
  "service.otherOs":
    "--os {os} はほかのシステム用のサービスを作ります。ここでは表示（--dry-run）しかできません。",
  "service.commandFailed":
    "`{command}` が失敗しました。サービスのファイルは書き込みましたが（{file}）、有効になっていません。",
  "service.noUserBus":
    "systemctl --user がユーザーのセッションを見つけられませんでした（コンテナー、またはログインなしの su/sudo）。{user} としてログインするか（デスクトップか ssh）、ログインなしでもユーザーのサービスが動くようにしてください: sudo loginctl enable-linger {user}。そのあと `junmai-sync service install` をもう一度実行してください。",
  "service.rcloneMissing":
    "警告: PATH に `{binary}` が見つからないため、サービスはアップロードできません。rclone をインストールしてから（方法は `junmai-sync doctor` が表示します）、`junmai-sync service install` をもう一度実行してください。",
  "service.lingerNote":
    "誰もログインしないマシン（画面のないサーバーなど）では、ログインなしで起動時に動くようにしてください: loginctl enable-linger {user}",
  "service.fullDiskAccessNote":
    "ピクチャ、デスクトップ、外付けドライブが読めない場合（SOURCE_UNREADABLE、「Operation not permitted」）は許可してください: システム設定 → プライバシーとセキュリティ → フルディスクアクセス → + → {node}",
  "service.windowsNote": "ログオンのたびにウィンドウなしで起動します。いまも起動しました。",
  "service.description":
    "デーモンをログイン時に起動するサービスとして動かします（systemd のユーザーユニット、macOS の LaunchAgent、Windows のログオンタスク）。",
  "service.option.os": "ほかのシステム用の形で作る（--dry-run のときだけ）",
  "service.install.description":
    "この設定とデータフォルダーでサービスをインストール（または更新）して起動します。",
  "service.install.option.dryRun": "書き込み・実行する代わりに、ファイルとコマンドを表示する",
  "service.uninstall.description": "サービスを止めて削除します（キューとログは残ります）。",
  "service.uninstall.option.dryRun": "実行する代わりに、コマンドを表示する",
  "service.status.description":
    "サービスがインストール済みか、動作中か、失敗したか、ログがどこにあるかを表示します。",
  "service.logs.description": "サービスのログの末尾を表示します。",
  "service.logs.option.lines": "表示する行数",
} as const satisfies Record<keyof typeof en, string>;
