import type { storedMessages as en } from "../en/stored.js";

export const storedMessages = {
  "stored.sourceMissing": "元ファイル {path} がありません。",
  "stored.sourceUnreadable": "元ファイル {path} を読めません。",
  "stored.notRegularFile": "{path} は通常のファイルではありません。",
  "stored.sourceChanged": "{path} はアップロード中に変更されました。",
  "stored.transferStopped": "転送は終わる前に止められました。",
  "stored.groupStopped": "まとめての転送は終わる前に止められました。",
  "stored.verifyMissing": "アップロード後、保存先に {what} がありません。",
  "stored.verifySize": "{what} は保存先では {remote} バイト、元ファイルは {source} バイトです。",
  "stored.verifyHash": "{what}: 保存先の {hashType} ハッシュが元ファイルと違います。",
  "stored.conflictKept": "{where} には別のファイルがすでにあるため、そのまま残しました（onConflict: skip）。",
  "stored.conflictNoVersion":
    "{where} には別のファイルがすでにあり、この保存先ではファイルを移動して前の版を残すことができません。",
  "stored.rcloneDidNotWrite": "rclone は {where} を書き込みませんでした。",
  "stored.rcloneStopped": "転送中に rclone が応答しなくなりました。再起動しています。",
  "stored.quota": "保存先の容量がいっぱいか、今日のアップロード上限に達しています。",
  "stored.rateLimited": "サービス側から速度を制限されています。",
  "stored.authFailed": "保存先が認証情報を受け付けませんでした。",
  "stored.permissionDenied": "保存先のその場所には書き込めません。",
  "stored.dns": "保存先のサーバー名が見つかりません（DNS）。",
  "stored.unreachable": "保存先に接続できませんでした。",
  "stored.notFound": "保存先のリモートまたはフォルダーがありません。",
  "stored.fileChanged": "アップロード中にファイルが変更されました。",
  "stored.sourceGone": "元ファイルがなくなりました。",
  "stored.symlinkLoop": "{path}: 自分自身に戻るシンボリックリンク（ループ）です。",
  "stored.transferNotBegun": "転送は始まる前に止められました。",
  "stored.conflictTooManyCopies": "{where} も、名前を変えたそのコピー {count} 個もすでにあります。",
  "stored.destinationTooFull":
    "{destination} の空きは {free} バイトで、アップロード待ちは {needed} バイトあります。",
} as const satisfies Record<keyof typeof en, string>;
