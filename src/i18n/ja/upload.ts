import type { uploadMessages as en } from "../en/upload.js";

export const uploadMessages = {
  "upload.description":
    "ファイルとフォルダー（中身も含む）をアップロード待ちに追加します。--wait を付けると、その場でアップロードして結果を表示します。",
  "upload.arg.paths": "アップロードするファイルとフォルダー",
  "upload.option.fromStdin": "標準入力からもパスを読む（1 行に 1 つ、または NUL 区切り（find -print0））",
  "upload.option.fromFile":
    "ファイルからもパスを読む（1 行に 1 つ、または NUL 区切り。コマンドラインの長さ制限なし）",
  "upload.option.to": "保存先の名前（複数なら繰り返す。既定: 設定の既定の保存先）",
  "upload.option.subpath": "保存先のベースパスの下のフォルダー（例: 2024/wedding）",
  "upload.option.batch": "このバッチの名前。待ち時間内に同じ名前で呼ぶと 1 つのバッチにまとまります",
  "upload.option.priority": "high、normal（既定）、low、または -100〜100。大きいほど先に送ります",
  "upload.option.wait": "今すぐアップロードし（または動作中のデーモンを待ち）、終わったら終了する",
  "upload.option.concurrency": "--wait でデーモンがないとき: すべての保存先を合わせた同時転送数",
  "upload.option.dryRun":
    "各ファイルがどこへ、どの形（元のファイルかコピー）で届くかを表示する。キューには追加しない",
  "upload.option.json": "結果を JSON で出力する",
  "upload.error.stdinIsTerminal":
    "--from-stdin にはパスの一覧をパイプで渡してください（端末からは読みません）。",
  "upload.error.noPaths": "アップロードするパスがありません。",
  "upload.error.noPathsHint":
    "ファイルかフォルダーを引数で指定するか、--from-file で一覧を渡すか、--from-stdin で一覧をパイプで渡してください。",
  "upload.error.concurrency": "--concurrency には 1 以上の整数を指定してください（指定値: `{value}`）。",
  "upload.error.nothingAt": "{path} にはアップロードするものがありません。",
  "upload.error.noFiles": "指定したパスにアップロードするファイルがありません。",
  "upload.error.noFilesHint": "パスを確認してください。フォルダーは中のフォルダーまで探します。",
  "upload.missing": "{path} は存在しません。現れない限り、このジョブは失敗します。",
  "upload.missingHint":
    "パスを確認してください。ファイルが現れればジョブがアップロードします。`junmai-sync retry <job>` で再試行もできます。",
  "upload.queued.one": "バッチ {batch} を追加しました: ジョブ {count} 件 → {destinations}",
  "upload.queued.other": "バッチ {batch} を追加しました: ジョブ {count} 件 → {destinations}",
  "upload.daemonUploading": "デーモン（pid {pid}）がバッチ {batch} をアップロードしています…",
  "upload.count.completed": "完了 {count}",
  "upload.count.skipped": "スキップ {count}",
  "upload.count.failed": "失敗 {count}",
  "upload.count.cancelled": "取り消し {count}",
  "upload.count.queued": "待機中 {count}",
  "upload.listSeparator": "、",
  "upload.headline": "バッチ {batch}: {counts} — {bytes}（{elapsed}）",
  "upload.failedJob": "ジョブ {id} {source}",
  "upload.restQueued": "残りはキューに残っています。`junmai-sync daemon` で最後まで送れます。",
  "upload.listUnreadable": "パスの一覧 {file}（--from-file）を読めません。",
} as const satisfies Record<keyof typeof en, string>;
