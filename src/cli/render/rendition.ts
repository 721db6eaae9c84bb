/** What each destination of a batch received, as lines for the CLI. */

import { summaryLine } from "../../app/rendition-text.js";
import type { SyncService } from "../../app/sync-service.js";
import type { Translator } from "../../i18n/translator.js";

export { renditionLine } from "../../app/rendition-text.js";

/** What each destination of a batch received: `web: 2048 px JPEG q80, sRGB …` / `full: the original …`. */
export async function deliveryLines(
  service: SyncService,
  batchId: number,
  tr: Translator,
): Promise<string[]> {
  const { t } = tr;
  const { destinations } = await service.getBatchDeliveries(batchId);
  const lines: string[] = [];
  for (const entry of destinations) {
    lines.push(
      t("rendition.destinationLine", {
        destination: entry.destination,
        what: summaryLine(entry.rendition, tr),
      }),
    );
    if (entry.unsupportedSkipped + entry.unsupportedOriginals > 0) {
      lines.push(
        t("rendition.unsupportedCounts", {
          destination: entry.destination,
          skipped: entry.unsupportedSkipped,
          originals: entry.unsupportedOriginals,
        }),
      );
    }
  }
  return lines;
}
