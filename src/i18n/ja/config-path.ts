import type { configPathMessages as en } from "../en/config-path.js";

export const configPathMessages = {
  "configPath.windowsPathHere":
    "は Windows のパス（「{value}」）で、このコンピューターでは開けません。`/home/me/Pictures` や `~/Pictures` のように、このシステムのパスで書いてください",
  "configPath.trailingBackslash":
    "がバックスラッシュで終わっています（「{value}」）。このシステムでは `\\` はファイル名の一部です。フォルダーの区切りには `/` を使い、末尾には何も付けないでください",
  "configPath.variableUnset":
    "が変数 {name} で始まっていますが（「{value}」）、この環境では設定されていません。変数を設定するか、フォルダーをそのまま書いてください",
} as const satisfies Record<keyof typeof en, string>;
