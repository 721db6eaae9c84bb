/** The resumable transports we have: S3 multipart and SFTP offsets. The next ones join this list. */
import type { ResumableBackend } from "./resumable.js";
import { S3MultipartUpload } from "./s3/s3-multipart.js";
import { s3Target } from "./s3/s3-settings.js";
import { sftpTarget } from "./sftp/sftp-settings.js";
import { SftpOffsetUpload } from "./sftp/sftp-upload.js";

export const RESUMABLE_BACKENDS: readonly ResumableBackend[] = [
  {
    types: ["s3"],
    open: (remote, destination) => {
      const target = s3Target(remote);
      return typeof target === "string"
        ? target
        : new S3MultipartUpload(target, destination.resumable.partSizeBytes);
    },
  },
  {
    types: ["sftp"],
    open: (remote) => {
      const target = sftpTarget(remote);
      return typeof target === "string" ? target : new SftpOffsetUpload(target);
    },
  },
];
