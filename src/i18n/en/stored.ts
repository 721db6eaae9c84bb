/**
 * Messages the engine and rclone layer record on a job (they are stored in English in the queue,
 * which several machines may share). An edge recognises a stored message by its English text
 * and shows it in the reader's language (app/describe-error.ts). Each text here must stay the
 * same as where it is written (src/engine, src/rclone); test/unit/i18n-stored.test.ts checks.
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
} as const;
