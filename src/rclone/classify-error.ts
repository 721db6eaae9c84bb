/**
 * rclone reports failures as text. This is the one place that reads that text and decides
 * what it means for a photographer: which code, and whether trying again can help.
 * Order matters: the first rule that matches wins, most specific first.
 */
import { type ErrorCode, SyncError } from "../domain/errors.js";
import { type MessageRef, say } from "../i18n/message.js";
import { RcUnavailableError } from "./rc-client.js";

interface Rule {
  readonly code: ErrorCode;
  readonly pattern: RegExp;
  readonly message: MessageRef;
  readonly temporary?: boolean;
  /** A sharper hint than the code's own, for this cause. */
  readonly hint?: MessageRef;
}

const RULES: readonly Rule[] = [
  {
    // Storage full, not a daily limit: S3's `QuotaExceeded` (case matters: Drive's lower-case
    // `quotaExceeded` is an API quota), WebDAV's 507, Drive, Dropbox, a full local disk or NAS.
    code: "DESTINATION_FULL",
    pattern:
      /storageQuotaExceeded|insufficient[_ ]storage|insufficient_space|\b507\b|no space left|disk quota exceeded|ENOSPC|quota_exceeded|too big for remaining disk space/i,
    message: say("faults.destinationFull"),
  },
  { code: "DESTINATION_FULL", pattern: /\bQuotaExceeded\b/, message: say("faults.destinationFull") },
  {
    code: "QUOTA_EXCEEDED",
    pattern: /uploadLimitExceeded|quotaExceeded|quota exceeded|disk quota/i,
    message: say("stored.quota"),
  },
  {
    // Before "unreachable": a TLS failure is the configuration's, not the network's. rclone
    // 1.60's S3 backend refuses any AWS_CA_BUNDLE with LoadCustomCABundleError.
    code: "TLS_FAILED",
    pattern:
      /x509:|certificate signed by unknown authority|certificate verify failed|certificate is (?:not valid|valid for)|tls: failed to verify|LoadCustomCABundleError|custom CA bundle|failed to load CA|unknown certificate authority|tls: first record does not look like a TLS handshake/i,
    message: say("faults.tlsFailed"),
  },
  {
    code: "NAME_NOT_ALLOWED",
    pattern:
      /file name too long|name too long|ENAMETOOLONG|path too long|resource path.*too long|invalid (?:file ?)?name|invalidName|name is (?:not valid|invalid|reserved)|reserved name|contains invalid characters/i,
    message: say("faults.nameNotAllowed"),
  },
  {
    code: "RATE_LIMITED",
    pattern:
      /\b429\b|too many requests|rateLimitExceeded|userRateLimitExceeded|too_many_write_operations|throttl/i,
    message: say("stored.rateLimited"),
  },
  {
    code: "AUTH_FAILED",
    pattern:
      /\b401\b|unauthori[sz]ed|unable to authenticate|authentication failed|invalid_grant|invalid[_ ]token|token expired|expired_access_token|couldn't fetch token|login failed|access denied.*credentials|SignatureDoesNotMatch|InvalidAccessKeyId/i,
    message: say("stored.authFailed"),
  },
  {
    code: "PERMISSION_DENIED",
    pattern: /\b403\b|forbidden|permission denied|access denied|read[- ]only file system|not allowed/i,
    message: say("stored.permissionDenied"),
  },
  {
    code: "REMOTE_NOT_FOUND",
    pattern:
      /didn't find section in config file|couldn't find (remote|root)|directory not found|bucket.*does not exist|NoSuchBucket|InvalidBucketName|PermanentRedirect|AuthorizationHeaderMalformed|IllegalLocationConstraint|unsupported protocol scheme|invalid URL|missing protocol scheme/i,
    message: say("stored.notFound"),
  },
  {
    code: "REMOTE_UNREACHABLE",
    pattern: /no such host|temporary failure in name resolution|server misbehaving.*lookup|dial tcp: lookup/i,
    message: say("stored.dns"),
    hint: say("rclone.dnsHint"),
  },
  {
    code: "REMOTE_UNREACHABLE",
    pattern:
      /connection refused|connection reset|no such host|network is unreachable|host is unreachable|i\/o timeout|timeout|timed out|\bEOF\b|broken pipe|TLS handshake|no route to host|temporary failure in name resolution|\b50[0234]\b|server misbehaving|connection closed/i,
    message: say("stored.unreachable"),
  },
  {
    // rclone's local backend notices a source growing or being rewritten while it reads it.
    code: "SOURCE_CHANGED",
    pattern: /source file is being updated|can't copy - source file/i,
    message: say("stored.fileChanged"),
  },
  {
    code: "SOURCE_MISSING",
    pattern: /source.*object not found|no such file or directory/i,
    message: say("stored.sourceGone"),
  },
  {
    code: "TRANSFER_INTERRUPTED",
    pattern: /context canceled/i,
    message: say("stored.transferStopped"),
  },
];

/** What a failed rc call means. `fallback` is used when no rule matches. */
export function classifyRcloneError(error: unknown, fallback: ErrorCode = "TRANSFER_FAILED"): SyncError {
  if (error instanceof RcUnavailableError) {
    return new SyncError("TRANSFER_INTERRUPTED", say("stored.rcloneStopped"), {
      cause: error,
      detail: error.message,
    });
  }
  const text = error instanceof Error ? error.message : String(error);
  for (const rule of RULES) {
    if (rule.pattern.test(text)) {
      const retryAfterMs = rule.code === "RATE_LIMITED" ? parseRetryAfter(text) : undefined;
      return new SyncError(rule.code, rule.message, {
        cause: error,
        detail: text,
        ...(rule.hint === undefined ? {} : { hint: rule.hint }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
  }
  // Never just "HTTP 500": rclone's own first line says what went wrong.
  return new SyncError(fallback, say("faults.rcloneSaid", { text: firstLine(text) }), {
    cause: error,
    detail: text,
  });
}

/** rclone's first line, short enough for a status line (the whole text stays in `detail`). */
function firstLine(text: string): string {
  const line = text.split("\n")[0]?.trim() ?? "";
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

const GO_DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/**
 * The wait a provider asked for, where rclone passes it on: its "try again after <time> (1m30s)"
 * errors carry a Go duration, and some backends quote the `Retry-After: 30` header.
 */
export function parseRetryAfter(text: string): number | undefined {
  const header = /retry-after:?\s*(\d+)/i.exec(text);
  if (header?.[1] !== undefined) return Number(header[1]) * 1000;
  const after = /try again after[^(]*\(([\d.hms]+)\)/i.exec(text);
  if (after?.[1] === undefined) return undefined;
  let total = 0;
  for (const part of after[1].matchAll(GO_DURATION_PART)) {
    total += Number(part[1]) * (UNIT_MS[part[2] ?? "s"] ?? 1000);
  }
  return total > 0 ? Math.round(total) : undefined;
}
