/** Progress lines and bars while a batch moves (`upload --wait`, `daemon`). */
export const progressMessages = {
  "progress.batch": "batch",
  "progress.identical": "already there, identical",
  "progress.retrying": "({reason} attempt {attempt} of {total})",
  "progress.retryingIn": "({reason} attempt {attempt} of {total}, next try in {wait})",
  "progress.file": "{done}/{total} | {speed}/s",
  "progress.fileEta": "{done}/{total} | {speed}/s | ETA {eta}",
  "progress.overall": "{done}/{total} files | {bytes}/{totalBytes}",
} as const;
