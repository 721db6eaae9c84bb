/** A batch report as each reader reads it: the same failed batch in English and in Japanese. */
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/app/describe-error.js";
import type { BatchReport } from "../../src/domain/batch-report.js";
import { defaultHint, retriesExhausted, SyncError, sentencesOf } from "../../src/domain/errors.js";
import { say } from "../../src/i18n/message.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { notificationReader } from "../../src/notify/notifier.js";
import { reportLines, reportTitle } from "../../src/notify/report-text.js";

const FAILED: BatchReport = {
  version: 1,
  event: "batch.failed",
  batch: { id: 7, name: null },
  files: { total: 3, delivered: 2, failed: 1, cancelled: 0 },
  bytes: 24_500_000,
  durationMs: 185_000,
  destinations: ["studio"],
  shareLinks: [],
  failures: [
    {
      sourcePath: "/photos/結婚式/写真_桜.jpg",
      remotePath: "結婚式/写真_桜.jpg",
      destination: "studio",
      code: "AUTH_FAILED",
      message: "The destination refused the login.",
      hint: defaultHint("AUTH_FAILED"),
    },
  ],
  moreFailures: 0,
  host: "studio-mac",
  at: Date.parse("2026-12-02T02:00:00Z"),
  test: false,
};

describe("batch report text", () => {
  it("in English", () => {
    const tr = createTranslator("en", { timeZone: "Asia/Tokyo" });
    expect(reportTitle(tr, FAILED)).toBe("✗ Batch 7: 1 of 3 files failed (studio)");
    expect(reportLines(tr, FAILED)).toEqual([
      "2 of 3 files delivered · 24.5 MB · 3m05s · on studio-mac",
      `✗ 結婚式/写真_桜.jpg → studio: AUTH_FAILED: The destination refused the login. (${defaultHint("AUTH_FAILED")})`,
      "Retry from the dashboard, or run `junmai-sync retry --all`.",
    ]);
  });

  it("in Japanese, the code kept in English and the default hint translated", () => {
    const tr = createTranslator("ja", { timeZone: "Asia/Tokyo" });
    expect(reportTitle(tr, FAILED)).toBe("✗ バッチ 7: 3 個中 1 個のファイルが失敗しました（studio）");
    const lines = reportLines(tr, FAILED);
    expect(lines[0]).toBe("3 個中 2 個を送信 · 24.5 MB · 3分05秒 · studio-mac から");
    expect(lines[1]).toMatch(
      /^✗ 結婚式\/写真_桜\.jpg → studio: AUTH_FAILED: .*（保存先が認証情報を受け付けませんでした。/,
    );
    expect(lines[2]).toBe("ダッシュボードから再試行するか、`junmai-sync retry --all` を実行してください。");
  });

  it("in Japanese from the failure's sentences by key, where the job's error kept them", () => {
    const tr = createTranslator("ja", { timeZone: "Asia/Tokyo" });
    const error = retriesExhausted(
      new SyncError("REMOTE_UNREACHABLE", say("daemonLock.cannotCreate", { dataDir: "/写真" })).toInfo(),
      4,
    );
    const [failure] = FAILED.failures as [BatchReport["failures"][number]];
    const keyed: BatchReport = {
      ...FAILED,
      failures: [
        { ...failure, code: error.code, message: error.message, hint: error.hint, ...sentencesOf(error) },
      ],
    };
    expect(reportLines(tr, keyed)[1]).toBe(
      `✗ 結婚式/写真_桜.jpg → studio: REMOTE_UNREACHABLE: デーモンはデータフォルダー /写真 にロックファイルを作れません。（${describeError(tr, error).hint}）`,
    );
    expect(describeError(tr, error).hint).toContain(tr.t("errors.REMOTE_UNREACHABLE.exhausted"));
  });

  it("is read in the config's language, else the OS locale, never LANG", () => {
    expect(notificationReader({ language: "ja", timeZone: "UTC" }, "en-US").language).toBe("ja");
    expect(notificationReader({ language: undefined, timeZone: "UTC" }, "ja-JP").language).toBe("ja");
    expect(notificationReader({ language: undefined, timeZone: "UTC" }, "de-DE").language).toBe("en");
  });
});
