import type { queueMessages as en } from "../en/queue.js";

export const queueMessages = {
  "queue.retry.description":
    "失敗した（または取り消した）ジョブを、再試行回数をリセットしてキューに戻します。--all で失敗したジョブすべて。",
  "queue.retry.option.all": "失敗したジョブすべて",
  "queue.retry.error.both": "ジョブ ID と --all はどちらか一方だけを指定してください。",
  "queue.retry.error.none": "ジョブ ID か、失敗したジョブすべてなら --all を指定してください。",
  "queue.retry.requeued.one": "失敗したジョブ {count} 件をキューに戻しました。",
  "queue.retry.requeued.other": "失敗したジョブ {count} 件をキューに戻しました。",
  "queue.retry.done": "ジョブ {id} をキューに戻しました。",
  "queue.cancel.description": "終わっていないジョブを取り消します（転送中なら止めます）。",
  "queue.cancel.done": "ジョブ {id} を取り消しました。",
  "queue.pause.description":
    "1 つの保存先、またはすべてへのアップロードを一時停止します。転送中のものは最後まで送り、待機中のジョブは待ちます（新しいジョブの追加はできます）。再起動後も続きます。",
  "queue.pause.arg.destination": "保存先の名前（既定: すべての保存先）",
  "queue.pause.doneAll":
    "すべてのアップロードを一時停止しました。転送中のものは最後まで送ります。再開は `junmai-sync resume`。",
  "queue.pause.done":
    "{name} へのアップロードを一時停止しました。転送中のものは最後まで送ります。再開は `junmai-sync resume {name}`。",
  "queue.resume.description": "1 つの保存先、またはすべてへのアップロードを再開します。",
  "queue.resume.doneAll": "すべてのアップロードを再開しました。",
  "queue.resume.done": "{name} へのアップロードを再開しました。",
  "queue.bwlimit.description":
    "いまの帯域制限を表示するか、動作中のすべてのワーカーでその場で変更します: 速度（512K、2M）、off、auto（設定ファイルの値に戻す）。",
  "queue.bwlimit.arg.rate": "512K、2M、1.5G（毎秒、rclone の単位）、off、auto",
  "queue.bwlimit.option.to": "全体ではなく、1 つの保存先だけの制限",
  "queue.bwlimit.all": "すべてのアップロード",
  "queue.bwlimit.line": "{what}: {limit}",
} as const satisfies Record<keyof typeof en, string>;
