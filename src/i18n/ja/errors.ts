import type { errorsMessages as en } from "../en/errors.js";

export const errorsMessages = {
  "errors.SOURCE_MISSING.hint":
    "ファイルがそのパスにまだあるか確認してから、`junmai-sync retry <job>` を実行してください。",
  "errors.SOURCE_UNREADABLE.hint":
    "ファイルのアクセス権（このユーザーで読めるか）を確認してから、ジョブを再試行してください。macOS でログイン時に起動するサービスとして動かしている場合は、ピクチャ、デスクトップ、外付けドライブを読むために node に「フルディスクアクセス」も必要です（システム設定 → プライバシーとセキュリティ → フルディスクアクセス）。",
  "errors.SOURCE_UNSTABLE.hint": "ファイルはまだ書き出し中です。変化が止まったらアップロードされます。",
  "errors.SOURCE_CHANGED.hint":
    "アップロード中にファイルが変わりました。落ち着いたらもう一度アップロードされます。",
  "errors.REMOTE_UNREACHABLE.hint":
    "ネットワーク接続と保存先のサーバーが動いているかを確認してください。ジョブは自動で再試行されます。",
  "errors.REMOTE_UNREACHABLE.exhausted":
    "ネットワーク接続と保存先のサーバーが動いているかを確認してください。",
  "errors.REMOTE_NOT_FOUND.hint":
    "保存先のリモート名とベースパスを確認してください（`junmai-sync doctor`）。",
  "errors.AUTH_FAILED.hint":
    "保存先が認証情報を受け付けませんでした。rclone の設定（`rclone config`）でユーザー名・パスワードまたはトークンを直してから、`junmai-sync retry --all` を実行してください。",
  "errors.PERMISSION_DENIED.hint":
    "保存先のその場所には書き込めません。フォルダーの権限を確認するか、別のベースパスを選んでください。",
  "errors.RATE_LIMITED.hint": "サービス側から速度を落とすよう求められました。アップロードは自動で続きます。",
  "errors.QUOTA_EXCEEDED.hint":
    "保存先の容量がいっぱいか、1日のアップロード上限に達しました。空きを作るかリセットを待ってから、`junmai-sync retry --all` を実行してください。",
  "errors.CONFLICT.hint":
    "そのリモートパスには別のファイルがすでにあります。名前を変えるか、保存先の競合時の動作（conflict）を変更してください。",
  "errors.VERIFY_MISMATCH.hint":
    "アップロードしたコピーが元ファイルと一致しませんでした（サイズまたはハッシュ）。もう一度アップロードされます。",
  "errors.TRANSFER_FAILED.hint":
    "rclone が分類できない理由で転送に失敗しました。詳細を確認してください。自動で再試行されます。",
  "errors.TRANSFER_FAILED.exhausted":
    "rclone が分類できない理由で転送に失敗しました。詳細を確認してください。",
  "errors.TRANSFER_INTERRUPTED.hint":
    "転送が中断されました（rclone の再起動、またはプロセスの停止）。続きから再開されます。",
  "errors.INVALID_PATH.hint": "`..`、ドライブ文字、制御文字を含まない相対パスを使ってください。",
  "errors.CONFIG_INVALID.hint":
    "設定ファイルの該当キーを直してください。すべての項目は `docs/config.md` にあります。",
  "errors.CONFIG_MISSING.hint": "--config または JUNMAI_SYNC_CONFIG で指定したパスを確認してください。",
  "errors.LINK_UNSUPPORTED.hint":
    "この種類の保存先（ローカルフォルダー、SFTP、通常の WebDAV）は公開リンクを作れません。保存先に `link: false` を設定するか、リンクを作れるもの（Dropbox、Google ドライブ、OneDrive、S3 など）を使ってください。",
  "errors.UNKNOWN_REMOTE.hint":
    "`junmai-sync remote list` で rclone.conf のリモートを一覧できます。`junmai-sync remote add` で新しく作れます。",
  "errors.UNKNOWN_DESTINATION.hint":
    "設定済みの保存先の名前を使うか、設定ファイルに保存先を追加してください。",
  "errors.USAGE.hint": "使い方は `junmai-sync --help` で確認できます。",
  "errors.RCLONE_MISSING.hint":
    "rclone 1.60 以降をインストールしてください:\n  Debian/Ubuntu: sudo apt-get install rclone\n  macOS:         brew install rclone\n  Windows:       winget install Rclone.Rclone\nまたは rclone のフォルダーを PATH に追加してください。",
  "errors.RCLONE_FAILED.hint":
    "rclone のリモート制御プロセスが失敗しました。自動で再起動されます。繰り返す場合は `junmai-sync doctor` を実行してください。",
  "errors.DATA_DIR_UNUSABLE.hint":
    "--data-dir または JUNMAI_SYNC_DATA_DIR で書き込み可能なデータフォルダーを指定してください。",
  "errors.DAEMON_RUNNING.hint":
    "動いているデーモンを使う（`junmai-sync status`、ダッシュボード）か、先にそれを止めるか、--data-dir でこちらに別のデータフォルダーを指定してください。",
  "errors.SERVICE_FAILED.hint":
    "`junmai-sync service install --dry-run` で作られるファイルとコマンドを確認し、`junmai-sync service status` で状態を確認してください。",
  "errors.INTEGRATION_FAILED.hint":
    "同じコマンドを --dry-run 付きで実行してスクリプトを確認し、アプリケーションが読み込む場所に手で保存してください。",
  "errors.STORE_CORRUPT.hint":
    "キューのデータベースが壊れています。そのままにしてあります。`junmai-sync repair` を実行するか（壊れたファイルは横に残し、読めるジョブをすべて取り戻します）、バックアップから戻してください。",
  "errors.STORE_LOCKED.hint":
    "別のプロセスがキューのデータベースを長くロックしています。もう一度試すか、止まったままの junmai-sync プロセスがないか確認してください。",
  "errors.STORE_TOO_NEW.hint":
    "キューのデータベースは新しいバージョンの junmai-sync で書かれています。このインストールを更新してください。",
  "errors.STORE_FAILED.hint":
    "キューのデータベースに書き込めませんでした（ディスクがいっぱい？）。空きを作ってからもう一度試してください。",
  "errors.STORE_UNAVAILABLE.hint":
    "キューのデータベースに接続できません。ワーカーは待機し、つながれば自動で再開します。データベースサーバーとネットワークを確認してください。",
  "errors.JOB_NOT_FOUND.hint": "ジョブの一覧は `junmai-sync status --json` で確認できます。",
  "errors.BATCH_NOT_FOUND.hint": "バッチの一覧は `junmai-sync status --json` で確認できます。",
  "errors.ILLEGAL_TRANSITION.hint":
    "ジョブは今この操作ができる状態ではありません。`junmai-sync status <job>` で確認してください。",
  "errors.LEASE_LOST.hint": "リースの期限切れ後に別のワーカーがこのジョブを引き継ぎました。対応は不要です。",
  "errors.REQUEST_INVALID.hint":
    "該当する項目を直してください。API の説明は /api/v1/openapi.json にあります。",
  "errors.NOT_FOUND.hint":
    "API は /api/v1 の下にあります。すべてのルートは /api/v1/openapi.json にあります。",
  "errors.UNAUTHORIZED.hint":
    "API トークンを `Authorization: Bearer <token>` として送ってください。`junmai-sync token` で表示できます。",
  "errors.HOST_NOT_ALLOWED.hint":
    "ダッシュボードは http://127.0.0.1:<port>/ または http://localhost:<port>/ で開いてください。このコンピューター専用のサーバーでは、ほかのホスト名は拒否されます。",
  "errors.SERVER_UNSAFE.hint":
    "このコンピューターの外から接続を受けるには強い API トークンが必要です。junmai-sync に作らせる（JUNMAI_SYNC_API_TOKEN を外す）か、32 文字以上のものを設定し、そのファイルは本人だけが読めるようにしてください（モード 0600）。",
  "errors.SERVER_FAILED.hint":
    "設定の `server.port` か `--listen 127.0.0.1:PORT` で別のアドレスかポートを選んでください。ダッシュボードがなくてもアップロードは続きます。",
  "errors.NOTIFY_FAILED.hint":
    "通知チャンネルの URL またはサーバーを確認してください。通知は再送され、アップロードを止めることはありません。",
  "errors.noJob": "ジョブ {id} はありません。",
  "errors.noBatch": "バッチ {id} はありません。",
  "errors.noDestination": "「{name}」という名前の保存先はありません（あるもの: {known}）。",
  "errors.noDestinationNamed": "「{name}」という名前の保存先はありません。",
  "errors.remoteName":
    "リモート名は英字か数字で始め、英字・数字・_ . - だけを使ってください（指定値: 「{name}」）。",
  "errors.remoteType": "--type には {types} のいずれかを指定してください（指定値: 「{type}」）。",
  "errors.remoteTypeHint":
    "ほかのバックエンドは `rclone config` で作り、そのリモート名を保存先の `remote` に書いてください。",
  "errors.remoteToken": '{type} のリモートには `rclone authorize "{type}"` で得たトークンが必要です。',
  "errors.remoteTokenHint":
    'ブラウザーのあるコンピューターで rclone authorize "{type}" を実行し、表示されたものを --token-file FILE か --token-stdin で渡してください。',
  "errors.cryptNeeds":
    "crypt のリモートには --remote（包むリモート）とパスワード（--password-env または入力）が必要です。",
  "errors.notEncrypted": "保存先「{name}」の設定に `encrypt: true` がありません。",
  "errors.notEncryptedHint": '先に保存先に "encrypt": true を追加してから、もう一度実行してください。',
  "errors.emptyPassword": "暗号化パスワードが空です。",
  "errors.noRemote": "「{name}」という名前の保存先も rclone のリモートもありません（あるもの: {known}）。",
  "errors.tokenFileCreate": "API トークンのファイル {file} を作れません。",
  "errors.tokenFileEmpty": "API トークンのファイル {file} が空です。",
  "errors.tokenFileEmptyHint":
    "ファイルを削除してください。次の起動時に junmai-sync が新しいトークンを作ります。",
  "errors.tokenShort":
    "{host} では待ち受けません: JUNMAI_SYNC_API_TOKEN の API トークンが {length} 文字より短いためです。",
  "errors.tokenReadable":
    "{host} では待ち受けません: API トークンのファイル {file} をほかのユーザーが読めるためです。",
  "errors.tokenReadableHint": "`chmod 600 {file}` を実行するか、127.0.0.1 だけで待ち受けてください。",
  "errors.listen": "{name} の「{text}」はアドレスとポートではありません。",
  "errors.listenHint":
    "HOST:PORT の形で指定してください（例: 127.0.0.1:7420、[::1]:7420、0.0.0.0:7420。ポート 0 は空いているポートを選びます）。`off` で無効にもできます。",
  "errors.configMissing": "設定ファイル {file} がありません。",
  "errors.configUnreadable": "設定ファイル {file} を読めません。",
  "errors.withAttempts": "{hint}{attempts}",
  "errors.DESTINATION_FULL.hint":
    "保存先の空きを作ってください（または容量を増やしてください）。空きができればアップロードは自動で再開します。`junmai-sync retry --all` ですぐ再開することもできます。",
  "errors.TLS_FAILED.hint":
    "安全な接続が拒否されました。サーバーの証明書を信頼させるか（rclone の `--ca-cert`、S3 なら `AWS_CA_BUNDLE`。junmai-sync が rclone に渡します）、URL を直すか、自分で管理しているサーバーに限りリモートの `no_check_certificate` を設定してください。そのあとデーモンを再起動するか「再試行」を押してください。",
  "errors.NAME_NOT_ALLOWED.hint":
    "保存先がこのファイル名・フォルダー名・パスの長さを受け付けません（OneDrive は 400 文字まで。CON のような Windows の予約名や末尾のピリオドも不可）。名前を変えるか、短い --subpath を選んでください。",
  "errors.NOT_A_FILE.hint":
    "アップロードするのは通常のファイルだけです。パイプ、ソケット、デバイスはスキップします。",
  "errors.TRANSFER_STALLED.hint":
    "長い間まったく転送されませんでした（`engine.stallSeconds`）。転送を止めました。自動で再試行されます。",
  "errors.TRANSFER_STALLED.exhausted":
    "長い間まったく転送されませんでした（`engine.stallSeconds`）。ネットワークと保存先を確認してください。",
  "errors.DATA_DIR_FULL.hint":
    "データフォルダーのディスクがいっぱいか、書き込めません。空きを作ってください。デーモンは自動で作業を再開し、キューにあるものは失われません。",
  "errors.PATH_NOT_ALLOWED.hint":
    "このコンピューターの外から接続できるサーバーは、`server.allowedRoots` のフォルダーからしかアップロードしません。そこにフォルダーを追加するか、デーモンのマシンでファイルをキューに追加してください。",
  "errors.REQUEST_TOO_LARGE.hint":
    "リクエストの本文は 1 MiB までです。ファイルを 1 つずつではなくフォルダーのパスを送るか、呼び出しを分けてください。",
  "errors.TOO_MANY_STREAMS.hint":
    "ライブイベントの接続は 1 つのクライアントにつき数本（サーバー全体で数十本）までです。ほかのダッシュボードのタブを閉じてから再読み込みしてください。",
  "errors.IMAGE_UNREADABLE.hint":
    "ファイルが壊れているか、空か、名前どおりの画像ではありません。もう一度書き出してから、ジョブを再試行してください。元のファイルを受け取る保存先には影響ありません。",
  "errors.IMAGE_TOO_LARGE.hint":
    "画像のピクセル数が `engine.renditionMaxMegapixels` の上限を超えています（メモリを守るためです）。メモリに余裕があれば上限を上げるか、小さいファイルを書き出してください。",
  "errors.RENDITION_UNSUPPORTED.hint":
    'コピーを作れるのは JPEG、PNG、WebP、AVIF、TIFF、GIF です。ほかのファイルをそのまま送るには、保存先に `onUnsupported: "original"` を設定してください。',
  "errors.RENDITION_FAILED.hint":
    "画像ライブラリがコピーを作れませんでした。詳細を確認してから、ジョブを再試行してください。",
  "errors.CONFIG_STALE.hint":
    "読み込んだあとで設定が変わりました（別のエディター、またはファイル自体）。もう一度読み込み、変更をやり直して保存してください。",
  "errors.SIGN_IN_BUSY.hint":
    "待機中のサインインを終えるか閉じてください（5 分たつと自動で諦めます）。そのあともう一度試してください。",
  "errors.SIGN_IN_FAILED.hint":
    "何も保存していません。もう一度サインインしてください。サービスが拒否し続ける場合は、代わりに `rclone authorize` のトークンを使ってください。",
  "errors.TOKEN_INVALID.hint":
    '`rclone authorize` が表示したものを貼り付けてください: `--->` と `<---End paste` の間にある、{"access_token":…} で始まる JSON です。',
  "errors.attemptsFailed.one":
    "1 回の試行が失敗しました。原因を直してから再試行してください（ダッシュボードの「再試行」、または `junmai-sync retry --all`）。",
  "errors.attemptsFailed.other":
    "{count} 回の試行がすべて失敗しました。原因を直してから再試行してください（ダッシュボードの「再試行」、または `junmai-sync retry --all`）。",
} as const satisfies Record<keyof typeof en, string>;
