import type { remoteMessages as en } from "../en/remote.js";

export const remoteMessages = {
  "remote.description": "保存先が使う rclone のリモートを一覧・追加・テスト・暗号化します。",
  "remote.list.description": "rclone.conf のリモート: 種類、使えそうか、どの保存先が使っているか。",
  "remote.add.description":
    "rclone を通して rclone.conf にリモートを作ります（パスワードは rclone が難読化します）。",
  "remote.add.arg.name": "リモートの名前",
  "remote.add.option.type": "dropbox、drive、onedrive、s3、webdav、sftp、local、crypt のいずれか",
  "remote.add.option.url": "webdav: サーバーの URL",
  "remote.add.option.vendor": "webdav: nextcloud、owncloud、sharepoint、other",
  "remote.add.option.user": "webdav、sftp: ユーザー名",
  "remote.add.option.host": "sftp: サーバー",
  "remote.add.option.port": "sftp: ポート番号",
  "remote.add.option.keyFile": "sftp: パスワードの代わりに使う秘密鍵ファイル",
  "remote.add.option.provider": "s3: AWS、Minio、Wasabi、Cloudflare、Other など",
  "remote.add.option.region": "s3: リージョン",
  "remote.add.option.endpoint": "s3: エンドポイント（AWS では不要）",
  "remote.add.option.accessKeyId": "s3: アクセスキー ID",
  "remote.add.option.secretKeyEnv": "s3: シークレットアクセスキーを入れた環境変数",
  "remote.add.option.remote": "crypt: 包むリモート（例: nas:Photos/encrypted）",
  "remote.add.option.passwordEnv": "パスワードを入れた環境変数（なければ入力を求めます）",
  "remote.add.option.tokenFile":
    "dropbox、drive、onedrive: `rclone authorize` が表示したトークン JSON のファイル",
  "remote.add.option.tokenStdin": "dropbox、drive、onedrive: トークン JSON を標準入力から読む",
  "remote.add.option.set": "バックエンドのその他の rclone オプション（繰り返し可）",
  "remote.test.description":
    "テスト用ファイルを書き込み・読み戻し・削除して、応答時間、ハッシュ、空き容量、失敗ごとのヒントを表示します。",
  "remote.test.arg.name": "保存先、または rclone.conf のリモート",
  "remote.encrypt.description":
    "`encrypt: true` の保存先の裏にある crypt リモートを作ります（パスワードは rclone.conf に難読化して保存されます）。",
  "remote.encrypt.arg.destination": "encrypt: true を設定した保存先",
  "remote.encrypt.option.passwordEnv": "パスワードを入れた環境変数（なければ入力を求めます）",
  "remote.encrypt.option.saltEnv": "2 つ目のパスワード（ソルト）を入れた環境変数（省略可）",
  "remote.list.none":
    "rclone.conf にはまだリモートがありません。`junmai-sync remote add` で追加してください。",
  "remote.list.usable": "使えそうです",
  "remote.list.usedBy": "使用中: {destinations}",
  "remote.add.saved": "リモート {name}（{type}）を rclone.conf に保存しました。",
  "remote.add.question": "rclone から `rclone config` で答える質問がもう 1 つあります: {question}",
  "remote.add.next":
    "保存先として使うには: {snippet}。そのあと確認してください: junmai-sync remote test {name}",
  "remote.add.askPassword": "{user} のパスワード: ",
  "remote.add.askToken": "トークン: ",
  "remote.add.authorize":
    'Web ブラウザーのあるコンピューターで次を実行し:\n\n    rclone authorize "{type}"\n\n表示されたトークン（波かっこで囲まれた JSON の部分）を貼り付けてください。',
  "remote.add.error.set": "--set は key=value の形で指定してください（指定値: `{value}`）。",
  "remote.encrypt.ask": "{name} の暗号化パスワード: ",
  "remote.encrypt.done":
    "{name} へのアップロードは rclone リモート {remote}（{wraps} を包む）で暗号化されるようになりました。\nパスワードは大切に保管してください。なくすとファイルを読めません。rclone だけで復号する方法は docs/providers.md にあります。",
  "remote.secret.encryptionPassword": "暗号化パスワード",
  "remote.secret.salt": "ソルト",
  "remote.secret.secretKey": "シークレットアクセスキー",
  "remote.secret.password": "パスワード",
  "remote.error.noTerminal": "{what}が必要ですが、入力を求める端末がありません。",
  "remote.error.noTerminalHint": "代わりに環境変数で渡してください（--password-env NAME）。",
  "remote.error.cancelled": "取り消しました。",
  "remote.error.envUnset": "環境変数 {name}（{what}）が設定されていません。",
  "remote.test.works": "{name}: 使えます（応答 {ms} ms）",
  "remote.test.fails": "{name}: 使えません（応答 {ms} ms）",
  "remote.test.verifiedBy": "アップロードは {how} で検証されます",
  "remote.test.free": "空き容量 {free}",
  "remote.test.freeOf": "空き容量 {free}（全体 {total}）",
} as const satisfies Record<keyof typeof en, string>;
