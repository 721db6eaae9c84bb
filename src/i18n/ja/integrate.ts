import type { integrateMessages as en } from "../en/integrate.js";

export const integrateMessages = {
  "integrate.lightroomTitle":
    "Lightroom Classic の書き出し後の処理: 書き出したファイルを junmai-sync のキューに追加します。",
  "integrate.captureOneTitle":
    "Capture One の「このアプリケーションで開く」: 処理したファイルを junmai-sync のキューに追加します。",
  "integrate.roleLightroom": "Lightroom の書き出し後の処理",
  "integrate.roleCaptureOne": "Capture One の「このアプリケーションで開く」スクリプト",
  "integrate.roleScript": "アップロード用スクリプト",
  "integrate.roleDroplet": "ドロップレットのソース（AppleScript）",
  "integrate.dryRun": "--dry-run: 何も書き込みません。書き込む予定のもの:",
  "integrate.fileHeader": "── {role}: {file}",
  "integrate.wrote": "{role} を書き込みました: {file}",
  "integrate.createdFolder": "{folder} を作りました（アプリケーションがまだ作っていませんでした）",
  "integrate.wouldRun": "そのあと実行: {command}",
  "integrate.ran": "実行しました: {command}",
  "integrate.notRun": "ここでは実行しません（{command} は macOS 専用）。Mac で実行してください: {line}",
  "integrate.lightroomUse":
    "Lightroom Classic で: 書き出し → 後処理 → 書き出し後 → 「{name}」（表示されなければ Lightroom を再起動）。書き出したものはすぐキューに入り、デーモンがアップロードします。",
  "integrate.captureOneUseMac":
    "Capture One で: 処理レシピ → ファイル → このアプリケーションで開く → その他… → {app}（{source} から作成）。",
  "integrate.captureOneUseWindows":
    "Capture One で: 処理レシピ → ファイル → このアプリケーションで開く → {file} を選択。お使いの版がプログラムしか選べない場合は、下の見張るフォルダーを使ってください。",
  "integrate.watchAlternative":
    "または、何もインストールせずに: 見張るフォルダー（設定の `watch`、docs/config.md#watch）に書き出してください。デーモンが書き出し終わったファイルをすべて拾います。",
  "integrate.autodevConfig": "Junmai AutoDev の設定に追加してください（cloud_sync の項目はもう使いません）:",
  "integrate.autodevSnippet": "そして CloudSyncManager.upload_file を次に置き換えてください:",
  "integrate.unknownDestination": "--to の「{name}」は保存先ではありません（あるもの: {known}）。",
  "integrate.noLinuxApp":
    "{target} は macOS と Windows 専用です。--os macos か --os windows を指定してください（書き込み先は --dir、確認だけなら --dry-run）。",
  "integrate.stepFailed": "`{command}` が失敗しました。",
  "integrate.log": "スクリプトの出力は {file} に書かれます",
  "integrate.description":
    "書き出しの仕組みとつなぎます: Lightroom の書き出し後の処理、Capture One の「このアプリケーションで開く」、Junmai AutoDev 用のコード。",
  "integrate.arg.target": "lightroom、capture-one、junmai-autodev のいずれか",
  "integrate.option.to": "保存先（複数なら繰り返す。既定: 設定の既定の保存先）",
  "integrate.option.subpath": "保存先のベースパスの下のフォルダー",
  "integrate.option.dir": "アプリケーションのフォルダーの代わりに、ここにスクリプトを書き込む",
  "integrate.option.os": "スクリプトを使うシステム（既定: このシステム）",
  "integrate.option.dryRun": "書き込む代わりに、書き込む内容を表示する",
} as const satisfies Record<keyof typeof en, string>;
