/**
 * Secrets must never reach logs, API output or error text. rclone echoes connection strings
 * back in its errors (`:webdav,url=…,pass=<obscured>:`), and an obscured password is only
 * encoded, not encrypted, so it is as secret as the password itself.
 */

const SECRET_KEYS = [
  "pass",
  "password",
  "pass2",
  "password2",
  "token",
  "access_token",
  "refresh_token",
  "client_secret",
  "secret",
  "secret_access_key",
  "session_token",
  "bearer_token",
  "key",
  "key_file_pass",
  "key_pem",
  "sas_url",
  "app_key",
  "api_key",
  // Signed URLs (S3 presigned, Azure SAS, Google signed): the signature is the key to the object.
  "x-amz-signature",
  "x-amz-credential",
  "x-amz-security-token",
  "x-goog-signature",
  "signature",
  "sig",
];

const KEY_ALTERNATION = SECRET_KEYS.map((key) => key.replace(/_/g, "[_-]")).join("|");

// key=value inside rclone connection strings and query strings; values may be quoted.
const ASSIGNMENT = new RegExp(`(^|[,:;?&\\s"'{])(${KEY_ALTERNATION})=('[^']*'|"[^"]*"|[^,:;&\\s'"}]+)`, "gi");
// "pass": "…" inside JSON text.
const JSON_PAIR = new RegExp(`("(?:${KEY_ALTERNATION})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi");
// scheme://user:password@host
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+):[^@\s/]+@/gi;
// Authorization: Basic/Bearer …
const AUTH_HEADER = /\b(authorization:\s*(?:basic|bearer)\s+)[a-z0-9._~+/=-]+/gi;

export const REDACTED = "***";

export function redactSecrets(text: string): string {
  return text
    .replace(ASSIGNMENT, (_match, lead: string, key: string) => `${lead}${key}=${REDACTED}`)
    .replace(JSON_PAIR, (_match, head: string) => `${head}"${REDACTED}"`)
    .replace(URL_USERINFO, `$1:${REDACTED}@`)
    .replace(AUTH_HEADER, `$1${REDACTED}`);
}
