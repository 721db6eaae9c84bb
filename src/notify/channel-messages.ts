/** Each chat service's message format, made from the one batch report. */
import { isBatchReport, isGoodNews, type Notice } from "../domain/batch-report.js";
import type { Translator } from "../i18n/translator.js";
import { reportLines, reportTitle } from "./report-text.js";

const GREEN = 0x2f6f5e;
const RED = 0xb3261e;

/** Slack incoming webhook: `text` is the fallback for notifications, `blocks` what the channel shows. */
export function slackMessage(report: Notice, tr: Translator) {
  const title = reportTitle(tr, report);
  return {
    text: title,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(title)}*` } },
      { type: "section", text: { type: "mrkdwn", text: lines(tr, report).map(escapeSlack).join("\n") } },
    ],
  };
}

/** Discord webhook: one embed, coloured by outcome; Discord caps a description at 4096 characters. */
export function discordMessage(report: Notice, tr: Translator) {
  return {
    content: reportTitle(tr, report).slice(0, 2000),
    embeds: [
      {
        title: reportTitle(tr, report).slice(0, 256),
        description: lines(tr, report).join("\n").slice(0, 4096),
        color: isGoodNews(report) ? GREEN : RED,
        timestamp: new Date(report.at).toISOString(),
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** ntfy: the body is the message; title, tags and priority travel in headers (ASCII-safe). */
export function ntfyMessage(
  report: Notice,
  tr: Translator,
): { body: string; headers: Record<string, string> } {
  const failed = !isGoodNews(report);
  return {
    body: lines(tr, report).join("\n"),
    headers: {
      // RFC 2047 keeps a Japanese title intact through HTTP headers; ntfy decodes it.
      Title: `=?UTF-8?B?${Buffer.from(reportTitle(tr, report), "utf8").toString("base64")}?=`,
      Tags: failed ? "x" : "white_check_mark",
      Priority: failed ? "high" : "default",
    },
  };
}

export function emailMessage(report: Notice, tr: Translator): { subject: string; text: string } {
  return {
    subject: reportTitle(tr, report),
    text: `${lines(tr, report).join("\n")}\n\n${tr.t("report.signature")}\n`,
  };
}

/** Slack treats &, < and > as markup. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The notice's lines, then, for a batch, the bytes resumed uploads did not send again and one
 * line per file a rendition destination could not make a copy of.
 */
function lines(tr: Translator, notice: Notice): string[] {
  if (!isBatchReport(notice)) return reportLines(tr, notice);
  const unsupported = (notice.unsupported ?? []).map((entry) => {
    const file = entry.sourcePath.split(/[\\/]/).pop() ?? entry.sourcePath;
    const params = { file, destination: entry.destination };
    return entry.action === "skipped"
      ? tr.t("rendition.reportSkipped", params)
      : tr.t("rendition.reportOriginal", params);
  });
  const saved = notice.bytesSaved ?? 0;
  const resumed = saved > 0 ? [tr.t("resume.bytesSaved", { bytes: tr.bytes(saved) })] : [];
  return [...reportLines(tr, notice), ...resumed, ...unsupported];
}
