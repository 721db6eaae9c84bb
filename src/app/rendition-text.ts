/** A rendition as the sentence a person reads, in the reader's language (CLI, dashboard, reports). */
import { type RenditionPlan, type RenditionSummary, summarizeRendition } from "../domain/rendition.js";
import { t } from "../i18n/message.js";

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
