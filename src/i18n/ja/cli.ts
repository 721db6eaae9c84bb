import type { cliMessages as en } from "../en/cli.js";

export const cliMessages = {
  "cli.description": "rclone を使って、写真をどのクラウドへも確実に・検証つきでアップロードします。",
  "cli.option.version": "バージョン番号を表示する",
  "cli.option.help": "コマンドのヘルプを表示する",
  "cli.option.helpCommand": "指定したコマンドのヘルプを表示する",
  "cli.option.config": "設定ファイル（既定: JUNMAI_SYNC_CONFIG、次に OS の設定フォルダー）",
  "cli.option.dataDir":
    "キューを置くデータフォルダー（既定: JUNMAI_SYNC_DATA_DIR、次に OS のデータフォルダー）",
  "cli.option.rcloneConfig":
    "使用する rclone.conf（既定: 設定の rclone.configPath、次に RCLONE_CONFIG、次に rclone 自身の設定）",
  "cli.option.logLevel": "標準エラーに出すログのレベル",
  "cli.option.lang":
    "表示する言語（既定: JUNMAI_SYNC_LANG、次に設定の language、次に LANG と OS のロケール）",
  "cli.option.json": "JSON で出力する",
  "cli.help.colour": "NO_COLOR が設定されているか、出力先が端末でないときは色を付けません。",
  "cli.help.choices": "選択肢: {choices}",
  "cli.help.default": "既定: {value}",
  "cli.help.withExtras": "{description}（{extras}）",
  "cli.help.usage": "使い方:",
  "cli.help.arguments": "引数:",
  "cli.help.options": "オプション:",
  "cli.help.globalOptions": "共通オプション:",
  "cli.help.commands": "コマンド:",
  "cli.exit.title": "終了コード:",
  "cli.exit.ok": "成功（すべてのジョブが完了またはスキップ）",
  "cli.exit.failed": "失敗したジョブがある、またはチェックに失敗した",
  "cli.exit.usage": "使い方の誤りか設定の誤り（メッセージにオプション名またはキー名があります）",
  "cli.exit.environment":
    "環境のエラー: rclone がない・古い、データフォルダーやキューのデータベースが使えない",
  "cli.errorLabel": "エラー",
  "cli.warningLabel": "警告",
  "cli.noticeLabel": "お知らせ",
  "cli.detail": "詳細: {detail}",
  "cli.hint": "ヒント: {hint}",
  "cli.errorLine": "{code}: {message}",
  "cli.parse.unknownOption": "{option} というオプションはありません。",
  "cli.parse.unknownCommand": "{command} というコマンドはありません。",
  "cli.parse.missingArgument": "引数 {argument} がありません。",
  "cli.parse.optionNeedsValue": "オプション {option} には値が必要です。",
  "cli.parse.optionRequired": "オプション {option} は必ず指定してください。",
  "cli.parse.tooManyArguments":
    "引数が多すぎます。{command} の引数は {expected} 個までですが、{got} 個指定されました。",
  "cli.parse.notAChoice":
    "オプション {option} に `{value}` は指定できません。次のどれかを指定してください: {choices}",
  "cli.parse.didYouMean": "{suggestion} のことですか？ 使い方は `junmai-sync --help` で確認できます。",
  "cli.parse.didYouMeanIn":
    "{suggestion} のことですか？ 使い方は `junmai-sync {command} --help` で確認できます。",
  "cli.parse.commandHelp": "使い方は `junmai-sync {command} --help` で確認できます。",
  "cli.stopping":
    "停止します: 転送中のものは最後まで送ります（すぐ終了するにはもう一度 Ctrl-C。待機中のジョブはキューに残ります）。",
} as const satisfies Record<keyof typeof en, string>;
