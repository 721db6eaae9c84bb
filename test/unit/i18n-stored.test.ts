/**
 * A job's stored error is English; an edge recognises the engine's sentences and shows them in
 * the reader's language. These are the engine's real errors, made by its real functions.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/app/describe-error.js";
import { retriesExhausted, SyncError } from "../../src/domain/errors.js";
import { verifyUploaded } from "../../src/engine/verify.js";
import { en } from "../../src/i18n/en/index.js";
import { recogniseStored } from "../../src/i18n/recognise.js";
import { createTranslator } from "../../src/i18n/translator.js";

const ja = createTranslator("ja");

describe("stored error messages", () => {
  it("recognises each stored.* text with its parameters", () => {
    expect(recogniseStored("The source file /photos/結婚式/写真_桜.jpg does not exist.")).toEqual({
      key: "stored.sourceMissing",
      params: { path: "/photos/結婚式/写真_桜.jpg" },
    });
    expect(recogniseStored("Something rclone said in its own words")).toBeUndefined();
    for (const [key, text] of Object.entries(en).filter(([name]) => name.startsWith("stored."))) {
      expect(recogniseStored(text.replace(/\{(\w+)\}/g, "x"))?.key, key).toBe(key);
    }
  });

  it("shows the engine's own verify error in Japanese, code kept", () => {
    const error = verifyUploaded(null, { size: 10, hash: null, hashType: null, mtimeMs: 0 }, "写真_桜.jpg");
    expect(error?.message).toBe("写真_桜.jpg is missing at the destination after the upload.");
    const stored = { ...(error as SyncError).toInfo() };
    expect(describeError(ja, stored)).toMatchObject({
      code: "VERIFY_MISMATCH",
      message: "アップロード後、保存先に 写真_桜.jpg がありません。",
      hint: "アップロードしたコピーが元ファイルと一致しませんでした（サイズまたはハッシュ）。もう一度アップロードされます。",
    });
  });

  it("translates a stored hint with its retries used up", () => {
    const info = retriesExhausted(
      new SyncError("REMOTE_UNREACHABLE", "The destination could not be reached.").toInfo(),
      4,
    );
    expect(describeError(ja, info, { attempts: 4 })).toMatchObject({
      message: "保存先に接続できませんでした。",
      hint: "ネットワーク接続と保存先のサーバーが動いているかを確認してください。4 回の試行がすべて失敗しました。原因を直してから再試行してください（ダッシュボードの「再試行」、または `junmai-sync retry --all`）。",
    });
  });

  it("are each written by key, or match the English src/engine and src/rclone still write (a changed sentence there needs its template here)", () => {
    const sources = ["src/engine", "src/rclone"]
      .flatMap((dir) =>
        readdirSync(dir, { recursive: true, encoding: "utf8" }).map((name) => path.join(dir, name)),
      )
      .filter((file) => file.endsWith(".ts"))
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    const stale = Object.entries(en)
      .filter(([key]) => key.startsWith("stored."))
      .filter(([key, text]) => {
        if (sources.includes(`say("${key}"`)) return false;
        const longest = text.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0] ?? "";
        return !sources.includes(longest.replace(/\.$/, ""));
      })
      .map(([key]) => key);
    expect(stale).toEqual([]);
  });
});
