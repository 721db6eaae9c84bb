import { describe, expect, it } from "vitest";
import { classifyRcloneError, parseRetryAfter } from "../../src/rclone/classify-error.js";
import { RcError, RcUnavailableError } from "../../src/rclone/rc-client.js";
import { parseRcloneVersion } from "../../src/rclone/rclone-binary.js";

describe("classifyRcloneError", () => {
  // Messages as rclone 1.60 prints them (several captured from the loopback servers).
  it.each([
    ["read metadata failed: Unauthorized: 401 Unauthorized", "AUTH_FAILED", false],
    [
      "NewFs: couldn't connect SSH: ssh: handshake failed: ssh: unable to authenticate, attempted methods [none password]",
      "AUTH_FAILED",
      false,
    ],
    [
      'read metadata failed: Propfind "http://127.0.0.1:1/x.jpg": dial tcp 127.0.0.1:1: connect: connection refused',
      "REMOTE_UNREACHABLE",
      true,
    ],
    ["googleapi: Error 403: User rate limit exceeded., rateLimitExceeded", "RATE_LIMITED", true],
    ["429 Too Many Requests", "RATE_LIMITED", true],
    [
      "googleapi: Error 403: The user has exceeded their Drive storage quota, storageQuotaExceeded",
      "DESTINATION_FULL",
      false,
    ],
    ["QuotaExceeded: Bucket quota exceeded", "DESTINATION_FULL", false],
    ['Put "https://dav/x.jpg": 507 Insufficient Storage', "DESTINATION_FULL", false],
    ["path/not_found/.., insufficient_space", "DESTINATION_FULL", false],
    ["write /mnt/nas/a.jpg: no space left on device", "DESTINATION_FULL", false],
    ["preallocate: file too big for remaining disk space", "DESTINATION_FULL", false],
    [
      "LoadCustomCABundleError: unable to load custom CA bundle, HTTPClient's transport unsupported type",
      "TLS_FAILED",
      false,
    ],
    ['Propfind "https://127.0.0.1:1/": x509: certificate signed by unknown authority', "TLS_FAILED", false],
    ["SignatureDoesNotMatch: The request signature we calculated does not match", "AUTH_FAILED", false],
    ["InvalidAccessKeyId: The AWS Access Key Id you provided does not exist", "AUTH_FAILED", false],
    ['oauth2: cannot fetch token: 400 Bad Request Response: {"error":"invalid_grant"}', "AUTH_FAILED", false],
    ["NoSuchBucket: The specified bucket does not exist", "REMOTE_NOT_FOUND", false],
    ["open /dst/aaaa.jpg: file name too long", "NAME_NOT_ALLOWED", false],
    ["uploadLimitExceeded", "QUOTA_EXCEEDED", false],
    ["open /dst/a.jpg: permission denied", "PERMISSION_DENIED", false],
    ["didn't find section in config file", "REMOTE_NOT_FOUND", false],
    ["context canceled", "TRANSFER_INTERRUPTED", true],
    ["something nobody has seen", "TRANSFER_FAILED", true],
  ])("%s → %s", (message, code, temporary) => {
    const error = classifyRcloneError(new RcError("operations/copyfile", 500, message));
    expect(error).toMatchObject({ code, temporary });
    expect(error.detail).toBe(message);
    expect(error.hint.length).toBeGreaterThan(10);
  });

  it("keeps rclone's own words in the message of an error nobody classified (never just HTTP 500)", () => {
    const error = classifyRcloneError(
      new RcError("operations/copyfile", 500, "weird backend thing: frobnicated"),
    );
    expect(error.message).toContain("weird backend thing: frobnicated");
    expect(error.message).not.toMatch(/^rclone reported an error \(HTTP 500\)/);
  });

  it("treats an unreachable rcd as an interruption, not the job's failure", () => {
    expect(
      classifyRcloneError(new RcUnavailableError("core/stats", new Error("ECONNREFUSED"))),
    ).toMatchObject({
      code: "TRANSFER_INTERRUPTED",
      temporary: true,
    });
  });

  it("never keeps an obscured password rclone echoed back", () => {
    const error = classifyRcloneError(
      new RcError("x", 500, "failed for :webdav,user=u,pass=B3UGk3Zsecret: oops"),
    );
    expect(JSON.stringify(error)).not.toContain("B3UGk3Zsecret");
  });
});

describe("Retry-After", () => {
  it.each([
    ["googleapi: Error 429: rateLimitExceeded, try again after 2026-11-24 10:00:00 (1m30s)", 90_000],
    ["429 Too Many Requests: Retry-After: 30", 30_000],
    ["too_many_write_operations: try again after … (1.5s)", 1_500],
    ["try again after 2026-11-24T18:41:07Z (1m30.5s)", 90_500],
    ["try again after 2026-11-24T18:41:07Z (250ms)", 250],
    ["429 Too Many Requests, Retry-After: 12", 12_000],
    ["429 Too Many Requests", undefined],
  ])("%j → %j ms", (text, expected) => {
    expect(parseRetryAfter(text)).toBe(expected);
  });

  it("travels with a RATE_LIMITED error to the destination's health", () => {
    const error = classifyRcloneError(
      new RcError("operations/copyfile", 500, "429 Too Many Requests: Retry-After: 7"),
    );
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 7_000, temporary: true });
  });
});

describe("parseRcloneVersion", () => {
  it.each([
    ["rclone v1.60.1-DEV\n- os/version: debian 12.11", [1, 60, 1]],
    ["rclone v1.68.2\n", [1, 68, 2]],
    ["rclone 1.59", [1, 59, 0]],
    ["not rclone", undefined],
  ])("%j", (output, expected) => {
    expect(parseRcloneVersion(output)).toEqual(expected);
  });
});
