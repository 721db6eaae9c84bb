/** What went wrong, said plainly: destination faults, rclone's health, the local disk, odd sources. */
export const faultsMessages = {
  "faults.rcloneSaid": "rclone reported: {text}",
  "faults.destinationFull": "The destination is full.",
  "faults.tlsFailed":
    "The secure (TLS) connection to the destination failed: its certificate is not trusted.",
  "faults.nameNotAllowed": "The destination does not allow this file name or path.",
  "faults.stalled": "No bytes moved for {seconds} s: the transfer was stopped.",
  "faults.rcdHung": "rclone stopped answering (no reply within {ms} ms); it was restarted.",
  "faults.rcdCrashLoop":
    "rclone exited {count} times within a minute; waiting {seconds} s before starting it again.",
  "faults.dataDirFull":
    "The disk holding the queue ({file}) is full or not writable: no new work is taken until there is space again.",
  "faults.dataDirLow":
    "The disk holding the data directory {path} is full ({free} free): workers take no new work until there is room; nothing queued is lost.",
  "faults.logDropped":
    "junmai-sync: the log file {file} cannot be written ({code}); log lines are dropped until it can.",
  "faults.notAFile": "{kind}, not a regular file; only files are uploaded.",
  "faults.symlinkLoop": "a symbolic link that leads back to itself (a loop).",
  "faults.onlyFilesHint":
    "Only files are uploaded; give a folder to `upload` and its files are queued one by one.",
  "faults.freeSpaceHint":
    "Free space at the destination (or raise its quota); uploads start by themselves once everything fits.",
  "faults.conflictNoVersionHint": 'Set the destination\'s onConflict to "rename" or "overwrite".',
  "faults.skipped": "skipped {name}: {code} {message}",
  "faults.attentionLine":
    "needs attention since {since}: its jobs wait, attempts kept; fix it, then Retry (or restart the daemon)",
  "faults.fullLine":
    "full since {since}; checking for space again {until}; its jobs wait, other destinations go on",
  "faults.freeNeeded": " ({free} free, {needed} waiting)",
  "faults.heldByAttention": "Batch {batch}: every open job waits for a destination that needs attention.",
  "faults.heldDestination": "{destination}: {code}: {message}",
  "faults.rcloneWords": "rclone said: {detail}",
  "faults.alertAttentionTitle": "⚠ {destination} needs attention: {code}",
  "faults.alertFullTitle": "⚠ {destination} is full",
  "faults.alertOfflineTitle": "⚠ {destination} has been offline for {minutes} min",
  "faults.alertHeldJobs":
    "Its uploads wait (nothing is lost); other destinations go on. Fix it, then press Retry or run `junmai-sync retry --all`.",
  "faults.storeCorrupt":
    "The queue database {file} is damaged or is not a junmai-sync database. It was left untouched; `junmai-sync repair` recovers what it can.",
  "faults.storeCheckFailed": "The queue database {file} failed its integrity check: {problem}",
  "faults.repairDone":
    "Recovered {jobs} job(s) ({recovered} rows in all), lost {lost} row(s); the damaged file is kept at {aside}.",
  "faults.repairNothing": "The queue database {file} is healthy; nothing to repair.",
  "faults.repairRunning": "Stop the daemon first: it has the queue open (pid {pid}).",
  "faults.bodyTooLarge": "The request body is larger than {limit} bytes.",
  "faults.outsideRoots": "{path} is outside the folders this server may upload from (server.allowedRoots).",
  "faults.tooManyStreams": "Too many live connections; close another dashboard tab and try again.",
} as const;
