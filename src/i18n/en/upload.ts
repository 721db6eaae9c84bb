/** `junmai-sync upload`: its help, its errors and its report. */
export const uploadMessages = {
  "upload.description":
    "Queue files and folders (recursively) for upload; with --wait, upload them now and report.",
  "upload.arg.paths": "files and folders to upload",
  "upload.option.fromStdin":
    "also read paths from standard input, one per line or NUL-separated (find -print0)",
  "upload.option.fromFile":
    "also read paths from a file, one per line or NUL-separated (no command-line length limit)",
  "upload.option.to": "destination name (repeat for several; default: the config's default)",
  "upload.option.subpath": "folder below the destination's base path, e.g. 2024/wedding",
  "upload.option.batch":
    "a name for this batch; calls with the same name within the quiet period join one batch",
  "upload.option.priority": "high, normal (default), low, or -100…100: higher goes first",
  "upload.option.wait": "upload now (or wait for the running daemon) and exit when done",
  "upload.option.concurrency": "with --wait and no daemon: transfers at once across destinations",
  "upload.option.dryRun": "show where each file would go and as what (original or rendition); queue nothing",
  "upload.option.json": "print the result as JSON",
  "upload.error.stdinIsTerminal": "--from-stdin expects a list of paths piped in, not a terminal.",
  "upload.error.noPaths": "No paths to upload.",
  "upload.error.noPathsHint":
    "Give files or folders as arguments, a list with --from-file, or pipe one with --from-stdin.",
  "upload.error.concurrency": "Expected --concurrency to be a whole number ≥ 1, got `{value}`.",
  "upload.error.nothingAt": "Nothing to upload at {path}.",
  "upload.error.noFiles": "There are no files to upload in the given paths.",
  "upload.error.noFilesHint": "Check the paths; folders are searched recursively.",
  "upload.missing": "{path} does not exist; its job will fail unless it appears.",
  "upload.missingHint":
    "Check the path; once the file is there the job uploads it, or retry it with `junmai-sync retry <job>`.",
  "upload.queued.one": "Queued batch {batch}: {count} job → {destinations}",
  "upload.queued.other": "Queued batch {batch}: {count} jobs → {destinations}",
  "upload.daemonUploading": "The daemon (pid {pid}) is uploading batch {batch}…",
  "upload.count.completed": "{count} completed",
  "upload.count.skipped": "{count} skipped",
  "upload.count.failed": "{count} failed",
  "upload.count.cancelled": "{count} cancelled",
  "upload.count.queued": "{count} still queued",
  "upload.listSeparator": ", ",
  "upload.headline": "Batch {batch}: {counts} — {bytes} in {elapsed}",
  "upload.failedJob": "job {id} {source}",
  "upload.restQueued": "The rest stays queued: `junmai-sync daemon` finishes it.",
  "upload.listUnreadable": "The list of paths {file} (--from-file) cannot be read.",
} as const;
