import type { renditionMessages as en } from "../en/rendition.js";

export const renditionMessages = {
  "rendition.original": "元のファイルそのまま",
  "rendition.make": "{size} {format}、{colorSpace}、メタデータ: {metadata}",
  "rendition.colorSpace.srgb": "sRGB",
  "rendition.colorSpace.keep": "元のカラープロファイル",
  "rendition.noLocation": "位置情報なし",
  "rendition.watermarked": "透かし入り",
  "rendition.unsupportedSkip":
    "送りません: このファイルからは書き出し用のコピーを作れません（onUnsupported: skip）",
  "rendition.unsupportedOriginal":
    "元のファイルのまま送りました: このファイルからは書き出し用のコピーを作れません（onUnsupported: original）",
  "rendition.destinationLine": "{destination}: {what}",
  "rendition.unsupportedCounts":
    "{destination}: スキップ {skipped}、元のまま送信 {originals}（コピーを作れないもの）",
  "rendition.reportSkipped":
    "⊘ {file} → {destination}: 送っていません。このファイルからはコピーを作れません（onUnsupported: skip）",
  "rendition.reportOriginal":
    "⇢ {file} → {destination}: 元のファイルのまま送りました。このファイルからはコピーを作れません",
  "rendition.statusLabel": "コピーの形式",
  "rendition.dryRunHeader": "ドライラン: 何もキューに入れていません。{files} 個のファイル → {destinations}",
  "rendition.dryRunLine": "{source} → {destination}:{remote}（{what}）",
  "rendition.dryRunMissing": "{source} は存在しません",
  "rendition.error.empty": "{file} は空です（0 バイト）。コピーを作れません。",
  "rendition.error.tooLarge":
    "{file} は {megapixels} メガピクセルを超えています。メモリを守るため、コピーは作りませんでした。",
  "rendition.error.unreadable": "{file} は壊れているか、読める画像ではありません。",
  "rendition.error.failed": "{file} のコピーを作れませんでした。",
  "rendition.error.noPreview": "{file} にはプレビューがありません。",
  "rendition.error.noPreviewHint":
    "プレビューを作るのは JPEG、PNG、WebP、AVIF、TIFF、GIF のファイルです。ほかのファイルはダッシュボードでは空白の四角で表示されます。",
  "rendition.error.sourceMissing": "元ファイル {file} がありません。",
  "rendition.error.noPipeline": "このワーカーは画像処理なしで起動されました。",
  "rendition.error.unsupported":
    "{file} はコピーを作れる画像ではないため、{destination} には送りません（onUnsupported: skip）。",
  "rendition.error.watermarkUnreadable": "に指定した {file} を読めません（{why}）",
  "rendition.error.watermarkNotImage":
    "に指定した {file} は PNG、JPEG、WebP、GIF、TIFF、AVIF の画像ではありません",
} as const satisfies Record<keyof typeof en, string>;
