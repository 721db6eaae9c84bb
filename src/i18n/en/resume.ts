/** Resumable uploads (S3 multipart, SFTP offsets): what `status` and reports say about them. */
export const resumeMessages = {
  "resume.transport": "  transport {transport}",
  "resume.resumedFrom": "  resumed   from {bytes} ({percent}% not sent again)",
  "resume.bytesSaved": "{bytes} not sent again thanks to resumed uploads",
} as const;
