import type { daemonMessages as en } from "../en/daemon.js";

export const daemonMessages = {
  "daemon.description":
    "設定したフォルダーを見張り、キューにあるものをすべてアップロードします。止めるまで動き続けます（SIGINT/SIGTERM では転送中のものを最後まで送ります）。",
  "daemon.watchDescription":
    "設定したフォルダーを見張り、前面でアップロードします。状況を 1 行で表示し続けます。",
  "daemon.option.poll":
    "変更の通知を待つ代わりに、見張るフォルダーを 5 秒ごとに調べる（ネットワーク共有向け）",
  "daemon.option.listen":
    "ダッシュボードと API の待ち受け先（既定: 設定の server、127.0.0.1:7420。`off` で無効）",
  "daemon.started": "{title}（pid {pid}）· キュー {queue} · {destinations}",
  "daemon.log": "ログ {file}",
  "daemon.stopping": "{signal}: 転送中のものを最後まで送っています（最長 {seconds} 秒）…",
  "daemon.batchDone": "バッチ {batch} {status}: 完了 {completed}、スキップ {skipped}、失敗 {failed}",
  "daemon.notified": "バッチ {batch} について {channel} に通知しました",
  "daemon.notifyFailed":
    "バッチ {batch} の {channel} への通知は {attempts} 回試しても届きませんでした: {message}",
  "daemon.noWatch": "見張るフォルダーが設定されていません。キューにあるジョブだけを処理します",
  "daemon.dashboard": "ダッシュボード {url} · API {api}（トークン: junmai-sync token）",
  "daemon.stopped": "停止しました: 今回 {delivered} 件送信、{failed} 件失敗",
  "watch.ready": "{root} を見張っています → {to}",
  "watch.readyFound.one":
    "{root} を見張っています → {to}（{count} 個のファイルを検出。まだ送っていないものをキューに追加します）",
  "watch.readyFound.other":
    "{root} を見張っています → {to}（{count} 個のファイルを検出。まだ送っていないものをキューに追加します）",
  "watch.rejected": "{code}: {message} キューに追加しませんでした: {path}",
  "watch.queued.one": "ジョブ {count} 件をキューに追加 → バッチ {batch}",
  "watch.queued.other": "ジョブ {count} 件をキューに追加 → バッチ {batch}",
  "watch.caughtUp.one": "{root} の確認が済みました: {count} 件を追加、{known} 件は追加済みか送信済み",
  "watch.caughtUp.other": "{root} の確認が済みました: {count} 件を追加、{known} 件は追加済みか送信済み",
  "watch.missing": "見張るフォルダー {root} が見つかりません。戻りしだい見張りを再開します。",
  "watch.back": "見張るフォルダー {root} が戻りました。中のファイルを確認しています",
  "watch.status.uploading": "アップロード中 {count}",
  "watch.status.waiting": "待機中 {count}",
  "watch.status.delivered": "送信済み {count}",
  "watch.status.failed": "失敗 {count}",
  "watch.status.settling": "書き出し待ち {count}",
  "watch.status.speed": "{speed}/秒",
} as const satisfies Record<keyof typeof en, string>;
