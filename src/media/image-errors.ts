/**
 * What the image library's failures mean to a photographer: a damaged or empty file
 * (IMAGE_UNREADABLE), one too large to decode safely (IMAGE_TOO_LARGE), or anything else
 * (RENDITION_FAILED) with libvips's words kept in `detail`. None is retried: the same bytes
 * fail the same way.
 */
import path from "node:path";
import { SyncError } from "../domain/errors.js";
import { say } from "../i18n/message.js";

export function imageError(error: unknown, file: string, maxPixels: number, sizeBytes?: number): SyncError {
  if (error instanceof SyncError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const name = path.basename(file);
  if (sizeBytes === 0) {
    return new SyncError("IMAGE_UNREADABLE", say("rendition.error.empty", { file: name }), {
      cause: error,
    });
  }
  if (/exceeds pixel limit/i.test(detail)) {
    return new SyncError(
      "IMAGE_TOO_LARGE",
      say("rendition.error.tooLarge", { file: name, megapixels: Math.round(maxPixels / 1e6) }),
      { cause: error, detail },
    );
  }
  if (
    /unsupported image format|corrupt|premature end|truncated|invalid|not a|bad |datastream/i.test(detail)
  ) {
    return new SyncError("IMAGE_UNREADABLE", say("rendition.error.unreadable", { file: name }), {
      cause: error,
      detail: firstLine(detail),
    });
  }
  return new SyncError("RENDITION_FAILED", say("rendition.error.failed", { file: name }), {
    cause: error,
    detail: firstLine(detail),
  });
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
