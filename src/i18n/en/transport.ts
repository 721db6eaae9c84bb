/**
 * The S3 and SFTP uploads' own failures: one sentence per kind of failure. `{what}` is the step
 * that failed as the transport names it (`connecting`, `renaming <path>` …): technical words
 * with a path, kept as they are in every language, so the sentence around them is translated.
 */
export const transportMessages = {
  "transport.s3Auth": "The S3 server refused the credentials while {what}.",
  "transport.s3NoBucket": "The S3 bucket does not exist ({what}).",
  "transport.s3SlowDown": "The S3 server asked us to slow down while {what}.",
  "transport.s3Quota": "The S3 server has no room for the upload ({what}).",
  "transport.s3Unreachable": "The S3 server could not be reached while {what}.",
  "transport.s3Failed": "The S3 upload failed while {what}.",
  "transport.s3NoUploadId": "The S3 server started an upload without an UploadId.",
  "transport.s3PartsDropped":
    "The S3 server does not hold parts {parts} as it confirmed them, even after they were sent again.",
  "transport.s3ObjectMismatch": "The S3 object {path} does not match the parts sent (size or ETag).",
  "transport.s3NoEtag": "The S3 server confirmed part {part} without an ETag.",
  "transport.s3PartDamaged": "Part {part} arrived damaged (its md5 differs); it is sent again.",
  "transport.sftpAuth": "The SFTP server refused the credentials while {what}.",
  "transport.sftpQuota": "The SFTP server has no room left ({what}).",
  "transport.sftpPermission": "The SFTP server does not allow {what}.",
  "transport.sftpUnreachable": "The SFTP server could not be reached while {what}.",
  "transport.sftpFailed": "The SFTP upload failed while {what}.",
  "transport.sftpNoRoom": "The SFTP server has no room left: {free} bytes free, {left} to write.",
  "transport.sftpHashDiffers": "{where}: its {algorithm} at the destination differs.",
} as const;
