import type { configFileMessages as en } from "../en/config-file.js";

export const configFileMessages = {
  "configFile.notJson":
    "設定ファイル {file} の {line} 行目 {column} 文字目が正しい JSON ではありません: {reason}。\n{excerpt}",
  "configFile.backslashHint":
    "JSON の文字列の中の `\\` はエスケープの始まりです。JSON では `\\\\` か `/` と書いてください（`C:/Users/me/Pictures`）。",
  "configFile.syntaxHint":
    "その場所の JSON の書き方を直してください（末尾の余分なカンマや引用符の閉じ忘れがよくある原因です）。",
} as const satisfies Record<keyof typeof en, string>;
