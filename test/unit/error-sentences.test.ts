/**
 * An error keeps its sentences by catalogue key beside its English text, so a reader sees it in
 * their language after it was stored: secrets are redacted from the parameters as from the text,
 * a hint whose retries were used up says so in the reader's language, and a date is written the
 * reader's way. An error stored before (English only) is still recognised.
 */
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/app/describe-error.js";
import { retriesExhausted, SyncError } from "../../src/domain/errors.js";
import { say, withInstants } from "../../src/i18n/message.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { errorSentences, parseErrorSentences } from "../../src/store/sql/error-sentences.js";

const ja = createTranslator("ja", { timeZone: "Asia/Tokyo" });
const en = createTranslator("en", { locale: "en_US.UTF-8", timeZone: "Asia/Tokyo" });

/** What a store keeps and gives back: the English text and the sentences' JSON column. */
function roundTrip(error: SyncError) {
  const info = error.toInfo();
  const { says: _says, hintSays: _hint, attemptsFailed: _attempts, ...english } = info;
  return { ...english, ...parseErrorSentences(errorSentences(info)) };
}

describe("an error's sentences by key", () => {
  it("are rendered in the reader's language from the key, not recognised from the English", () => {
    // No recognisable template has this text: only the key can translate it.
    const error = new SyncError(
      "DATA_DIR_UNUSABLE",
      say("daemonLock.cannotCreate", { dataDir: "/写真/data" }),
    );
    const stored = roundTrip(error);
    expect(stored).toMatchObject({
      message: "The daemon cannot create its lock file in the data directory /写真/data.",
      says: { key: "daemonLock.cannotCreate", params: { dataDir: "/写真/data" } },
      hintSays: { key: "errors.DATA_DIR_UNUSABLE.hint" },
    });
    expect(describeError(ja, stored).message).toBe(
      "デーモンはデータフォルダー /写真/data にロックファイルを作れません。",
    );
    expect(describeError(ja, stored).hint).toBe(ja.t("errors.DATA_DIR_UNUSABLE.hint"));
  });

  it("say 'all N attempts failed' in the reader's language, after a throw site's own hint too", () => {
    const error = new SyncError("SOURCE_CHANGED", say("stored.sourceChanged", { path: "/写真/桜.jpg" }), {
      hint: say("faults.onlyFilesHint"),
    });
    const failed = retriesExhausted(roundTrip(error), 4);
    expect(failed.hint).toBe(
      `Only files are uploaded; give a folder to \`upload\` and its files are queued one by one. ${en.render({ key: "errors.attemptsFailed.other", params: { count: 4 } })}`,
    );
    const stored = { ...failed, ...parseErrorSentences(errorSentences(failed)) };
    expect(stored).toMatchObject({ hintSays: { key: "faults.onlyFilesHint" }, attemptsFailed: 4 });
    // The job's attempts now (0 after a retry) do not matter: the error says how many failed.
    expect(describeError(ja, stored, { attempts: 0 }).hint).toBe(
      `${ja.t("faults.onlyFilesHint")}${ja.render({ key: "errors.attemptsFailed.other", params: { count: 4 } })}`,
    );
    const usual = retriesExhausted(
      new SyncError("REMOTE_UNREACHABLE", say("stored.unreachable")).toInfo(),
      2,
    );
    expect(usual.hintSays).toEqual({ key: "errors.REMOTE_UNREACHABLE.exhausted" });
    expect(describeError(ja, usual).hint).toBe(
      ja.t("errors.withAttempts", {
        hint: ja.t("errors.REMOTE_UNREACHABLE.exhausted"),
        attempts: ja.render({ key: "errors.attemptsFailed.other", params: { count: 2 } }) ?? "",
      }),
    );
  });

  it("never keep a secret the English text does not show", () => {
    const where = ":webdav,url=https://nas.example/dav,pass=hunter2:/写真/a.jpg";
    const error = new SyncError("TRANSFER_FAILED", say("stored.rcloneDidNotWrite", { where }));
    expect(error.message).toBe(
      "rclone did not write :webdav,url=https://nas.example/dav,pass=***:/写真/a.jpg.",
    );
    expect(error.says?.params?.where).toBe(":webdav,url=https://nas.example/dav,pass=***:/写真/a.jpg");
    expect(JSON.stringify(roundTrip(error))).not.toContain("hunter2");
    const said = new SyncError("TRANSFER_FAILED", say("faults.rcloneSaid", { text: "pass=hunter2" }));
    expect(said.says?.params?.text).toBe("pass=***");
    // What the key renders in English is exactly the (redacted) message, no more.
    expect(en.render(said.says ?? { key: "" })).toBe(said.message);
  });

  it("write a date as the reader writes dates (ISO in the English text for JSON and logs)", () => {
    const since = Date.UTC(2026, 11, 2, 2, 5, 9);
    const error = new SyncError(
      "DAEMON_RUNNING",
      withInstants(say("daemonLock.held", { pid: 42, since, dataDir: "/data" }), "since"),
    );
    expect(error.message).toBe(
      "another junmai-sync daemon (pid 42, since 2026-12-02T02:05:09.000Z) already uses /data",
    );
    const stored = roundTrip(error);
    expect(describeError(ja, stored).message).toBe(
      `別の junmai-sync デーモン（pid 42、${ja.dateTime(since)} から）がすでに /data を使っています`,
    );
    expect(ja.dateTime(since)).toBe("2026/12/02 11:05");
    expect(describeError(en, stored).message).toContain(`(pid 42, since ${en.dateTime(since)})`);
  });

  it("of a row stored before (English only) are still recognised", () => {
    const old = {
      code: "SOURCE_MISSING" as const,
      message: "The source file /写真/桜.jpg does not exist.",
      hint: "",
      temporary: false,
    };
    expect(describeError(ja, old).message).toBe("元ファイル /写真/桜.jpg がありません。");
  });

  it("are dropped, not trusted, when the column holds what this version cannot read", () => {
    expect(parseErrorSentences(null)).toEqual({});
    expect(parseErrorSentences("{not json")).toEqual({});
    expect(parseErrorSentences('{"says":{"key":7},"hintSays":{"key":"x","params":{"a":{}}}}')).toEqual({});
    expect(parseErrorSentences('{"says":{"key":"stored.sourceGone"},"attemptsFailed":3}')).toEqual({
      says: { key: "stored.sourceGone" },
    });
  });
});
