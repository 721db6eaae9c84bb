/**
 * rclone keeps passwords in rclone.conf "obscured": AES-256-CTR with a key published in
 * rclone's source (fs/config/obscure), so the file is not plain text at a glance — not
 * encryption. Our SFTP transport needs the password itself, as rclone does.
 */
import { createDecipheriv } from "node:crypto";

const KEY = Buffer.from("9c935b48730a554d6bfd7c63c886a92bd390198eb8128afbf4de162b8b95f638", "hex");

/** The plain text of an obscured value; throws on a value that is not obscured. */
export function reveal(obscured: string): string {
  const data = Buffer.from(obscured.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (data.length < 16) throw new Error("not an obscured value (too short)");
  const decipher = createDecipheriv("aes-256-ctr", KEY, data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString("utf8");
}
