/** What `upload --wait` shows while a batch moves, and `status`'s transfer counts. */
export const progressMessages = {
  "progress.batch": "batch",
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
