/** A file's SHA-256, streamed (a 50 MB TIFF is never held in memory). */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, signal === undefined ? {} : { signal }))
    hash.update(chunk);
  return hash.digest("hex");
}

export function sha256Text(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
