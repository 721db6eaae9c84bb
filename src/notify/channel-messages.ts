/** Each chat service's message format, made from the one batch report. */
import { isBatchReport, isGoodNews, type Notice, reportLines, reportTitle } from "../domain/batch-report.js";
import { formatBytes } from "../domain/units.js";
import { t } from "../i18n/message.js";

const GREEN = 0x2f6f5e;
const RED = 0xb3261e;

/** Slack incoming webhook: `text` is the fallback for notifications, `blocks` what the channel shows. */
export function slackMessage(report: Notice) {
  const title = reportTitle(report);
  return {
    text: title,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(title)}*` } },
      { type: "section", text: { type: "mrkdwn", text: lines(report).map(escapeSlack).join("\n") } },
    ],
  };
}

/** Discord webhook: one embed, coloured by outcome; Discord caps a description at 4096 characters. */
export function discordMessage(report: Notice) {
  return {
    content: reportTitle(report).slice(0, 2000),
    embeds: [
      {
        title: reportTitle(report).slice(0, 256),
        description: lines(report).join("\n").slice(0, 4096),
        color: isGoodNews(report) ? GREEN : RED,
        timestamp: new Date(report.at).toISOString(),
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** ntfy: the body is the message; title, tags and priority travel in headers (ASCII-safe). */
export function ntfyMessage(report: Notice): { body: string; headers: Record<string, string> } {
  const failed = !isGoodNews(report);
  return {
    body: lines(report).join("\n"),
    headers: {
      // RFC 2047 keeps a Japanese title intact through HTTP headers; ntfy decodes it.
      Title: `=?UTF-8?B?${Buffer.from(reportTitle(report), "utf8").toString("base64")}?=`,
      Tags: failed ? "x" : "white_check_mark",
      Priority: failed ? "high" : "default",
    },
  };
}

export function emailMessage(report: Notice): { subject: string; text: string } {
  return { subject: reportTitle(report), text: `${lines(report).join("\n")}\n\n— junmai-sync\n` };
}

/** Slack treats &, < and > as markup. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The notice's lines, then, for a batch, the bytes resumed uploads did not send again and one
 * line per file a rendition destination could not make a copy of.
 */
function lines(notice: Notice): string[] {
  if (!isBatchReport(notice)) return reportLines(notice);
  const unsupported = (notice.unsupported ?? []).map((entry) => {
    const file = entry.sourcePath.split(/[\\/]/).pop() ?? entry.sourcePath;
    const params = { file, destination: entry.destination };
    return entry.action === "skipped"
      ? t("rendition.reportSkipped", params)
      : t("rendition.reportOriginal", params);
  });
  const saved = notice.bytesSaved ?? 0;
  const resumed = saved > 0 ? [t("resume.bytesSaved", { bytes: formatBytes(saved) })] : [];
  return [...reportLines(notice), ...resumed, ...unsupported];
}
