/** Renditions: what a destination receives, as the CLI, the dashboard and batch reports say it. */
export const renditionMessages = {
  "rendition.original": "the original, byte for byte",
  "rendition.make": "{size} {format}, {colorSpace}, metadata: {metadata}",
  "rendition.colorSpace.srgb": "sRGB",
  "rendition.colorSpace.keep": "source colour profile",
  "rendition.noLocation": "no GPS",
  "rendition.watermarked": "watermarked",
  "rendition.unsupportedSkip": "not sent: no rendition can be made from this file (onUnsupported: skip)",
  "rendition.unsupportedOriginal":
    "sent as the original: no rendition can be made from this file (onUnsupported: original)",
  "rendition.destinationLine": "{destination}: {what}",
  "rendition.unsupportedCounts":
    "{destination}: {skipped} skipped, {originals} sent as originals (no rendition possible)",
  "rendition.reportSkipped":
    "⊘ {file} → {destination}: not sent, no rendition can be made from it (onUnsupported: skip)",
  "rendition.reportOriginal":
    "⇢ {file} → {destination}: sent as the original, no rendition can be made from it",
  "rendition.statusLabel": "rendition",
  "rendition.dryRunHeader": "Dry run: nothing was queued. {files} file(s) → {destinations}",
  "rendition.dryRunLine": "{source} → {destination}:{remote}  ({what})",
  "rendition.dryRunMissing": "{source} does not exist",
  "rendition.error.empty": "{file} is empty (0 bytes); no rendition can be made of it.",
  "rendition.error.tooLarge":
    "{file} has more than {megapixels} megapixels; no rendition was made, to keep memory in bounds.",
  "rendition.error.unreadable": "{file} is damaged or not a readable image.",
  "rendition.error.failed": "The rendition of {file} could not be made.",
  "rendition.error.noPreview": "{file} has no preview.",
  "rendition.error.noPreviewHint":
    "Previews are made of JPEG, PNG, WebP, AVIF, TIFF and GIF files; the dashboard shows a blank square for others.",
  "rendition.error.sourceMissing": "The source file {file} does not exist.",
  "rendition.error.noPipeline": "This worker was started without an image pipeline.",
  "rendition.error.unsupported":
    "{file} is not an image a rendition can be made from; {destination} does not receive it (onUnsupported: skip).",
  "rendition.error.watermarkUnreadable": "names {file}, which cannot be read ({why})",
  "rendition.error.watermarkNotImage":
    "names {file}, which is not a PNG, JPEG, WebP, GIF, TIFF or AVIF image",
} as const;
