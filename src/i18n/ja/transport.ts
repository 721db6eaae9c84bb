import type { transportMessages as en } from "../en/transport.js";

export const transportMessages = {
  "transport.s3Auth": "S3 サーバーが認証情報を拒否しました（{what}）。",
  "transport.s3NoBucket": "S3 のバケットがありません（{what}）。",
  "transport.s3SlowDown": "S3 サーバーから速度を落とすよう求められました（{what}）。",
  "transport.s3Quota": "S3 サーバーにアップロードする空きがありません（{what}）。",
  "transport.s3Unreachable": "S3 サーバーに接続できませんでした（{what}）。",
  "transport.s3Failed": "S3 へのアップロードに失敗しました（{what}）。",
  "transport.s3NoUploadId": "S3 サーバーが UploadId なしでアップロードを始めました。",
  "transport.s3PartsDropped":
    "S3 サーバーは、受け取りを確認したパート {parts} を、送り直した後も保持していません。",
  "transport.s3ObjectMismatch": "S3 オブジェクト {path} が送ったパートと一致しません（サイズまたは ETag）。",
  "transport.s3NoEtag": "S3 サーバーが ETag なしでパート {part} の受け取りを確認しました。",
  "transport.s3PartDamaged": "パート {part} が壊れて届きました（md5 が違います）。送り直します。",
  "transport.sftpAuth": "SFTP サーバーが認証情報を拒否しました（{what}）。",
  "transport.sftpQuota": "SFTP サーバーに空きがありません（{what}）。",
  "transport.sftpPermission": "SFTP サーバーで許可されていない操作です（{what}）。",
  "transport.sftpUnreachable": "SFTP サーバーに接続できませんでした（{what}）。",
  "transport.sftpFailed": "SFTP でのアップロードに失敗しました（{what}）。",
  "transport.sftpNoRoom": "SFTP サーバーに空きがありません: 空き {free} バイト、書き込み残り {left} バイト。",
  "transport.sftpHashDiffers": "{where}: 保存先の {algorithm} が違います。",
} as const satisfies Record<keyof typeof en, string>;
