import type { faultsMessages as en } from "../en/faults.js";

export const faultsMessages = {
  "faults.rcloneSaid": "rclone の報告: {text}",
  "faults.destinationFull": "保存先の容量がいっぱいです。",
  "faults.tlsFailed": "保存先との安全な接続（TLS）に失敗しました: 証明書が信頼されていません。",
  "faults.nameNotAllowed": "保存先はこのファイル名またはパスを受け付けません。",
  "faults.stalled": "{seconds} 秒間まったく転送されなかったため、転送を止めました。",
  "faults.rcdHung": "rclone が応答しなくなりました（{ms} ms 以内に応答なし）。再起動しました。",
  "faults.rcdCrashLoop": "rclone が 1 分間に {count} 回終了しました。{seconds} 秒待ってから再び起動します。",
  "faults.dataDirFull":
    "キューを置いているディスク（{file}）がいっぱいか、書き込めません。空きができるまで新しい作業は受け付けません。",
  "faults.dataDirLow":
    "データフォルダー {path} のディスクがいっぱいです（空き {free}）。空きができるまでワーカーは新しい作業を受け付けません。キューにあるものは失われません。",
  "faults.logDropped":
    "junmai-sync: ログファイル {file} に書き込めません（{code}）。書き込めるようになるまでログを捨てます。",
  "faults.notAFile": "{kind}で、通常のファイルではありません。アップロードするのはファイルだけです。",
  "faults.symlinkLoop": "自分自身に戻るシンボリックリンク（ループ）です。",
  "faults.onlyFilesHint":
    "アップロードできるのはファイルだけです。フォルダーを `upload` に渡すと、その中のファイルが 1 つずつキューに入ります。",
  "faults.freeSpaceHint":
    "保存先の空きを増やしてください（または容量の上限を上げてください）。すべて収まるようになれば、アップロードは自動で始まります。",
  "faults.conflictNoVersionHint": '保存先の onConflict を "rename" か "overwrite" にしてください。',
  "faults.skipped": "{name} をスキップしました: {code} {message}",
  "faults.attentionLine":
    "{since} から対応が必要です: ジョブは待機し、試行回数は保たれます。原因を直してから再試行してください（またはデーモンを再起動）",
  "faults.fullLine":
    "{since} から容量がいっぱいです。{until}に空きをもう一度確認します。ジョブは待機し、ほかの保存先は続きます",
  "faults.freeNeeded": "（空き {free}、待機分 {needed}）",
  "faults.heldByAttention": "バッチ {batch}: 残りのジョブはすべて、対応が必要な保存先を待っています。",
  "faults.heldDestination": "{destination}: {code}: {message}",
  "faults.rcloneWords": "rclone の言葉: {detail}",
  "faults.alertAttentionTitle": "⚠ {destination} に対応が必要です: {code}",
  "faults.alertFullTitle": "⚠ {destination} の容量がいっぱいです",
  "faults.alertOfflineTitle": "⚠ {destination} が {minutes} 分間オフラインです",
  "faults.alertHeldJobs":
    "アップロードは待機しています（何も失われません）。ほかの保存先は続きます。原因を直してから「再試行」を押すか、`junmai-sync retry --all` を実行してください。",
  "faults.storeCorrupt":
    "キューのデータベース {file} は壊れているか、junmai-sync のデータベースではありません。そのままにしてあります。`junmai-sync repair` で復旧できるものを取り戻せます。",
  "faults.storeCheckFailed": "キューのデータベース {file} の整合性チェックに失敗しました: {problem}",
  "faults.repairDone":
    "ジョブ {jobs} 件（全部で {recovered} 行）を復旧し、{lost} 行を失いました。壊れたファイルは {aside} に残してあります。",
  "faults.repairNothing": "キューのデータベース {file} は正常です。修復するものはありません。",
  "faults.repairRunning": "先にデーモンを止めてください。キューを開いています（pid {pid}）。",
  "faults.bodyTooLarge": "リクエストの本文が {limit} バイトより大きいです。",
  "faults.outsideRoots":
    "{path} は、このサーバーがアップロードしてよいフォルダー（server.allowedRoots）の外にあります。",
  "faults.tooManyStreams":
    "ライブ接続が多すぎます。ほかのダッシュボードのタブを閉じてから、もう一度試してください。",
} as const satisfies Record<keyof typeof en, string>;
