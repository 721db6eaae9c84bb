/** Progress lines and bars while a batch moves (`upload --wait`, `daemon`). */
export const progressMessages = {
  "progress.batch": "batch",
  "progress.identical": "already there, identical",
  "progress.retrying": "({reason} attempt {attempt} of {total})",
  "progress.retryingIn": "({reason} attempt {attempt} of {total}, next try in {wait})",
  "progress.file": "{done}/{total} | {speed}/s",
  "progress.fileEta": "{done}/{total} | {speed}/s | ETA {eta}",
  "progress.overall": "{done}/{total} files | {bytes}/{totalBytes}",
  "progress.files": "{done}/{total} files",
  "progress.failed": "{count} failed",
  "progress.cancelled": "{count} cancelled",
  "progress.speed": "{rate}/s",
  "progress.eta": "ETA {duration}",
  "progress.more": "+{count} more",
  "progress.summary": "{percent}% · {bytes} of {total} · {files}",
  "progress.followDaemon": "The daemon (pid {pid}) is uploading batch {batch}…",
  "progress.followDaemonQueue":
    "The daemon (pid {pid}) is uploading batch {batch}; its server does not answer, so progress comes from the queue every {seconds}s.",
  "progress.statusTransfers": "{running} sending now, {waiting} claimed and waiting their turn in rclone",
} as const;
