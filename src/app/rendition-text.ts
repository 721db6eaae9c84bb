/** A rendition as the sentence a person reads, in the reader's language (CLI, dashboard, reports). */
import { type RenditionPlan, type RenditionSummary, summarizeRendition } from "../domain/rendition.js";
import { t } from "../i18n/message.js";
import type { Translator } from "../i18n/translator.js";

/** The reader; English (the API's JSON) when none is given. */
type Reader = Pick<Translator, "t" | "locale">;
const ENGLISH: Reader = { t, locale: "en" };

export function renditionLine(plan: RenditionPlan | null, reader: Reader = ENGLISH): string {
  const { t } = reader;
  if (plan === null) return t("rendition.original");
  if (plan.kind === "skip") return t("rendition.unsupportedSkip");
  if (plan.kind === "original") return t("rendition.unsupportedOriginal");
  return summaryLine(summarizeRendition(plan.settings), reader);
}

export function summaryLine(summary: RenditionSummary | null, reader: Reader = ENGLISH): string {
  const { t } = reader;
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
  return new Intl.ListFormat(reader.locale, { type: "unit", style: "short" }).format(facts);
}
