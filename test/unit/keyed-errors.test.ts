/**
 * A SyncError names its sentence by catalogue key (`say("area.key", params)`), so whoever reads
 * the stored error reads it in their own language. These tests keep new English-only throw sites
 * out of src/ and show converted ones, made by their real functions, in Japanese.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/app/describe-error.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { classifyRcloneError } from "../../src/rclone/classify-error.js";
import { RcUnavailableError } from "../../src/rclone/rc-client.js";
import { s3Error } from "../../src/transport/s3/s3-errors.js";
import { sftpError } from "../../src/transport/sftp/sftp-session.js";

const ja = createTranslator("ja");

/**
 * Files whose `new SyncError(code, "…")` sites may still pass English text, and how many. Each
 * is either words that are not ours (passed through as they are) or a site not converted yet;
 * a count may only go down. Sites whose message is a variable holding someone else's words
 * (rclone's `answer.Error`, commander's parse error, a config validator's issues) are not
 * string literals and so are not counted here.
 */
const STILL_ENGLISH: Readonly<Record<string, number>> = {
  // Not converted yet: config validation sentences built from a key, a path and a reason
  // fragment (`why`) the callers write in English; they need one sentence per reason.
  "src/config/config-error.ts": 1,
  "src/config/load.ts": 1,
  "src/config/resolve.ts": 1,
  "src/domain/path-template.ts": 2,
  "src/domain/priority.ts": 1,
  "src/domain/remote-path.ts": 1,
  "src/domain/schedule.ts": 1,
  "src/app/config-editor.ts": 2,
  // `${first.path}: ${first.message}`: the path and another SyncError's English message (the
  // first of several refused files), repeated as the whole batch's error.
  "src/app/enqueue-upload.ts": 1,
  // Not converted yet: the notification channels' failures (logged, shown by `notify test`).
  "src/notify/send-channel.ts": 5,
  // Not converted yet: the job store's invariants and migrations, which a person meets only when
  // the store itself is broken (their `hint` is translated already).
  "src/domain/job.ts": 1,
  "src/store/postgres/migrations.ts": 1,
  "src/store/postgres/postgres-dialect.ts": 1,
  "src/store/sql/batch-operations.ts": 1,
  "src/store/sql/job-changes.ts": 5,
  "src/store/sql/sql-job-store.ts": 1,
  "src/store/sqlite/migrations.ts": 1,
};

/** `new SyncError(<code>, "…" | '…' | `…`` — a message written as text at the throw site. */
const LITERAL_MESSAGE = /new SyncError\(\s*[^,()]+,\s*["'`]/g;

function literalSites(): Map<string, number> {
  const sites = new Map<string, number>();
  for (const name of readdirSync("src", { recursive: true, encoding: "utf8" })) {
    if (!name.endsWith(".ts")) continue;
    const file = path.join("src", name).split(path.sep).join("/");
    const count = [...readFileSync(file, "utf8").matchAll(LITERAL_MESSAGE)].length;
    if (count > 0) sites.set(file, count);
  }
  return sites;
}

describe("keyed SyncError messages", () => {
  it("no src/ file throws a SyncError with an English literal beyond its allowance", () => {
    const over = [...literalSites()]
      .filter(([file, count]) => count > (STILL_ENGLISH[file] ?? 0))
      .map(([file, count]) => `${file}: ${count} literal message(s), ${STILL_ENGLISH[file] ?? 0} allowed`);
    expect(over).toEqual([]);
  });

  it("keeps the allowance honest: a converted file leaves the list", () => {
    const sites = literalSites();
    const stale = Object.entries(STILL_ENGLISH)
      .filter(([file, allowed]) => (sites.get(file) ?? 0) < allowed)
      .map(([file]) => file);
    expect(stale).toEqual([]);
  });

  it("finds a literal message the way it is written", () => {
    const written = [
      'new SyncError("STORE_FAILED", "A change was not decided.")',
      "new SyncError(\n  code,\n  `The queue database {file} failed`)",
    ];
    for (const text of written) expect(text.match(LITERAL_MESSAGE)).toHaveLength(1);
    expect('new SyncError("USAGE", say("service.badLines", { value }))'.match(LITERAL_MESSAGE)).toBeNull();
  });

  it("shows rclone's classified errors in Japanese, English message unchanged", () => {
    const limited = classifyRcloneError(
      new Error("googleapi: Error 403: Rate Limit Exceeded, userRateLimitExceeded"),
    );
    expect(limited.message).toBe("The provider is rate-limiting us.");
    expect(describeError(ja, limited.toInfo()).message).toBe("サービス側から速度を制限されています。");

    const dns = classifyRcloneError(new Error("dial tcp: lookup dav.example.invalid: no such host"));
    expect(dns.code).toBe("REMOTE_UNREACHABLE");
    expect(describeError(ja, dns.toInfo())).toMatchObject({
      message: "保存先のサーバー名が見つかりません（DNS）。",
      hint: "リモートの URL またはホストのサーバー名（`junmai-sync remote list`）と、このコンピューターのネットワークと DNS を確認してください。",
    });

    const hung = classifyRcloneError(new RcUnavailableError("operations/copyfile", new Error("timeout")));
    expect(describeError(ja, hung.toInfo()).message).toBe(
      "転送中に rclone が応答しなくなりました。再起動しています。",
    );
  });

  it("shows the S3 and SFTP transports' errors in Japanese, the failed step kept", () => {
    const s3 = s3Error(
      Object.assign(new Error("bucket gone"), { name: "NoSuchBucket" }),
      "starting the upload",
    );
    expect(s3.message).toBe("The S3 bucket does not exist (starting the upload).");
    expect(describeError(ja, s3.toInfo())).toMatchObject({
      code: "REMOTE_NOT_FOUND",
      message: "S3 のバケットがありません（starting the upload）。",
    });

    const sftp = sftpError(new Error("connect ECONNREFUSED 192.0.2.1:22"), "connecting");
    expect(sftp.message).toBe("The SFTP server could not be reached while connecting.");
    expect(describeError(ja, sftp.toInfo()).message).toBe(
      "SFTP サーバーに接続できませんでした（connecting）。",
    );
  });

  it("keeps rclone's own words, redacted, inside the keyed sentence", () => {
    const error = classifyRcloneError(
      new Error("Failed to copy: https://user:hunter2@dav.example.com/x: strange answer"),
    );
    expect(error.message).not.toContain("hunter2");
    expect(error.says?.key).toBe("faults.rcloneSaid");
    expect(JSON.stringify(error.says)).not.toContain("hunter2");
    expect(describeError(ja, error.toInfo()).message).not.toContain("hunter2");
  });
});
