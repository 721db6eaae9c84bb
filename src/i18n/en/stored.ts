/**
 * Messages the engine and rclone layer record on a job. The queue (which several machines may
 * share) stores each in English and, since schema version 10, by key and parameters too: an edge
 * renders the key in the reader's language (app/describe-error.ts). A message stored before
 * (English only) is recognised by its English text instead, so each text here must stay the
 * same as where it was written; test/unit/i18n-stored.test.ts checks. Every throw site names
 * its key now (test/unit/keyed-errors.test.ts).
 */
export const storedMessages = {
  "stored.sourceMissing": "The source file {path} does not exist.",
  "stored.sourceUnreadable": "The source file {path} cannot be read.",
  "stored.notRegularFile": "{path} is not a regular file.",
  "stored.sourceChanged": "{path} changed while it was uploading.",
  "stored.transferStopped": "The transfer was stopped before it finished.",
  "stored.groupStopped": "The group was stopped before it finished.",
  "stored.verifyMissing": "{what} is missing at the destination after the upload.",
  "stored.verifySize": "{what} has {remote} bytes at the destination; the source has {source}.",
  "stored.verifyHash": "{what}: the {hashType} hash at the destination differs from the source's.",
  "stored.conflictKept": "A different file is already at {where}; it was kept (onConflict: skip).",
  "stored.conflictNoVersion":
    "A different file is already at {where}, and this destination cannot move files to keep a version.",
  "stored.rcloneDidNotWrite": "rclone did not write {where}.",
  "stored.rcloneStopped": "rclone stopped answering during the transfer; it is being restarted.",
  "stored.quota": "The destination is full or its upload limit for today is reached.",
  "stored.rateLimited": "The provider is rate-limiting us.",
  "stored.authFailed": "The destination refused our credentials.",
  "stored.permissionDenied": "The destination does not allow writing there.",
  "stored.dns": "The destination's server name could not be found (DNS).",
  "stored.unreachable": "The destination could not be reached.",
  "stored.notFound": "The destination's remote or folder does not exist.",
  "stored.fileChanged": "The file changed while it uploaded.",
  "stored.sourceGone": "The source file is gone.",
  "stored.symlinkLoop": "{path}: a symbolic link that leads back to itself (a loop).",
  "stored.transferNotBegun": "The transfer was stopped before it began.",
  "stored.conflictTooManyCopies": "{where} and {count} renamed copies of it already exist.",
  "stored.destinationTooFull":
    "{destination} has {free} bytes free, and {needed} bytes wait to upload there.",
  "stored.transferHalted": "The transfer was stopped.",
  "stored.sourceFileGone": "The source file {path} is gone.",
  "stored.hashUnavailable": "rclone could not compute the {hashType} hash of {path}.",
} as const;
