/** A rendition plan as one line a person reads (status, upload --dry-run, the batch report). */
import type { SyncService } from "../../app/sync-service.js";
import { type RenditionPlan, type RenditionSummary, summarizeRendition } from "../../domain/rendition.js";
import { t } from "../../i18n/message.js";

export function renditionLine(plan: RenditionPlan | null): string {
  if (plan === null) return t("rendition.original");
  if (plan.kind === "skip") return t("rendition.unsupportedSkip");
  if (plan.kind === "original") return t("rendition.unsupportedOriginal");
  return summaryLine(summarizeRendition(plan.settings));
}

export function summaryLine(summary: RenditionSummary | null): string {
  if (summary === null) return t("rendition.original");
  const facts = [
    t("rendition.make", {
      size: summary.size,
      format: summary.format,
      colorSpace: t(
        summary.colorSpace === "srgb" ? "rendition.colorSpace.srgb" : "rendition.colorSpace.keep",
      ),
      metadata: summary.metadata,
    }),
  ];
  if (summary.removeLocation) facts.push(t("rendition.noLocation"));
  if (summary.watermark) facts.push(t("rendition.watermarked"));
  return new Intl.ListFormat("en", { type: "unit", style: "short" }).format(facts);
}

/** What each destination of a batch received: `web: 2048 px JPEG q80, sRGB …` / `full: the original …`. */
export async function deliveryLines(service: SyncService, batchId: number): Promise<string[]> {
  const { destinations } = await service.getBatchDeliveries(batchId);
  const lines: string[] = [];
  for (const entry of destinations) {
    lines.push(
      t("rendition.destinationLine", { destination: entry.destination, what: summaryLine(entry.rendition) }),
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
