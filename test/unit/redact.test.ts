import { describe, expect, it } from "vitest";
import { SyncError } from "../../src/domain/errors.js";
import { redactSecrets } from "../../src/domain/redact.js";

describe("redactSecrets", () => {
  it.each([
    [
      ":webdav,url='http://127.0.0.1:8080',vendor=other,user=u,pass=B3UGk3ZClkrf7znzuuKgE21VNX1w:",
      "B3UGk3ZClkrf7znzuuKgE21VNX1w",
    ],
    [":sftp,host=h,pass='quoted secret':path", "quoted secret"],
    ['{"token": "{\\"access_token\\":\\"ya29.secret\\"}"}', "ya29.secret"],
    ["https://user:hunter2@example.com/dav", "hunter2"],
    ["Authorization: Bearer abc.def.ghi", "abc.def.ghi"],
    ["s3,secret_access_key=AKIAXXXXSECRET,access_key_id=AKIA", "AKIAXXXXSECRET"],
    [
      'Put "https://b.s3.amazonaws.com/a.jpg?X-Amz-Algorithm=AWS4&X-Amz-Signature=9f8e7d6c5b4a&X-Amz-Date=1": 403',
      "9f8e7d6c5b4a",
    ],
    ["https://acct.blob.core.windows.net/c/a.jpg?sv=2020&sig=AbCdSasSecret%3D&se=2026", "AbCdSasSecret"],
    ["https://storage.googleapis.com/b/a.jpg?X-Goog-Signature=0123abcdsecret", "0123abcdsecret"],
  ])("removes the secret from %s", (text, secret) => {
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain("***");
  });

  it("leaves ordinary text alone", () => {
    const text = "read metadata failed: 401 Unauthorized for 写真_桜.jpg";
    expect(redactSecrets(text)).toBe(text);
  });

  it("is applied to every SyncError message and detail", () => {
    const error = new SyncError("AUTH_FAILED", "dst :webdav,pass=SECRETVALUE: refused", {
      detail: "pass=OTHERSECRET",
    });
    expect(JSON.stringify(error)).not.toMatch(/SECRETVALUE|OTHERSECRET/);
  });
});
