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
} as const;
