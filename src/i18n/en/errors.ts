/**
 * What to do next, per error code (the code itself stays English: scripts match on it), and the
 * messages of errors whose throw site names its sentence by key (`say`).
 */
export const errorsMessages = {
  "errors.SOURCE_MISSING.hint":
    "Check that the file still exists at that path, then run `junmai-sync retry <job>`.",
  "errors.SOURCE_UNREADABLE.hint":
    "Check the file's permissions (can this user read it?), then retry the job. On macOS, a daemon started as a login service also needs Full Disk Access for its node binary to read Pictures, Desktop or external drives (System Settings → Privacy & Security → Full Disk Access).",
  "errors.SOURCE_UNSTABLE.hint":
    "The file is still being written; it will be uploaded once it stops changing.",
  "errors.SOURCE_CHANGED.hint":
    "The file changed while it uploaded; it will be uploaded again once it is stable.",
  "errors.REMOTE_UNREACHABLE.hint":
    "Check the network connection and that the destination's server is up; the job will be retried.",
  "errors.REMOTE_UNREACHABLE.exhausted":
    "Check the network connection and that the destination's server is up.",
  "errors.REMOTE_NOT_FOUND.hint": "Check the destination's remote name and base path (`junmai-sync doctor`).",
  "errors.AUTH_FAILED.hint":
    "The destination refused the credentials: fix the user/password or token in rclone's config (`rclone config`), then `junmai-sync retry --all`.",
  "errors.PERMISSION_DENIED.hint":
    "The destination does not allow writing there: check the folder's permissions or choose another base path.",
  "errors.RATE_LIMITED.hint": "The provider asked us to slow down; uploads continue automatically.",
  "errors.QUOTA_EXCEEDED.hint":
    "The destination is full or its daily upload limit is reached: free space or wait for the reset, then `junmai-sync retry --all`.",
  "errors.CONFLICT.hint":
    "A different file already exists at that remote path; rename it or change the destination's conflict policy.",
  "errors.VERIFY_MISMATCH.hint":
    "The uploaded copy did not match the source (size or hash); it will be uploaded again.",
  "errors.TRANSFER_FAILED.hint":
    "The transfer failed for a reason rclone did not classify; see the detail. It will be retried.",
  "errors.TRANSFER_FAILED.exhausted":
    "The transfer failed for a reason rclone did not classify; see the detail.",
  "errors.TRANSFER_INTERRUPTED.hint":
    "The transfer was interrupted (rclone restarted or the process stopped); it will be resumed.",
  "errors.INVALID_PATH.hint": "Use a relative path without `..`, drive letters or control characters.",
  "errors.CONFIG_INVALID.hint": "Fix the named key in the config file; `docs/config.md` lists every option.",
  "errors.CONFIG_MISSING.hint": "Check the path given with --config or JUNMAI_SYNC_CONFIG.",
  "errors.LINK_UNSUPPORTED.hint":
    "This backend cannot make public links (local folders, SFTP, plain WebDAV); set `link: false` on the destination, or use one that can (Dropbox, Google Drive, OneDrive, S3 …).",
  "errors.UNKNOWN_REMOTE.hint":
    "`junmai-sync remote list` shows the remotes in your rclone.conf; `junmai-sync remote add` creates one.",
  "errors.UNKNOWN_DESTINATION.hint":
    "Use one of the configured destination names, or add one to the config file.",
  "errors.USAGE.hint": "Run `junmai-sync --help` for usage.",
  "errors.RCLONE_MISSING.hint":
    "Install rclone 1.60 or newer:\n  Debian/Ubuntu: sudo apt-get install rclone\n  macOS:         brew install rclone\n  Windows:       winget install Rclone.Rclone\nor put its folder on PATH.",
  "errors.RCLONE_FAILED.hint":
    "rclone's remote-control process failed; it is restarted automatically. If this repeats, run `junmai-sync doctor`.",
  "errors.DATA_DIR_UNUSABLE.hint":
    "Choose a writable data directory with --data-dir or JUNMAI_SYNC_DATA_DIR.",
  "errors.DAEMON_RUNNING.hint":
    "Use the running daemon (`junmai-sync status`, the dashboard), stop it first, or give this one its own data directory with --data-dir.",
  "errors.SERVICE_FAILED.hint":
    "Run `junmai-sync service install --dry-run` to see the file and the commands, and `junmai-sync service status` for the state.",
  "errors.INTEGRATION_FAILED.hint":
    "Run the same command with --dry-run to see the script, and save it by hand where the application looks for it.",
  "errors.STORE_CORRUPT.hint":
    "The queue database is damaged. It was left untouched: run `junmai-sync repair` (it keeps the damaged file next to it and recovers every readable job), or restore a backup.",
  "errors.STORE_LOCKED.hint":
    "Another process holds the queue database locked for too long; try again, or check for a stuck junmai-sync process.",
  "errors.STORE_TOO_NEW.hint":
    "The queue database was written by a newer junmai-sync; upgrade this installation.",
  "errors.STORE_FAILED.hint":
    "The queue database could not be written (disk full?); free space and try again.",
  "errors.STORE_UNAVAILABLE.hint":
    "The queue database cannot be reached; workers wait and resume by themselves. Check the database server and the network.",
  "errors.JOB_NOT_FOUND.hint": "List jobs with `junmai-sync status --json`.",
  "errors.BATCH_NOT_FOUND.hint": "List batches with `junmai-sync status --json`.",
  "errors.ILLEGAL_TRANSITION.hint":
    "The job is not in a state that allows this; check it with `junmai-sync status <job>`.",
  "errors.LEASE_LOST.hint": "Another worker took over this job after its lease expired; nothing to do.",
  "errors.REQUEST_INVALID.hint": "Fix the named field; the API is described at /api/v1/openapi.json.",
  "errors.NOT_FOUND.hint": "The API lives under /api/v1; /api/v1/openapi.json lists every route.",
  "errors.UNAUTHORIZED.hint":
    "Send the API token as `Authorization: Bearer <token>`; `junmai-sync token` prints it.",
  "errors.HOST_NOT_ALLOWED.hint":
    "Open the dashboard as http://127.0.0.1:<port>/ or http://localhost:<port>/; other host names are refused on a loopback-only server.",
  "errors.SERVER_UNSAFE.hint":
    "Listening beyond this computer needs a strong API token: let junmai-sync create one (unset JUNMAI_SYNC_API_TOKEN) or set one of at least 32 characters, and keep its file private (mode 0600).",
  "errors.SERVER_FAILED.hint":
    "Choose another address or port with `server.port` in the config or `--listen 127.0.0.1:PORT`; uploads go on without the dashboard.",
  "errors.NOTIFY_FAILED.hint":
    "Check the notification channel's URL or server; messages are retried and never hold up uploads.",
  "errors.noJob": "There is no job {id}.",
  "errors.noBatch": "There is no batch {id}.",
  "errors.noDestination": 'There is no destination named "{name}" (known: {known}).',
  "errors.noDestinationNamed": 'There is no destination named "{name}".',
  "errors.remoteName":
    'A remote name must start with a letter or digit and use only letters, digits, _ . - (got "{name}").',
  "errors.remoteType": '--type must be one of {types} (got "{type}").',
  "errors.remoteTypeHint":
    "Other backends: `rclone config`, then use the remote's name as a destination's `remote`.",
  "errors.remoteToken": 'A {type} remote needs a token from `rclone authorize "{type}"`.',
  "errors.remoteTokenHint":
    'On a computer with a browser run: rclone authorize "{type}"  — then pass what it prints with --token-file FILE or --token-stdin.',
  "errors.cryptNeeds":
    "A crypt remote needs --remote (what it wraps) and a password (--password-env or the prompt).",
  "errors.notEncrypted": 'Destination "{name}" does not have `encrypt: true` in the config.',
  "errors.notEncryptedHint": 'Add "encrypt": true to the destination first, then run this again.',
  "errors.emptyPassword": "The encryption password is empty.",
  "errors.noRemote": 'There is no destination or rclone remote named "{name}" (known: {known}).',
  "errors.tokenFileCreate": "Cannot create the API token file {file}.",
  "errors.tokenFileEmpty": "The API token file {file} is empty.",
  "errors.tokenFileEmptyHint": "Delete it; junmai-sync creates a new token at the next start.",
  "errors.tokenShort":
    "Refusing to listen on {host}: the API token from JUNMAI_SYNC_API_TOKEN is shorter than {length} characters.",
  "errors.tokenReadable":
    "Refusing to listen on {host}: the API token file {file} can be read by other users.",
  "errors.tokenReadableHint": "Run `chmod 600 {file}`, or listen on 127.0.0.1 only.",
  "errors.listen": '{name} "{text}" is not an address and port.',
  "errors.listenHint":
    "Use HOST:PORT, e.g. 127.0.0.1:7420, [::1]:7420 or 0.0.0.0:7420 (port 0 picks a free one), or `off`.",
  "errors.configMissing": "Config file {file} does not exist.",
  "errors.configUnreadable": "Config file {file} cannot be read.",
  "errors.withAttempts": "{hint} {attempts}",
  "errors.DESTINATION_FULL.hint":
    "Free space at the destination (or raise its quota); its uploads resume by themselves once there is room, or at once with `junmai-sync retry --all`.",
  "errors.TLS_FAILED.hint":
    "The secure connection was refused: trust the server's certificate (rclone's `--ca-cert`, or `AWS_CA_BUNDLE` for S3, which junmai-sync hands to rclone), fix the URL, or set the remote's `no_check_certificate` only for a server you control; then restart the daemon or press Retry.",
  "errors.NAME_NOT_ALLOWED.hint":
    "The destination refuses this file or folder name or path length (OneDrive: 400 characters; Windows names such as CON or a trailing dot): rename it, or choose a shorter --subpath.",
  "errors.NOT_A_FILE.hint": "Only regular files are uploaded: pipes, sockets and devices are skipped.",
  "errors.TRANSFER_STALLED.hint":
    "No bytes moved for too long (`engine.stallSeconds`); the transfer was stopped and will be retried.",
  "errors.TRANSFER_STALLED.exhausted":
    "No bytes moved for too long (`engine.stallSeconds`); check the network and the destination.",
  "errors.DATA_DIR_FULL.hint":
    "The disk holding the data directory is full or not writable: free space there; the daemon takes new work again by itself, and nothing queued is lost.",
  "errors.PATH_NOT_ALLOWED.hint":
    "A server reachable beyond this computer uploads only from the folders in `server.allowedRoots`; add the folder there, or queue the files on the daemon's own machine.",
  "errors.REQUEST_TOO_LARGE.hint":
    "Request bodies are capped at 1 MiB: send the paths of folders rather than every file, or split the call.",
  "errors.TOO_MANY_STREAMS.hint":
    "Each client may keep a few live-event streams open (the server as a whole a few dozen): close other dashboard tabs, then reload.",
  "errors.IMAGE_UNREADABLE.hint":
    "The file is damaged, empty or not the image its name says: export it again, then retry the job. The destinations that take the original are not affected.",
  "errors.IMAGE_TOO_LARGE.hint":
    "The image has more pixels than `engine.renditionMaxMegapixels` allows (it guards memory); raise it if this machine has the memory, or export a smaller file.",
  "errors.RENDITION_UNSUPPORTED.hint":
    'Renditions are made from JPEG, PNG, WebP, AVIF, TIFF and GIF; set `onUnsupported: "original"` on the destination to send other files unchanged.',
  "errors.RENDITION_FAILED.hint":
    "The image library could not make the rendition; see the detail, then retry the job.",
  "errors.CONFIG_STALE.hint":
    "The config changed since you read it (another editor, or the file itself): load it again, redo your change, and save.",
  "errors.SIGN_IN_BUSY.hint":
    "Finish or close the sign-in that is waiting (it gives up by itself after 5 minutes), then try again.",
  "errors.SIGN_IN_FAILED.hint":
    "Nothing was saved. Try the sign-in again; if the provider keeps refusing, use the token from `rclone authorize` instead.",
  "errors.TOKEN_INVALID.hint":
    'Paste what `rclone authorize` printed: the JSON between `--->` and `<---End paste`, starting with {"access_token":…}.',
  "errors.attemptsFailed.one":
    "Its one attempt failed: retry it once that is fixed (Retry in the dashboard, or `junmai-sync retry --all`).",
  "errors.attemptsFailed.other":
    "All {count} attempts failed: retry it once that is fixed (Retry in the dashboard, or `junmai-sync retry --all`).",
} as const;
